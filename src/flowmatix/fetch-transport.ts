import type { TransportRequest, TransportResponse } from './flowmatix-transport';
import { readCappedText } from './read-capped-text';

/**
 * A transport over a Fetch function: the global `fetch` by default, or one that takes a `Request` (an in-process
 * sandbox's, a Hono app's). Redirects are not followed: `redirect: 'manual'` gives the 3xx (or a browser's opaque
 * redirect) back to the client, which refuses it. The answer's body is read as a stream up to the request's
 * `maxBodyBytes`, and stops when its signal aborts.
 *
 * @example
 * createFlowmatixClient({ token, transport: fetchTransport(sandbox.fetch) });
 */
export const fetchTransport =
  (fetchImpl?: (request: Request) => Promise<Response>): ((request: TransportRequest) => Promise<TransportResponse>) =>
  async ({ method, url, headers, body, signal, maxBodyBytes }) => {
    const init: RequestInit = { method, headers, body, signal, redirect: 'manual' };
    const response = await (fetchImpl ? fetchImpl(new Request(url, init)) : globalThis.fetch(url, init));
    let text: Promise<string> | undefined;
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      type: response.type,
      url: response.url,
      text: () => (text ??= readCappedText(response, maxBodyBytes, signal)),
    };
  };
