import { createHash } from 'node:crypto';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Plugin, runnerImport } from 'vite';
import { defineConfig } from 'vitest/config';
import pkg from './package.json' with { type: 'json' };

// Everything the server-side entries import from npm or Node stays an import: the package installs them.
const external = [
  ...builtinModules,
  /^node:/,
  ...Object.keys(pkg.dependencies).map((name) => new RegExp(`^${name}(/|$)`)),
  /^vite(\/|$)/,
  // An optional peer: only sites that run several relays install it.
  /^ioredis(\/|$)/,
];

// Vite's library mode emits an IIFE from one entry only, so the script-tag bundle is its own build:
// `vite build` writes the ESM entries, `vite build --mode iife` adds dist/flowmatix-leads.js.
// Exported for test/package-exports.test.ts, which pins what each entry exports.
export const esm = {
  index: 'src/browser/index.ts',
  relay: 'src/relay/index.ts',
  'relay-node': 'src/relay/adapters/node.ts',
  'relay-redis': 'src/relay/stores/redis.ts',
  vite: 'src/relay/adapters/vite.ts',
  client: 'src/flowmatix/index.ts',
  sandbox: 'src/sandbox/index.ts',
  cli: 'src/cli/index.ts',
};

// Sites that load the companion from a CDN pin it with Subresource Integrity: print the value and keep it beside the file.
const subresourceIntegrity = (): Plugin => ({
  name: 'flowmatix-leads:sri',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const integrity = `sha384-${createHash('sha384').update(chunk.code).digest('base64')}`;
      this.emitFile({ type: 'asset', fileName: `${chunk.fileName}.sri`, source: `${integrity}\n` });
      this.info(`${chunk.fileName} integrity="${integrity}"`);
    }
  },
});

export default defineConfig(({ command, mode, isPreview }) => ({
  // `npm run demo`: the demo storefront on the dev server with the relay, on an in-process sandbox unless
  // FLOWMATIX_TOKEN and FLOWMATIX_BOTS are set. Not under builds, previews or Vitest, which must not start a relay.
  // Loaded through Vite's module runner, so that loading this config for a build does not bundle the demo's sources.
  plugins:
    command === 'serve' && !isPreview && mode !== 'test'
      ? [
          runnerImport<typeof import('./demo/flowmatix-demo')>(
            fileURLToPath(new URL('demo/flowmatix-demo.ts', import.meta.url)),
          ).then(({ module }) => module.flowmatixDemo()),
        ]
      : mode === 'iife'
        ? [subresourceIntegrity()]
        : [],
  build:
    mode === 'iife'
      ? {
          emptyOutDir: false,
          // Optional chaining and ?? stay as written (Chrome 80, Safari 13.1, Firefox 74): lowering them costs
          // every visitor bytes.
          target: 'es2020',
          minify: true,
          lib: {
            entry: 'src/browser/global.ts',
            name: 'FlowmatixLeadsBundle',
            formats: ['iife'],
            fileName: () => 'flowmatix-leads.js',
          },
        }
      : {
          target: 'node20',
          minify: false,
          sourcemap: true,
          lib: { entry: esm, formats: ['es'], fileName: (_format, name) => `${name}.js` },
          rolldownOptions: { external },
        },
  test: {
    projects: [
      {
        test: {
          name: 'browser',
          environment: 'happy-dom',
          include: ['test/browser/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{shared,relay,flowmatix,sandbox,cli}/**/*.test.ts', 'test/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Real browsers on a busy 2-core machine: Chromium, Firefox and WebKit one after the other (see
          // test/e2e/run-e2e.ts; FLOWMATIX_ENGINES=firefox,webkit picks engines), each file's engines in turn.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'scale',
          environment: 'node',
          include: ['test/scale/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
}));
