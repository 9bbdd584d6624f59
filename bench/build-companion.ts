import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..');

/**
 * Builds the script-tag bundle fresh, exactly as `vite build --mode iife` builds dist/flowmatix-leads.js, into a
 * directory of its own (so a run never rewrites dist/ under a test that reads it), and answers its text.
 *
 * @example
 * const companion = await buildCompanion(); // '(function(){…'
 */
export const buildCompanion = async (): Promise<string> => {
  const outDir = mkdtempSync(join(tmpdir(), 'flowmatix-leads-bench-'));
  try {
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      mode: 'iife',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    return readFileSync(join(outDir, 'flowmatix-leads.js'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
};
