import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const OUTPUTS = ['dist/cli.js', 'dist/flowmatix-leads.js'];
const INPUTS = ['src', 'package.json', 'vite.config.ts'];
const LOCK = join(tmpdir(), 'flowmatix-leads-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

const run = promisify(execFile);

const newest = (path: string): number => {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stats.mtimeMs);
};

const isFresh = (): boolean => {
  try {
    const built = Math.min(...OUTPUTS.map((output) => statSync(join(ROOT, output)).mtimeMs));
    return INPUTS.every((input) => newest(join(ROOT, input)) <= built);
  } catch {
    return false;
  }
};

// A directory is created atomically: whoever creates it builds, the others wait. Shared by every test file (and
// every process) that needs dist/, so that two builds never write dist/ at once.
const lock = async (): Promise<() => void> => {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
};

/**
 * Builds dist/ (the ESM entries, then the companion IIFE) unless it is newer than every source file. Tests that
 * spawn the CLI or load the built companion call it in `beforeAll` (allow a minute or two).
 *
 * @example
 * beforeAll(() => buildOnce(), 180_000);
 */
export const buildOnce = async (): Promise<void> => {
  if (isFresh()) return;
  const unlock = await lock();
  try {
    if (isFresh()) return;
    await run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT });
    await run('npx', ['vite', 'build', '--mode', 'iife', '--logLevel', 'warn'], { cwd: ROOT });
  } finally {
    unlock();
  }
};
