import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build, type Rollup } from 'vite';
import type { CompressedSize } from './bench-results';
import { ROOT } from './build-companion';
import { compressedSize } from './compressed-size';

/** One weighed script: what it is (for the table), its text and its sizes. */
export interface WeighedScript {
  name: string;
  file: string;
  /** The text weighed: what the main-thread figures load, too. */
  text: string;
  size: CompressedSize;
}

const require = createRequire(join(ROOT, 'package.json'));

const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

const installedFile = (name: string, file: string): { file: string; text: string } => {
  const path = join(packageDir(name), file);
  return { file: relative(ROOT, path), text: readFileSync(path, 'utf8') };
};

/**
 * plausible-tracker ships ES modules only (no script-tag file): weighed as a site would ship it, its module entry
 * bundled alone into one minified IIFE with the same bundler and settings as our script-tag build.
 */
const bundledPlausible = async (): Promise<{ file: string; text: string }> => {
  const entry = join(packageDir('plausible-tracker'), 'build/module/index.js');
  const output = (await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2019',
      minify: true,
      lib: { entry, name: 'Plausible', formats: ['iife'], fileName: () => 'plausible.js' },
    },
  })) as Rollup.RollupOutput[];
  const chunk = output[0]?.output.find((item): item is Rollup.OutputChunk => item.type === 'chunk');
  if (!chunk) throw new Error('bundling plausible-tracker produced no chunk');
  return { file: `${relative(ROOT, entry)}, bundled + minified (IIFE)`, text: chunk.code };
};

/**
 * Weighs the companion (gzip -9, brotli 11) next to the anchors as installed: the `@formspree/ajax` script-tag
 * bundle (its `unpkg`/`browser` file), the `@segment/analytics-next` standalone bundle (what its CDN snippet
 * loads first; more chunks follow at run time) and plausible-tracker.
 *
 * @example
 * const [ours, ...anchors] = await measureSizes(await buildCompanion());
 */
export const measureSizes = async (companion: string): Promise<WeighedScript[]> => {
  const anchors: [string, { file: string; text: string }][] = [
    ['@formspree/ajax', installedFile('@formspree/ajax', 'dist/global.js')],
    ['@segment/analytics-next', installedFile('@segment/analytics-next', 'dist/umd/standalone.js')],
    ['plausible-tracker', await bundledPlausible()],
  ];
  return [
    {
      name: 'flowmatix-leads',
      file: 'dist/flowmatix-leads.js (vite build --mode iife, fresh)',
      text: companion,
      size: compressedSize(companion),
    },
    ...anchors.map(([name, { file, text }]) => ({ name, file, text, size: compressedSize(text) })),
  ];
};
