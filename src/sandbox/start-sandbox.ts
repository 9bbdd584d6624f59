import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox, type SandboxOptions } from './create-sandbox';

/** The port `flowmatix-leads sandbox` and `startSandbox` listen on unless told otherwise. */
export const DEFAULT_SANDBOX_PORT = 8790;

export interface StartSandboxOptions extends SandboxOptions {
  /** Default 8790; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`: the sandbox is for this machine. */
  host?: string;
  /** A JSON file that keeps the chats across restarts: read at start, rewritten (atomically) after each change. */
  persistPath?: string;
}

export interface RunningSandbox {
  /** Where it listens, e.g. `http://127.0.0.1:8790`: the `apiUrl` for a client. */
  url: string;
  token: string;
  sandbox: Sandbox;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Serves a sandbox over HTTP on Node.
 *
 * @example
 * const { url, token, close } = await startSandbox({ port: 0 });
 * const client = createFlowmatixClient({ apiUrl: url, token, botId: 'b', customerId: 'c' });
 * await close();
 */
export const startSandbox = async (options: StartSandboxOptions = {}): Promise<RunningSandbox> => {
  const { port = DEFAULT_SANDBOX_PORT, host = '127.0.0.1', persistPath, ...sandboxOptions } = options;
  if (persistPath !== undefined && sandboxOptions.store) throw new TypeError('Pass persistPath or store, not both');
  // Loaded here, not at the top: importing the sandbox must not pull Node modules into an edge runtime's bundle.
  const [{ serve }, { createFileStore }] = await Promise.all([
    import('@hono/node-server'),
    import('./create-file-store'),
  ]);
  const sandbox = createSandbox({
    ...sandboxOptions,
    ...(persistPath !== undefined && { store: createFileStore(persistPath) }),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: sandbox.fetch, port, hostname: host }, () => resolve(created as Server));
    created.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostname}:${address.port}`,
    token: sandbox.token,
    sandbox,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
};
