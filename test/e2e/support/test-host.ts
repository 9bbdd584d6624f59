import { createServer, request as forward, Agent, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { PROBLEM_PATH, RECORDER_PATH, recorderScript } from './page-recorder';

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordedResponse {
  /** Path and query of the request it answered. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a route answers instead of the site: a response, or `'unreachable'` (the connection drops unanswered). */
export type RouteAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'unreachable';

/** Answers a request itself, or `undefined` to let the site answer it. */
export type Route = (request: RecordedRequest) => RouteAnswer | undefined;

/**
 * The address a test's browser visits: a proxy in front of the site that records everything the browser sends and
 * receives, lets a test answer or drop requests (a relay that is down, a page without the companion), and serves the
 * page recorder first in every HTML page. All of it works the same whatever the engine.
 */
export interface TestHost {
  /** `http://127.0.0.1:PORT`: the site as the browser sees it. */
  url: string;
  /** Every request the browser sent, in order, with its body (beacons and keepalive fetches included). */
  requests: RecordedRequest[];
  /** Every response the browser received, with its body as sent. */
  responses: RecordedResponse[];
  /** Console errors and warnings, page errors and CSP violations the pages reported. */
  problems: string[];
  /** Answers requests whose path (without the query) is `path` or matches it, first route first. */
  route(path: string | RegExp, answer: Route): void;
  /** While true, every request but the recorder's drops unanswered, as if the network were gone. */
  setOffline(offline: boolean): void;
  /** Waits for the reports a page may still be sending, then answers the problems and forgets them. */
  takeProblems(): Promise<string[]>;
  /** Drops routes, the offline state and every record. */
  reset(): void;
  close(): Promise<void>;
}

const readBody = (message: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.once('end', () => resolve(Buffer.concat(chunks)));
    message.once('error', reject);
  });

// Conditional requests would be answered with empty 304s: every page is served whole, so every body is recorded
// and carries the recorder. Compression would hide bodies from the record.
const DROPPED_REQUEST_HEADERS = ['if-none-match', 'if-modified-since', 'accept-encoding'];
const REPORT_SETTLE_MS = 500;
// Vite's dev client in a page that unloads while its HMR socket connects falls back to the server's own port, which
// the page's CSP refuses: the dev server's doing, not the site's, and no test asks for it.
const DEV_SERVER_NOISE = /^(csp: connect-src blocked ws:\/\/|console\.(error|warn): \[vite\] )/;

const injectRecorder = (html: string): string => {
  const tag = `<script src="${RECORDER_PATH}"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  return head
    ? `${html.slice(0, head.index + head[0].length)}${tag}${html.slice(head.index + head[0].length)}`
    : `${tag}${html}`;
};

/**
 * Starts a {@link TestHost} on 127.0.0.1 and a free port in front of `target` (an `http://host:port` origin).
 * Requests reach the site with their Host header unchanged, so the site sees the address the browser used.
 *
 * @example
 * const host = await startTestHost(demo.url);
 * host.route('/api/flowmatix/lead', () => 'unreachable');
 */
export const startTestHost = async (target: string): Promise<TestHost> => {
  const origin = new URL(target);
  // A fresh connection per forwarded request: a kept-alive one that the site closes after its idle timeout, at the
  // moment it is reused, fails that request (a 502 for a script the page needed) and Node does not retry it.
  const agent = new Agent({ keepAlive: false });
  const requests: RecordedRequest[] = [];
  const responses: RecordedResponse[] = [];
  const problems: string[] = [];
  let routes: { path: string | RegExp; answer: Route }[] = [];
  let offline = false;
  const recorder = recorderScript();

  const server = createServer(async (incoming, outgoing) => {
    try {
      const body = await readBody(incoming);
      const url = incoming.url ?? '/';
      const path = url.split('?')[0] ?? '/';
      if (path === RECORDER_PATH) {
        outgoing.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(recorder);
        return;
      }
      if (path === PROBLEM_PATH) {
        const problem = body.toString('utf8');
        if (!DEV_SERVER_NOISE.test(problem)) problems.push(problem);
        outgoing.writeHead(204).end();
        return;
      }
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url,
        headers: incoming.headers,
        body: body.toString('utf8'),
      };
      requests.push(recorded);
      if (offline) {
        incoming.socket.destroy();
        return;
      }
      for (const route of routes) {
        if (typeof route.path === 'string' ? route.path !== path : !route.path.test(path)) continue;
        const answer = route.answer(recorded);
        if (answer === undefined) continue;
        if (answer === 'unreachable') {
          incoming.socket.destroy();
          return;
        }
        const headers = { 'Cache-Control': 'no-store', ...answer.headers };
        responses.push({ url, status: answer.status, headers, body: answer.body ?? '' });
        outgoing.writeHead(answer.status, headers).end(answer.body ?? '');
        return;
      }
      const headers = { ...incoming.headers };
      for (const name of DROPPED_REQUEST_HEADERS) delete headers[name];
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const upstream = forward(
          { host: origin.hostname, port: origin.port, method: incoming.method, path: url, headers, agent },
          resolve,
        );
        upstream.once('error', reject);
        upstream.end(body);
      });
      let text = (await readBody(answer)).toString('utf8');
      const answerHeaders = { ...answer.headers };
      if (String(answerHeaders['content-type'] ?? '').startsWith('text/html')) {
        text = injectRecorder(text);
        delete answerHeaders.etag;
      }
      delete answerHeaders['transfer-encoding'];
      answerHeaders['content-length'] = String(Buffer.byteLength(text));
      responses.push({ url, status: answer.statusCode ?? 0, headers: answerHeaders, body: text });
      outgoing.writeHead(answer.statusCode ?? 502, answerHeaders).end(incoming.method === 'HEAD' ? undefined : text);
    } catch (error) {
      const message = `test host: ${incoming.method} ${incoming.url} failed: ${error instanceof Error ? error.message : String(error)}`;
      // Named among the page's problems, so that a test which fails for it says why.
      problems.push(message);
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'Content-Type': 'text/plain' });
      outgoing.end(message);
    }
  });
  // Vite's client keeps a WebSocket to its server: passed through as bytes.
  server.on('upgrade', (incoming: IncomingMessage, socket, head: Buffer) => {
    const upstream = connect(Number(origin.port), origin.hostname, () => {
      const lines = [`${incoming.method} ${incoming.url} HTTP/1.1`];
      for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
        lines.push(`${incoming.rawHeaders[index]}: ${incoming.rawHeaders[index + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    responses,
    problems,
    route(path, answer) {
      routes.push({ path, answer });
    },
    setOffline(value) {
      offline = value;
    },
    async takeProblems() {
      await new Promise((resolve) => setTimeout(resolve, REPORT_SETTLE_MS));
      return problems.splice(0);
    },
    reset() {
      routes = [];
      offline = false;
      requests.length = 0;
      responses.length = 0;
      problems.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
};
