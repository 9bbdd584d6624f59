import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createRelay } from '../../../src/relay/core/create-relay';
import { toClientErrorListener, toNodeListener } from '../../../src/relay/adapters/node';
import type { RelayOptions } from '../../../src/relay/core/relay-options';
import { createSandbox } from '../../../src/sandbox/create-sandbox';
import { BOT, expectTokenNeverObserved, lead, observe, TOKEN, UUID } from '../core/relay-harness';

const servers: Server[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  expectTokenNeverObserved();
});

const listen = async (server: Server): Promise<string> => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const relayOn = (options: Partial<RelayOptions> = {}) => {
  const sandbox = createSandbox({ token: TOKEN });
  const relay = createRelay({
    token: sandbox.token,
    fetch: sandbox.fetch,
    bots: [BOT],
    logger: (entry) => observe(JSON.stringify(entry)),
    ...options,
  });
  return { sandbox, relay };
};

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { origin: new URL(url).origin, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  observe(text);
  observe(JSON.stringify([...response.headers]));
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as Record<string, unknown> };
};

/** Writes raw bytes on a socket and returns the status line of the answer. */
const rawStatusLine = (base: string, request: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });

/** Writes raw bytes on a socket and returns the whole answer: status line, headers (lowercase names) and body. */
const rawAnswer = (
  base: string,
  request: string,
): Promise<{ statusLine: string; headers: Record<string, string>; body: string }> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      let body = rest.join('\r\n\r\n');
      // A chunked body, as Node writes one: size line, data, and the last chunk.
      if (headers['transfer-encoding'] === 'chunked')
        body = body
          .split('\r\n')
          .filter((_, index) => index % 2 === 1)
          .join('');
      resolve({ statusLine, headers, body });
    });
    socket.on('error', reject);
  });

/** A raw POST of a lead to the relay's path: the request line, `Host`, these header lines, then the JSON body. */
const rawLeadPost = (host: string, lines: string[], body: string): string =>
  [
    'POST /api/flowmatix/lead HTTP/1.1',
    `Host: ${host}`,
    ...lines,
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');

describe('adapters: node:http', () => {
  it('relays a lead over loopback to the sandbox', async () => {
    const { sandbox, relay } = relayOn();
    const base = await listen(createServer(toNodeListener(relay)));
    const answer = await post(`${base}/api/flowmatix/lead`, lead({ email: 'ada@example.com' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe(answer.json.requestId);
    expect(sandbox.chats().map((chat) => chat.uuid)).toEqual([UUID]);
  });

  it('refuses a 70 KB body with 413 and keeps serving', async () => {
    const { relay } = relayOn();
    const base = await listen(createServer(toNodeListener(relay)));
    const big = await post(`${base}/api/flowmatix/lead`, lead({ name: 'x'.repeat(70_000) }));
    expect(big.status).toBe(413);
    expect((await post(`${base}/api/flowmatix/lead`, lead())).status).toBe(200);
  });

  it('limits by the socket address', async () => {
    const { relay } = relayOn({ rateLimit: { ip: { capacity: 1, refillPerSecond: 0.01 } } });
    const base = await listen(createServer(toNodeListener(relay)));
    expect((await post(`${base}/api/flowmatix/lead`, lead())).status).toBe(200);
    const second = await post(`${base}/api/flowmatix/lead`, lead(), { 'x-forwarded-for': '198.51.100.1' });
    expect(second.status).toBe(429);
  });

  it('answers other paths with its JSON 404 on a bare server', async () => {
    const { relay } = relayOn();
    const base = await listen(createServer(toNodeListener(relay)));
    const response = await fetch(`${base}/elsewhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('never sees a request that carries both Content-Length and Transfer-Encoding', async () => {
    const { sandbox, relay } = relayOn();
    const base = await listen(createServer(toNodeListener(relay)));
    const body = JSON.stringify(lead());
    const smuggled = [
      'POST /api/flowmatix/lead HTTP/1.1',
      `Host: ${new URL(base).host}`,
      `Origin: ${base}`,
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      'Transfer-Encoding: chunked',
      '',
      `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    ].join('\r\n');
    expect(await rawStatusLine(base, smuggled)).toMatch(/^HTTP\/1\.1 400/);
    expect(sandbox.puts()).toBe(0);
  });

  it('relays a lead whose body arrives in pieces after its headers, and a chunked one', async () => {
    const { sandbox, relay } = relayOn();
    const base = await listen(createServer(toNodeListener(relay)));
    const { hostname, port } = new URL(base);
    const body = JSON.stringify(lead());
    const head = (framing: string) =>
      [
        'POST /api/flowmatix/lead HTTP/1.1',
        `Host: ${new URL(base).host}`,
        `Origin: ${base}`,
        'Content-Type: application/json',
        framing,
        'Connection: close',
        '',
        '',
      ].join('\r\n');
    const send = (parts: string[]): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(port), hostname, async () => {
          for (const part of parts) {
            socket.write(part);
            await new Promise((wait) => setTimeout(wait, 30));
          }
        });
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
        socket.on('error', reject);
      });
    const half = Math.floor(body.length / 2);
    expect(await send([head(`Content-Length: ${body.length}`), body.slice(0, half), body.slice(half)])).toMatch(
      / 200 /,
    );
    const chunked = `${half.toString(16)}\r\n${body.slice(0, half)}\r\n${(body.length - half).toString(16)}\r\n${body.slice(half)}\r\n0\r\n\r\n`;
    expect(await send([head('Transfer-Encoding: chunked'), chunked])).toMatch(/ 200 /);
    expect(sandbox.puts()).toBe(2);
  });

  it('reads repeated headers as Fetch does: two Origin or Sec-Fetch-Site lines are refused, as in-process', async () => {
    const { sandbox, relay } = relayOn();
    const base = await listen(createServer(toNodeListener(relay)));
    const body = JSON.stringify(lead());
    const withLines = (...lines: string[]) => rawLeadPost(new URL(base).host, lines, body);
    // Joined, each pair reads "a, b": neither the relay's own origin nor "same-origin".
    expect(await rawStatusLine(base, withLines(`Origin: ${base}`, `Origin: ${base}`))).toMatch(/^HTTP\/1\.1 403/);
    expect(await rawStatusLine(base, withLines('Sec-Fetch-Site: same-origin', 'sec-fetch-site: same-origin'))).toMatch(
      /^HTTP\/1\.1 403/,
    );
    expect(sandbox.puts()).toBe(0);
    expect(await rawStatusLine(base, withLines(`Origin: ${base}`))).toMatch(/^HTTP\/1\.1 200/);
    expect(sandbox.puts()).toBe(1);
  });

  it('refuses a rebound host name with allowedHosts: Host evil.example gets 403, the loopback address 200', async () => {
    const { sandbox, relay } = relayOn({ allowedHosts: ['localhost', '127.0.0.1', '[::1]'] });
    const base = await listen(createServer(toNodeListener(relay)));
    const body = JSON.stringify(lead());
    // What a page on evil.example sends once its name points at 127.0.0.1: its own Host and Origin.
    const as = (host: string) => rawLeadPost(host, [`Origin: http://${host}`, 'Sec-Fetch-Site: same-origin'], body);
    expect(await rawStatusLine(base, as('evil.example'))).toMatch(/^HTTP\/1\.1 403/);
    expect(await rawStatusLine(base, as(`evil.example:${new URL(base).port}`))).toMatch(/^HTTP\/1\.1 403/);
    expect(sandbox.puts()).toBe(0);
    expect(await rawStatusLine(base, as(new URL(base).host))).toMatch(/^HTTP\/1\.1 200/);
    expect(sandbox.puts()).toBe(1);
  });
});

describe('adapters: node:http, requests Node parsed but Fetch cannot hold', () => {
  const logged: Record<string, unknown>[] = [];
  const relayLogging = (options: Partial<RelayOptions> = {}) =>
    relayOn({ logger: (entry) => logged.push(entry as unknown as Record<string, unknown>), ...options });

  it('compares host names case-insensitively: Host LOCALHOST:port is answered, and checked against allowedHosts', async () => {
    const { sandbox, relay } = relayLogging({ allowedHosts: ['localhost'] });
    const base = await listen(createServer(toNodeListener(relay)));
    const { port } = new URL(base);
    const body = JSON.stringify(lead());
    const as = (host: string) => rawLeadPost(host, [`Origin: http://${host.toLowerCase()}`], body);
    expect(await rawStatusLine(base, as(`LOCALHOST:${port}`))).toMatch(/^HTTP\/1\.1 200/);
    expect(await rawStatusLine(base, as(`LocalHost:${port}`))).toMatch(/^HTTP\/1\.1 200/);
    expect(await rawStatusLine(base, as(`EVIL.Example:${port}`))).toMatch(/^HTTP\/1\.1 403/);
    expect(sandbox.puts()).toBe(2);
  });

  const body = JSON.stringify(lead());
  it.each<[string, (host: string) => string, RegExp]>([
    [
      'a Host that is not a host name',
      (host) => rawLeadPost(`user@${host}`, [`Origin: http://${host}`], body),
      /Host header is not a host name/,
    ],
    [
      'a Host with a path',
      (host) => rawLeadPost(`${host}/x`, [`Origin: http://${host}`], body),
      /Host header is not a host name/,
    ],
    [
      'a backslash in the path',
      (host) =>
        rawLeadPost(host, [`Origin: http://${host}`], body).replace('/api/flowmatix/lead', '/api\\flowmatix/lead'),
      /backslash/,
    ],
    [
      'a request target that is not a path',
      (host) => rawLeadPost(host, [`Origin: http://${host}`], body).replace('POST /api/flowmatix/lead', 'POST *'),
      /target is not a path/,
    ],
    [
      'HTTP/1.0 without Host',
      (host) =>
        rawLeadPost(host, [`Origin: http://${host}`], body)
          .replace('HTTP/1.1', 'HTTP/1.0')
          .replace(`Host: ${host}\r\n`, ''),
      /no Host header/,
    ],
  ])('answers %s with the relay’s JSON 400 bad_request, a requestId and one log line', async (_what, raw, message) => {
    const { sandbox, relay } = relayLogging();
    const base = await listen(createServer(toNodeListener(relay)));
    logged.length = 0;
    const answer = await rawAnswer(base, raw(new URL(base).host));
    observe(answer.body);
    expect(answer.statusLine).toMatch(/^HTTP\/1\.[01] 400/);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    const json = JSON.parse(answer.body) as Record<string, unknown>;
    expect(json).toEqual({
      ok: false,
      requestId: expect.stringMatching(/^[\da-f-]{36}$/),
      code: 'bad_request',
      message: expect.stringMatching(message),
    });
    expect(answer.headers['x-request-id']).toBe(json.requestId);
    expect(logged).toEqual([
      expect.objectContaining({ requestId: json.requestId, method: 'POST', status: 400, outcome: 'bad_request' }),
    ]);
    expect(sandbox.puts()).toBe(0);
  });

  it('lets the relay answer HTTP/1.1 without Host too, when the server hands it over (requireHostHeader: false)', async () => {
    const { relay } = relayLogging();
    const base = await listen(createServer({ requireHostHeader: false }, toNodeListener(relay)));
    const raw = rawLeadPost('x', [], JSON.stringify(lead())).replace('Host: x\r\n', '');
    const answer = await rawAnswer(base, raw);
    expect(answer.statusLine).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(answer.body)).toMatchObject({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/no Host header/),
    });
  });

  it.each<[string, string, RegExp]>([
    ['an unknown method', 'FOO /api/flowmatix/lead HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n', /method/],
    [
      'a Content-Length that is not a length',
      'POST /api/flowmatix/lead HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n',
      /Content-Length/,
    ],
    [
      'both framings',
      'POST /api/flowmatix/lead HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      /Content-Length or Transfer-Encoding: chunked, not both/,
    ],
  ])(
    'with toClientErrorListener, answers %s that Node’s parser refuses in the relay’s JSON, with one log line',
    async (_what, raw, message) => {
      const { relay } = relayLogging();
      const server = createServer(toNodeListener(relay));
      server.on('clientError', toClientErrorListener(relay));
      const base = await listen(server);
      logged.length = 0;
      const answer = await rawAnswer(base, raw);
      observe(answer.body);
      expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
      expect(answer.headers['cache-control']).toBe('no-store');
      const json = JSON.parse(answer.body) as Record<string, unknown>;
      expect(json).toEqual({
        ok: false,
        requestId: expect.any(String),
        code: 'bad_request',
        message: expect.stringMatching(message),
      });
      expect(answer.headers['x-request-id']).toBe(json.requestId);
      expect(logged).toEqual([
        expect.objectContaining({ requestId: json.requestId, status: 400, outcome: 'bad_request' }),
      ]);
    },
  );

  it('with toClientErrorListener, gives a request whose body Node refuses after its headers only the answer it started', async () => {
    const { relay } = relayLogging();
    const server = createServer(toNodeListener(relay));
    server.on('clientError', toClientErrorListener(relay));
    const base = await listen(server);
    logged.length = 0;
    const answer = await rawAnswer(
      base,
      'POST /api/flowmatix/lead HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\nxyz',
    );
    expect(answer.statusLine).toBe('HTTP/1.1 403 Forbidden');
    expect(answer.body).not.toContain('HTTP/1.1');
    expect(logged.map((entry) => entry.status)).toEqual([403]);
  });

  it('with toClientErrorListener, keeps Node’s 431 for headers too large', async () => {
    const { relay } = relayLogging();
    const server = createServer({ maxHeaderSize: 1024 }, toNodeListener(relay));
    server.on('clientError', toClientErrorListener(relay));
    const base = await listen(server);
    const answer = await rawAnswer(base, `GET / HTTP/1.1\r\nHost: h\r\nX-Big: ${'x'.repeat(4096)}\r\n\r\n`);
    expect(answer.statusLine).toMatch(/^HTTP\/1\.1 431/);
  });

  it('leaves other apps to the bare 400 of @hono/node-server', async () => {
    const base = await listen(createServer(toNodeListener(new Hono().post('/x', (c) => c.text('ok')))));
    const answer = await rawAnswer(
      base,
      `POST /x HTTP/1.1\r\nHost: a@b\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.statusLine).toMatch(/^HTTP\/1\.1 400/);
    expect(answer.body).toBe('');
  });
});

describe('adapters: any Hono app on node:http', () => {
  // A body handed over whole reads alike as a stream and as text, and is the bytes the client sent.
  const echo = () =>
    new Hono()
      .post('/stream', async (c) => c.text(await new Response(c.req.raw.body).text()))
      .post('/text', async (c) => c.text(await c.req.text()));
  const body = JSON.stringify({ note: 'Grüße, ☕ and a 🥐', size: 'x'.repeat(2_000) });
  const echoed = async (base: string, contentType: string) =>
    Promise.all(
      ['stream', 'text'].map(async (via) => {
        const answer = await fetch(`${base}/${via}`, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body,
        });
        return answer.text();
      }),
    );

  it('reads a body that arrived whole the same as a stream and as text', async () => {
    const base = await listen(createServer(toNodeListener(echo())));
    expect(await echoed(base, 'application/json')).toEqual([body, body]);
  });

  it('reads a body that a body parser consumed the same way', async () => {
    const app = express();
    app.use(express.text({ type: '*/*' }));
    app.use(toNodeListener(echo()));
    const base = await listen(createServer(app));
    expect(await echoed(base, 'text/plain')).toEqual([body, body]);
  });
});

describe('adapters: Express', () => {
  it('works after express.json() consumed the body', async () => {
    const { sandbox, relay } = relayOn();
    const app = express();
    app.use(express.json());
    app.use(toNodeListener(relay));
    const base = await listen(createServer(app));
    const answer = await post(`${base}/api/flowmatix/lead`, lead({ name: 'Ada', email: 'bad@' }));
    expect(answer.status).toBe(200);
    expect(answer.json.dropped).toEqual(['email']);
    expect(sandbox.chats()[0]?.profile?.userDetails?.name).toBe('Ada');
  });

  it('still reads a text/plain beacon that express.json() left alone', async () => {
    const { sandbox, relay } = relayOn();
    const app = express();
    app.use(express.json());
    app.use(toNodeListener(relay));
    const base = await listen(createServer(app));
    const answer = await post(`${base}/api/flowmatix/lead`, lead(), {
      'content-type': 'text/plain;charset=UTF-8',
      'sec-fetch-site': 'same-origin',
    });
    expect(answer.status).toBe(200);
    expect(sandbox.puts()).toBe(1);
  });

  it('applies its own cap even after express.json() accepted a larger body', async () => {
    const { sandbox, relay } = relayOn();
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    app.use(toNodeListener(relay));
    const base = await listen(createServer(app));
    expect((await post(`${base}/api/flowmatix/lead`, lead({ name: 'x'.repeat(40_000) }))).status).toBe(413);
    expect(sandbox.puts()).toBe(0);
  });

  it('works under a mount path, seeing the path the browser used', async () => {
    const { sandbox, relay } = relayOn();
    const app = express();
    app.use('/api/flowmatix', express.json(), toNodeListener(relay));
    const base = await listen(createServer(app));
    expect((await post(`${base}/api/flowmatix/lead`, lead())).status).toBe(200);
    expect(sandbox.puts()).toBe(1);
  });

  it('answers its health check under a mount path, with no Origin', async () => {
    const { sandbox, relay } = relayOn();
    const app = express();
    app.use('/api/flowmatix', toNodeListener(relay));
    const base = await listen(createServer(app));
    const health = await fetch(`${base}/api/flowmatix/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(await health.json()).toEqual({ ok: true, requestId: expect.any(String) });
    expect((await fetch(`${base}/api/flowmatix/health`, { method: 'HEAD' })).status).toBe(200);
    expect(sandbox.puts()).toBe(0);
  });

  it('passes requests it has no route for to the next middleware', async () => {
    const { relay } = relayOn();
    const app = express();
    app.use(toNodeListener(relay));
    app.get('/health', (_request, response) => {
      response.json({ up: true });
    });
    const base = await listen(createServer(app));
    const health = await fetch(`${base}/health`);
    expect(await health.json()).toEqual({ up: true });
    // Its own path still answers, including 405 for other methods.
    expect((await fetch(`${base}/api/flowmatix/lead`)).status).toBe(405);
  });
});

// Last in the file: the swap of the global Request and Response lasts for the rest of the process.
describe('adapters: node:http with the lightweight Request and Response (overrideGlobalObjects)', () => {
  it('answers alike: a lead, a refusal, a 404 and the health check, with their headers', async () => {
    const { sandbox, relay } = relayOn();
    const base = await listen(createServer(toNodeListener(relay, { overrideGlobalObjects: true })));
    const delivered = await post(`${base}/api/flowmatix/lead`, lead());
    expect(delivered.status).toBe(200);
    expect(delivered.headers.get('cache-control')).toBe('no-store');
    expect(delivered.headers.get('x-request-id')).toBe(delivered.json.requestId);
    expect((await post(`${base}/api/flowmatix/lead`, '{"uuid":')).json).toMatchObject({ code: 'invalid_json' });
    expect((await post(`${base}/api/flowmatix/lead`, lead(), { origin: 'https://evil.example' })).status).toBe(403);
    const missing = await fetch(`${base}/elsewhere`);
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([404, 'not_found']);
    expect((await fetch(`${base}/api/flowmatix/health`)).status).toBe(200);
    expect(sandbox.puts()).toBe(1);
  });
});
