import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { loadEnv, type Connect, type Plugin, type ResolvedConfig } from 'vite';
import { companionFilePaths, readCompanionFile } from './companion-file';
import { createHeldLeadForwarder } from '../core/create-held-lead-forwarder';
import { createRelay } from '../core/create-relay';
import { createNodeTransport, toNodeListener } from './node';
import { openHeldLeadStore, type OpenedHeldLeadStore } from '../stores/open-held-lead-store';
import { relayOptionsFromEnv } from '../core/relay-options-from-env';
import type { RelayOptions } from '../core/relay-options';

// Long enough for a Redis on the network to answer; short enough that a dev server whose Redis is down starts anyway.
const REDIS_READY_MS = 3000;

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
 * Leads without a chat UUID are held, unless the options name a `heldLeadStore`, in the store `flowmatix-leads held`
 * reads: Redis when `FLOWMATIX_REDIS_URL` is set, else the file in `FLOWMATIX_DATA_DIR` (default
 * `./.flowmatix-leads/`, from the working directory). With `forward` (`FLOWMATIX_FORWARD_URL`), held leads due
 * again are swept every minute while the server runs.
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
  const mount = async (
    middlewares: Connect.Server,
    httpServer: Server | null,
    { root, mode, envDir, logger }: ResolvedConfig,
  ): Promise<void> => {
    const paths = typeof companion === 'string' ? [resolve(root, companion)] : companionFilePaths(root);
    const env = { ...process.env, ...loadEnv(mode, envDir, 'FLOWMATIX_') };
    const merged = {
      ...relayOptionsFromEnv(env),
      ...(companion !== false && {
        companionScript: () => readCompanionFile(paths),
        companionCacheControl: 'no-cache',
      }),
      ...relayOptions,
    } as RelayOptions;
    const held: OpenedHeldLeadStore | undefined = merged.heldLeadStore
      ? undefined
      : await openHeldLeadStore(env, {
          ...(merged.heldTtlMs !== undefined && { ttlMs: merged.heldTtlMs }),
          onWarning: (message) => logger.warn(`[flowmatix-leads] ${message}`),
        });
    await held?.ready(REDIS_READY_MS).catch(() => {
      // The URL may hold a password: it is not repeated.
      logger.warn(`[flowmatix-leads] ${held.where} is not reachable yet: leads without a chat UUID get 503 meanwhile`);
    });
    const heldLeadStore = merged.heldLeadStore ?? held?.store;
    // Swept on a timer, not only as requests come: a dev server may sit idle while a receiver comes back.
    const forwarder =
      merged.forwarder ??
      (merged.forward &&
        heldLeadStore &&
        createHeldLeadForwarder({
          ...merged.forward,
          store: heldLeadStore,
          ...(merged.logger === false && { logger: false }),
        }));
    const stopForwarding = merged.forwarder ? undefined : forwarder?.start();
    httpServer?.once('close', () => {
      stopForwarding?.();
      void held?.close();
    });
    // Node's own HTTP client unless the options name another way to reach Flowmatix.
    const ownTransport = merged.fetch === undefined && merged.transport === undefined && merged.upstream === undefined;
    const options = { ...merged, heldLeadStore, ...(forwarder && { forwarder }) };
    const relay = createRelay(ownTransport ? { ...options, transport: createNodeTransport() } : options);
    middlewares.use(toNodeListener(relay) as Connect.NextHandleFunction);
  };
  return {
    name: 'flowmatix-relay',
    async configureServer(server) {
      await mount(server.middlewares, server.httpServer as Server | null, server.config);
    },
    async configurePreviewServer(server) {
      await mount(server.middlewares, server.httpServer as Server, server.config);
    },
  };
};
