import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** A single-file ES module bundle in a temporary directory. */
export interface EdgeBundle {
  dir: string;
  /** The bundle's path, `{dir}/worker.js`. */
  file: string;
  code: string;
  /** Removes the directory. */
  remove(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Bundles a fixture entry with everything it imports (hono, zod, the relay) into one ES module, as a
 * deployment to Workers, Deno or Bun would. Nothing is left external: an edge runtime has no node_modules.
 *
 * @example
 * const bundle = await bundleEdgeEntry('test/scale/fixtures/workerd-worker.ts');
 */
export const bundleEdgeEntry = async (entry: string): Promise<EdgeBundle> => {
  const dir = await mkdtemp(join(tmpdir(), 'flowmatix-edge-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    build: {
      outDir: dir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      copyPublicDir: false,
      lib: { entry: resolve(ROOT, entry), formats: ['es'], fileName: () => 'worker.js' },
    },
  });
  const file = join(dir, 'worker.js');
  return { dir, file, code: await readFile(file, 'utf8'), remove: () => rm(dir, { recursive: true, force: true }) };
};

/** The modules a bundle still imports (`import … from "x"`, `import("x")`, `require("x")`): none for an edge runtime. */
export const importsLeftIn = (code: string): string[] => {
  const found = new Set<string>();
  const patterns = [
    /^\s*import\s[^;]*?from\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /^\s*export\s[^;]*?from\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found];
};
