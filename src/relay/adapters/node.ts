import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { withArrivedBody } from '../core/arrived-body';
import { headersFromRaw, withHeaderView } from '../core/header-view';
import { answersMalformedRequests, malformedRequest } from '../core/malformed-request';

export { createNodeTransport } from './create-node-transport';
export type { NodeTransportOptions } from './create-node-transport';
export { createFileHeldLeadStore, HELD_LEADS_FILE } from '../stores/file-held-lead-store';
export type { FileHeldLeadStoreOptions } from '../stores/file-held-lead-store';

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
 * What the client is told about a request @hono/node-server could not make into a Fetch `Request`, by the message
 * of the error it raises.
 */
const MALFORMED_MESSAGES: Record<string, string> = {
  'Missing host header': 'The request has no Host header: send the host name of the site, as HTTP/1.1 requires.',
  'Invalid host header': 'The Host header is not a host name with an optional port.',
  'Backslash in request path': 'The request path holds a backslash, which no URL the relay serves does.',
  'Invalid absolute URL': 'The request target is not a valid URL.',
};

/** A request made wholly of what Node parsed, before any Fetch object exists: what the relay logs of it. */
const describeMalformed = (incoming: IncomingMessage, url: string, error: unknown) => ({
  method: incoming.method ?? 'GET',
  path: url,
  message: !/^(\/|https?:\/\/)/i.test(url)
    ? 'The request target is not a path.'
    : (error instanceof Error && MALFORMED_MESSAGES[error.message]) ||
      'The request could not be read: its request line or Host header is malformed.',
});

/**
 * Host names are case-insensitive, but @hono/node-server compares the `Host` header with the name its URL parser
 * lowercased, and answers `Host: LOCALHOST:8787` with a bare 400: the relay is handed the lowercase name instead.
 */
const lowercaseHost = (incoming: IncomingMessage): (() => void) => {
  const { host } = incoming.headers;
  if (host === undefined || host === host.toLowerCase()) return () => undefined;
  incoming.headers.host = host.toLowerCase();
  return () => {
    incoming.headers.host = host;
  };
};

/**
 * The answer in progress on a socket, for `toClientErrorListener`: Node hands a request over once its headers parse
 * and may refuse the body after (a Transfer-Encoding it cannot read); that request gets the one answer it started.
 */
const answering = new WeakMap<object, ServerResponse>();

/**
 * Turns the relay (or any Hono app) into a Node listener, for `http.createServer` and as Express or Connect
 * middleware. Under Express it works after `express.json()` (the parsed body is handed back) and under a mount
 * path (the app sees `req.originalUrl`, the path the browser used, so the relay's `path` stays the public one).
 * As middleware, a request the app has no route for goes on to `next()`; on a bare server it gets the app's 404.
 * CORS headers an earlier middleware set are removed from the app's answers.
 * The client address reaches the relay from the socket (see `TrustProxy` for proxies).
 *
 * A request that cannot become a Fetch `Request` (a `Host` that is not a host name, a backslash in the path,
 * HTTP/1.0 without `Host`) is answered by the relay all the same: 400 `bad_request` in its JSON, with a
 * `requestId` and a log line; other apps get @hono/node-server's bare 400. Node itself answers an HTTP/1.1
 * request without `Host` before any listener runs: `createServer({ requireHostHeader: false }, listener)` hands
 * it to the relay too (the CLI relay does so).
 *
 * @example
 * http.createServer(toNodeListener(createRelay(options))).listen(8787);
 * expressApp.use(toNodeListener(createRelay(options)));
 * // A process that serves the relay and nothing else:
 * http.createServer(toNodeListener(createRelay(options), { overrideGlobalObjects: true })).listen(8787);
 */
export const toNodeListener = (app: Hono, options: NodeListenerOptions = {}): NodeListener => {
  const overrideGlobalObjects = options.overrideGlobalObjects ?? false;
  // The request being handed over: @hono/node-server calls `errorHandler` synchronously, inside that call.
  let handing: { incoming: NodeRequest; url: string } | undefined;
  const listener = getRequestListener(
    (request, env) => app.fetch(attachParsed(request, env.incoming as NodeRequest), env),
    {
      overrideGlobalObjects,
      errorHandler: (error) => {
        const parsing = error instanceof Error && error.name === 'RequestError' && handing !== undefined;
        if (!parsing || !answersMalformedRequests(app)) {
          return new Response(null, { status: parsing ? 400 : 500 });
        }
        const { incoming, url } = handing as { incoming: NodeRequest; url: string };
        return app.fetch(malformedRequest(describeMalformed(incoming, url, error)), { incoming });
      },
    },
  );
  return (request, response, next) => {
    const incoming = request as NodeRequest;
    const url = incoming.originalUrl ?? incoming.url ?? '/';
    if (next && app.router.match(routeMethod(incoming.method), pathOf(url))[0].length === 0) {
      next();
      return Promise.resolve();
    }
    restoreConsumedBody(incoming);
    answering.set(incoming.socket, response);
    // An earlier middleware (Vite's, the cors package) may have set CORS headers already: the relay answers without.
    for (const name of response.getHeaderNames()) {
      if (name.startsWith('access-control-')) response.removeHeader(name);
    }
    // The listener reads `url` synchronously, before its first await; Express expects its own value back after.
    const handOver = (): Promise<void> => {
      const mountedUrl = incoming.url;
      incoming.url = url;
      const restoreHost = lowercaseHost(incoming);
      handing = { incoming, url };
      try {
        return listener(incoming, response);
      } finally {
        handing = undefined;
        restoreHost();
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

/** What Node's parser says of a request it refused, for the 400 the relay answers; by `HPE_*` code. */
const PARSE_ERROR_MESSAGES: Record<string, string> = {
  HPE_INVALID_METHOD: 'The request method is not one HTTP knows: send POST.',
  HPE_INVALID_CONTENT_LENGTH: 'The Content-Length header is not a length.',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'The body is framed twice: send Content-Length or Transfer-Encoding: chunked.',
  HPE_INVALID_TRANSFER_ENCODING:
    'The body is framed in a way the relay does not read: send Content-Length or Transfer-Encoding: chunked, not both.',
  HPE_INVALID_URL: 'The request target is not a path.',
  HPE_INVALID_HEADER_TOKEN: 'A header name or value holds characters HTTP does not allow.',
};

// The request line as far as it goes: what the log line shows of a request that has no other record.
const REQUEST_LINE = /^([!#$%&'*+.^_`|~\dA-Za-z-]{1,20}) (\S{1,300})/;

/**
 * A `clientError` listener for a `node:http` server that serves the relay alone: a request Node's own parser refuses
 * (an unknown method, a malformed Content-Length, both framings, a Transfer-Encoding other than chunked) is
 * answered 400 `bad_request` in the relay's JSON, with a `requestId` and a log line, instead of Node's bare 400.
 * Other refusals (headers too large: 431, a request too slow: 408) keep Node's answer, and a connection that broke
 * or already had an answer is closed, as Node does.
 *
 * @example
 * const server = http.createServer(toNodeListener(relay));
 * server.on('clientError', toClientErrorListener(relay));
 */
export const toClientErrorListener =
  (app: Hono) =>
  (error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex & { bytesWritten?: number }): void => {
    const started = answering.get(socket);
    if (started && !started.writableFinished) {
      started.once('close', () => socket.destroy());
      return;
    }
    if (!socket.writable || (socket.bytesWritten ?? 0) > 0) {
      socket.destroy();
      return;
    }
    const code = error.code ?? '';
    const status =
      code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
          ? 413
          : code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? 408
            : 400;
    if (status !== 400 || !answersMalformedRequests(app)) {
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const line = REQUEST_LINE.exec(error.rawPacket?.toString('latin1') ?? '');
    const malformed = malformedRequest({
      method: line?.[1] ?? '-',
      path: line?.[2] ?? '-',
      message: PARSE_ERROR_MESSAGES[code] ?? 'The request could not be read: it is not well-formed HTTP/1.1.',
    });
    void Promise.resolve(app.fetch(malformed))
      .then(async (response) => {
        const body = Buffer.from(await response.text());
        const head = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
        response.headers.forEach((value, name) => {
          if (!/^(content-length|connection|transfer-encoding)$/i.test(name)) head.push(`${name}: ${value}`);
        });
        head.push(`Content-Length: ${body.length}`, 'Connection: close', '', '');
        socket.end(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), body]));
      })
      .catch(() => socket.destroy());
  };
