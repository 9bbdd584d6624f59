import { resolve } from 'node:path';
import { loadEnv, type Connect, type Plugin, type ResolvedConfig } from 'vite';
import { companionFilePaths, readCompanionFile } from './companion-file';
import { createRelay } from './create-relay';
import { createNodeTransport, toNodeListener } from './node';
import { relayOptionsFromEnv } from './relay-options-from-env';
import type { RelayOptions } from './relay-options';

/** Options of the `flowmatixRelay` Vite plugin: relay options (over the environment's) and the companion switch. */
export type FlowmatixRelayPluginOptions = Partial<RelayOptions> & {
  /**
   * Serve the built companion at `/flowmatix-leads.js`: `true` (default) finds `dist/flowmatix-leads.js` (next to
   * the installed package, or in the project), a string names the file, `false` leaves the path to Vite.
   */
  companion?: boolean | string;
};

/**
 * A Vite plugin that mounts the relay on the dev server (`vite`) and the preview server (`vite preview`), and
 * serves the built companion at `/flowmatix-leads.js`. Options given here win over the environment, read as Vite
 * reads it: the `FLOWMATIX_*` variables of the project's `.env` files for the mode (`.env`, `.env.local`,
 * `.env.development`…; never exposed to the browser, which sees `VITE_*` ones only), under the process
 * environment, which wins. With no options, the relay is configured from the environment alone. The relay is
 * created when a server starts, so `vite build` needs no token. The companion is served with
 * `Cache-Control: no-cache` and an ETag: always fresh while developing, still cheap.
 *
 * The relay runs after Vite's host check (its guard against DNS rebinding) and after Vite's CORS middleware,
 * whose headers it removes from its answers. Vite itself still answers CORS preflights from local origins
 * (`server.cors`); the POST that may follow meets the relay's origin gate all the same.
 *
 * @example
 * // vite.config.ts
 * export default defineConfig({ plugins: [flowmatixRelay({ bots: '64f0a1:65b2c3' })] });
 */
export const flowmatixRelay = (options: FlowmatixRelayPluginOptions = {}): Plugin => {
  const { companion = true, ...relayOptions } = options;
  const mount = (middlewares: Connect.Server, { root, mode, envDir }: ResolvedConfig): void => {
    const paths = typeof companion === 'string' ? [resolve(root, companion)] : companionFilePaths(root);
    const merged = {
      ...relayOptionsFromEnv({ ...process.env, ...loadEnv(mode, envDir, 'FLOWMATIX_') }),
      ...(companion !== false && { companionScript: () => readCompanionFile(paths), companionCacheControl: 'no-cache' }),
      ...relayOptions,
    } as RelayOptions;
    // Node's own HTTP client unless the options name another way to reach Flowmatix.
    const ownTransport = merged.fetch === undefined && merged.transport === undefined && merged.upstream === undefined;
    const relay = createRelay(ownTransport ? { ...merged, transport: createNodeTransport() } : merged);
    middlewares.use(toNodeListener(relay) as Connect.NextHandleFunction);
  };
  return {
    name: 'flowmatix-relay',
    configureServer(server) {
      mount(server.middlewares, server.config);
    },
    configurePreviewServer(server) {
      mount(server.middlewares, server.config);
    },
  };
};
