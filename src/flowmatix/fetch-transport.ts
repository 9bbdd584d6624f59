import type { TransportRequest } from './flowmatix-transport';

/**
 * A transport over a Fetch function: the global `fetch` by default, or one that takes a `Request` (an in-process
 * sandbox's, a Hono app's). Redirects are not followed: `redirect: 'manual'` gives the 3xx (or a browser's opaque
 * redirect) back to the client, which refuses it.
 *
 * @example
 * createFlowmatixClient({ token, transport: fetchTransport(sandbox.fetch) });
 */
export const fetchTransport =
  (fetchImpl?: (request: Request) => Promise<Response>): ((request: TransportRequest) => Promise<Response>) =>
  ({ method, url, headers, body, signal }) => {
    const init: RequestInit = { method, headers, body, signal, redirect: 'manual' };
    return fetchImpl ? fetchImpl(new Request(url, init)) : globalThis.fetch(url, init);
  };
