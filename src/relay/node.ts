import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { withArrivedBody } from './arrived-body';
import { headersFromRaw, withHeaderView } from './header-view';

export { createNodeTransport } from './create-node-transport';
export type { NodeTransportOptions } from './create-node-transport';
export { createFileHeldLeadStore, HELD_LEADS_FILE } from './file-held-lead-store';
export type { FileHeldLeadStoreOptions } from './file-held-lead-store';

/** A Node request as Express and Connect hand it on: maybe mounted (`originalUrl`), maybe already parsed (`body`). */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown };

/** Connect's and Express's `next`. */
type NextFunction = (error?: unknown) => void;

/** A listener for `node:http` (`(req, res)`) that is also Connect/Express middleware (`(req, res, next)`). */
export type NodeListener = (request: IncomingMessage, response: ServerResponse, next?: NextFunction) => Promise<void>;

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * Replace the global `Request` and `Response` with @hono/node-server's lightweight ones, as its own `serve` does
   * by default: an answer the app builds from a string is then written to the socket as it is, without a
   * `ReadableStream` in between, which saves a Node relay about a fifth of its CPU per lead. Only for a process
   * that serves the relay alone (the CLI relay does): the swap is process-wide, and a `Response` made before it,
   * or by the built-in `fetch`, is then not `instanceof Response`, which other code in a larger app may check.
   * Default false.
   */
  overrideGlobalObjects?: boolean;
}

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

const hasBody = (request: IncomingMessage): boolean =>
  request.headers['transfer-encoding'] !== undefined ||
  (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');

/**
 * A body that has arrived whole is handed over as one Buffer, as a consumed one is: the relay reads it as it is,
 * and any other app gets a one-chunk stream from @hono/node-server instead of an adapted Node stream
 * (`Readable.toWeb` and a second stream around it). A body still arriving is streamed as before; the
 * relay's size and time limits apply alike. Only what Node holds already is taken: it stops reading a socket once
 * a request has buffered its high-water mark.
 */
const takeArrivedBody = (request: NodeRequest): void => {
  if (!request.complete || request.readableDidRead || request.readableFlowing || request.rawBody !== undefined) return;
  const chunks: Buffer[] = [];
  for (let chunk: Buffer | null = request.read(); chunk !== null; chunk = request.read()) chunks.push(chunk);
  request.rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
};

/**
 * What Node has parsed already is attached for the relay to read as it is: a view of the headers, and a body that
 * arrived whole (or that a body parser consumed). Reading `headers` or `body` of @hono/node-server's lightweight
 * request would build a Fetch `Headers` (every header validated again) or a whole Fetch `Request` (abort signals,
 * a copy of the headers, a stream) for the same bytes. Any other app reads headers and body as usual.
 */
const attachParsed = (request: Request, incoming: NodeRequest): Request => {
  withHeaderView(request, headersFromRaw(incoming.rawHeaders));
  return incoming.rawBody instanceof Buffer ? withArrivedBody(request, incoming.rawBody) : request;
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
 * // A process that serves the relay and nothing else:
 * http.createServer(toNodeListener(createRelay(options), { overrideGlobalObjects: true })).listen(8787);
 */
export const toNodeListener = (app: Hono, options: NodeListenerOptions = {}): NodeListener => {
  const overrideGlobalObjects = options.overrideGlobalObjects ?? false;
  const listener = getRequestListener(
    (request, env) => app.fetch(attachParsed(request, env.incoming as NodeRequest), env),
    { overrideGlobalObjects },
  );
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
    const handOver = (): Promise<void> => {
      const mountedUrl = incoming.url;
      incoming.url = url;
      try {
        return listener(incoming, response);
      } finally {
        incoming.url = mountedUrl;
      }
    };
    if (incoming.complete || !hasBody(incoming)) {
      takeArrivedBody(incoming);
      return handOver();
    }
    // Node calls the listener once it has the headers, and parses the rest of the packet (a lead's whole body,
    // usually) only after: one turn of the event loop later it has it.
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      takeArrivedBody(incoming);
      return handOver();
    });
  };
};
