import { readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build, createServer, type ViteDevServer } from 'vite';
import { flowmatixDemo } from '../../../demo/flowmatix-demo';
import { createSandbox, type Sandbox } from '../../../src/sandbox';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const COMPANION_BUNDLE = join(ROOT, 'dist/flowmatix-leads.js');

const newestMtime = (directory: string): number =>
  readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);

/** Builds dist/flowmatix-leads.js (`vite build --mode iife`) unless it is newer than every source it comes from. */
export const ensureCompanionBuilt = async (): Promise<void> => {
  let built = 0;
  try {
    built = statSync(COMPANION_BUNDLE).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(newestMtime(join(ROOT, 'src/browser')), newestMtime(join(ROOT, 'src/shared')));
  if (built > sources) return;
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), mode: 'iife', logLevel: 'warn' });
};

export interface DemoServer {
  url: string;
  server: ViteDevServer;
  sandbox: Sandbox;
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
 */
export const startDemo = async (options: { sandbox?: Sandbox } = {}): Promise<DemoServer> => {
  await ensureCompanionBuilt();
  const { sandbox, counts } = countingPuts(options.sandbox ?? createSandbox());
  const server = await createServer({
    root: ROOT,
    configFile: false,
    mode: 'development',
    logLevel: 'silent',
    clearScreen: false,
    plugins: flowmatixDemo({ env: {}, sandbox, relay: { logger: false } }),
    // No file watching: the suite edits nothing, and the machine is shared.
    server: { host: '127.0.0.1', port: 0, strictPort: true, watch: null },
  });
  await server.listen();
  const { port } = server.httpServer?.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    sandbox,
    acceptedPuts: (uuid) => counts.get(uuid) ?? 0,
    close: () => server.close(),
  };
};
