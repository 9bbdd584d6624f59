import { execFile } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The edge runtimes the scale suite runs the relay bundle in, at exact versions. They weigh ~350 MB together and
 * only this suite uses them, so they are not devDependencies: they are installed on first use into a cache folder.
 */
export const EDGE_RUNTIMES = { bun: '1.4.5', deno: '2.9.6', workerd: '1.20261117.1' } as const;

export type EdgeRuntime = keyof typeof EDGE_RUNTIMES;

/** Where they are installed; `FLOWMATIX_RUNTIMES_DIR` moves it (a CI cache, say). */
export const RUNTIMES_DIR = resolve(
  process.env.FLOWMATIX_RUNTIMES_DIR ?? join(import.meta.dirname, '../../.cache/runtimes'),
);

/** The path of a runtime's executable. */
export const edgeRuntimeBin = (runtime: EdgeRuntime): string => join(RUNTIMES_DIR, 'node_modules/.bin', runtime);

const installedVersion = async (runtime: EdgeRuntime): Promise<string | undefined> => {
  try {
    await access(edgeRuntimeBin(runtime));
    const manifest = await readFile(join(RUNTIMES_DIR, 'node_modules', runtime, 'package.json'), 'utf8');
    return (JSON.parse(manifest) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

/**
 * Installs the runtimes of {@link EDGE_RUNTIMES} into {@link RUNTIMES_DIR} unless they are there at those versions
 * already (from the npm cache when it has them). Answers whether it installed anything.
 *
 * @example
 * await installEdgeRuntimes();
 * spawn(edgeRuntimeBin('deno'), ['run', 'worker.js']);
 */
export const installEdgeRuntimes = async (): Promise<boolean> => {
  const names = Object.keys(EDGE_RUNTIMES) as EdgeRuntime[];
  const versions = await Promise.all(names.map(installedVersion));
  if (names.every((name, index) => versions[index] === EDGE_RUNTIMES[name])) return false;
  await mkdir(RUNTIMES_DIR, { recursive: true });
  const manifest = { name: 'flowmatix-edge-runtimes', private: true, dependencies: EDGE_RUNTIMES };
  await writeFile(join(RUNTIMES_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await promisify(execFile)(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'], {
    cwd: RUNTIMES_DIR,
    maxBuffer: 16 * 1024 * 1024,
  });
  return true;
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const installed = await installEdgeRuntimes();
  const versions = Object.entries(EDGE_RUNTIMES)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const how = installed ? `installed in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'already installed';
  console.log(`Edge runtimes (${versions}) ${how} in ${RUNTIMES_DIR}`);
}
