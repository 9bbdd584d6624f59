import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';

export { createNodeTransport } from './create-node-transport';
export type { NodeTransportOptions } from './create-node-transport';

/** A Node request as Express and Connect hand it on: maybe mounted (`originalUrl`), maybe already parsed (`body`). */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown };

/** Connect's and Express's `next`. */
type NextFunction = (error?: unknown) => void;

/** A listener for `node:http` (`(req, res)`) that is also Connect/Express middleware (`(req, res, next)`). */
export type NodeListener = (request: IncomingMessage, response: ServerResponse, next?: NextFunction) => Promise<void>;

// `GET` routes answer `HEAD` too in Hono.
const routeMethod = (method: string | undefined): string => (method === 'HEAD' ? 'GET' : (method ?? 'GET'));

const pathOf = (url: string): string => {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
};

/**
 * A body-parsing middleware (`express.json()`, `express.text()`, `express.raw()`) may have read the stream
 * already. Hand its result back to @hono/node-server as `rawBody`, which it reads instead of the stream.
 */
const restoreConsumedBody = (request: NodeRequest): void => {
  const consumed = request.readableEnded || (request.complete && !request.readable);
  if (!consumed || request.rawBody instanceof Buffer) return;
  const { body } = request;
  request.rawBody =
    body instanceof Buffer
      ? body
      : typeof body === 'string'
        ? Buffer.from(body)
        : Buffer.from(body === undefined ? '' : JSON.stringify(body));
};

/**
 * Turns the relay (or any Hono app) into a Node listener, for `http.createServer` and as Express or Connect
 * middleware. Under Express it works after `express.json()` (the parsed body is handed back) and under a mount
 * path (the app sees `req.originalUrl`, the path the browser used, so the relay's `path` stays the public one).
 * As middleware, a request the app has no route for goes on to `next()`; on a bare server it gets the app's 404.
 * CORS headers an earlier middleware set are removed from the app's answers.
 * The client address reaches the relay from the socket (see `TrustProxy` for proxies).
 *
 * @example
 * http.createServer(toNodeListener(createRelay(options))).listen(8787);
 * expressApp.use(toNodeListener(createRelay(options)));
 */
export const toNodeListener = (app: Hono): NodeListener => {
  const listener = getRequestListener((request, env) => app.fetch(request, env), { overrideGlobalObjects: false });
  return (request, response, next) => {
    const incoming = request as NodeRequest;
    const url = incoming.originalUrl ?? incoming.url ?? '/';
    if (next && app.router.match(routeMethod(incoming.method), pathOf(url))[0].length === 0) {
      next();
      return Promise.resolve();
    }
    restoreConsumedBody(incoming);
    // An earlier middleware (Vite's, the cors package) may have set CORS headers already: the relay answers without.
    for (const name of response.getHeaderNames()) {
      if (name.startsWith('access-control-')) response.removeHeader(name);
    }
    // The listener reads `url` synchronously, before its first await; Express expects its own value back after.
    const mountedUrl = incoming.url;
    incoming.url = url;
    try {
      return listener(incoming, response);
    } finally {
      incoming.url = mountedUrl;
    }
  };
};
