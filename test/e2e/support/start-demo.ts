import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, createServer, type ViteDevServer } from 'vite';
import { flowmatixDemo } from '../../../demo/flowmatix-demo';
import { createMemoryHeldLeadStore, type HeldLeadStore } from '../../../src/relay/stores/held-lead-store';
import { createSandbox, type Sandbox } from '../../../src/sandbox';

export const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Builds the companion as `vite build --mode iife` does, from the sources as they are now, into a directory of its
 * own: the suite never serves a stale dist/, and a build of dist/ running meanwhile cannot pull the file away.
 */
export const buildCompanion = async (): Promise<{ path: string; remove(): void }> => {
  const directory = mkdtempSync(join(tmpdir(), 'flowmatix-e2e-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'iife',
    logLevel: 'warn',
    build: { outDir: directory },
  });
  return {
    path: join(directory, 'flowmatix-leads.js'),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
};

export interface DemoServer {
  url: string;
  server: ViteDevServer;
  sandbox: Sandbox;
  /** Where the relay holds leads that have no chat UUID yet. */
  heldLeads: HeldLeadStore;
  /** The companion bundle this server serves at /flowmatix-leads.js. */
  companionPath: string;
  /** How many PUTs for this visitor the sandbox accepted: 1 means delivered exactly once. */
  acceptedPuts(uuid: string): number;
  close(): Promise<void>;
}

/** The sandbox as the relay sees it, counting the PUTs it accepts per visitor UUID. */
const countingPuts = (sandbox: Sandbox): { sandbox: Sandbox; counts: Map<string, number> } => {
  const counts = new Map<string, number>();
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.method === 'PUT' ? await request.clone().text() : '';
    const response = await sandbox.fetch(request);
    if (request.method === 'PUT' && response.ok) {
      const { uuid } = JSON.parse(body) as { uuid: string };
      counts.set(uuid, (counts.get(uuid) ?? 0) + 1);
    }
    return response;
  };
  return { sandbox: { ...sandbox, fetch }, counts };
};

/**
 * Serves the demo storefront on 127.0.0.1 and a free port with the same plugins `npm run demo` uses, in sandbox
 * mode whatever the environment says (a developer's FLOWMATIX_TOKEN must not turn a test run into real API calls).
 * The sandbox is the demo's own kind unless one is given: it refuses a PUT for a visitor the widget never
 * registered. Held leads stay in memory, never in a data directory of the project.
 */
export const startDemo = async (
  options: { sandbox?: Sandbox; heldLeadStore?: HeldLeadStore } = {},
): Promise<DemoServer> => {
  const companion = await buildCompanion();
  const { sandbox, counts } = countingPuts(options.sandbox ?? createSandbox({ unknownUuid: 'reject' }));
  const heldLeads = options.heldLeadStore ?? createMemoryHeldLeadStore();
  const server = await createServer({
    root: ROOT,
    configFile: false,
    mode: 'development',
    logLevel: 'silent',
    clearScreen: false,
    plugins: flowmatixDemo({
      env: {},
      sandbox,
      heldLeadStore: heldLeads,
      relay: { logger: false, companion: companion.path },
    }),
    // No file watching: the suite edits nothing, and the machine is shared.
    server: { host: '127.0.0.1', port: 0, strictPort: true, watch: null },
  });
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    sandbox,
    heldLeads,
    companionPath: companion.path,
    acceptedPuts: (uuid) => counts.get(uuid) ?? 0,
    async close() {
      await server.close();
      companion.remove();
    },
  };
};
