import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFlowmatixClient, type FlowmatixClientOptions } from '../../../src/flowmatix/create-flowmatix-client';
import { FlowmatixError } from '../../../src/flowmatix/flowmatix-error';
import { createNodeTransport } from '../../../src/relay/adapters/create-node-transport';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/start-sandbox';
import type { UpstreamLead } from '../../../src/shared/lead';

const TOKEN = 'node-transport-token-93c1ab';
const lead = (fields: Partial<UpstreamLead> = {}): UpstreamLead => ({
  uuid: '0b6cf3a4-6f44-4c4f-9d0e-2d6f1c1a7e55',
  botId: 'b',
  customerId: 'c',
  ...fields,
});

const failure = async (promise: Promise<unknown>): Promise<FlowmatixError> => {
  const error = await promise.then(
    () => expect.unreachable('the call should have failed'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FlowmatixError);
  expect((error as Error).message).not.toContain(TOKEN);
  return error as FlowmatixError;
};

const servers: Server[] = [];
const listen = async (server: Server): Promise<string> => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('createNodeTransport: the Flowmatix client over node:http against the sandbox', () => {
  let running: RunningSandbox;
  const client = (options: Partial<FlowmatixClientOptions> = {}) =>
    createFlowmatixClient({
      token: TOKEN,
      apiUrl: running.url,
      botId: 'b',
      customerId: 'c',
      transport: createNodeTransport(),
      maxRetryDelayMs: 50,
      ...options,
    });

  beforeAll(async () => {
    running = await startSandbox({ port: 0, token: TOKEN, pageSize: 2 });
  });
  afterAll(() => running.close());
  beforeEach(() => {
    running.sandbox.reset();
    running.sandbox.setFaults({});
  });

  it('delivers a lead and lists it', async () => {
    await client().updateLead(lead({ name: 'Ada', email: 'ada@example.com' }));
    expect(running.sandbox.chats()).toHaveLength(1);
    const chats = await client().listChats({ page: 1, type: 'lead' });
    expect(chats.map((chat) => chat.uuid)).toEqual([lead().uuid]);
  });

  it('retries a 503 on the PUT and a 500 on the list, as the fetch path does', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 503, times: 1 } });
    await client().updateLead(lead({ name: 'Ada' }));
    expect(running.sandbox.puts()).toBe(1);
    running.sandbox.setFaults({ injectStatus: { status: 500, times: 2 } });
    expect(await client().listChats({ page: 1, type: 'lead' })).toHaveLength(1);
  });

  it('waits for Retry-After on a 429 of the list, then succeeds', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 429, times: 1, retryAfter: 1 } });
    const started = performance.now();
    await client({ maxRetryDelayMs: 5000 }).listChats({ page: 1, type: 'lead' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('maps a wrong token, a refused body and a rejected answer to the same error codes', async () => {
    expect(await failure(client({ token: 'wrong' }).updateLead(lead()))).toMatchObject({
      code: 'unauthorized',
      status: 401,
    });
    const invalid = await failure(client().updateLead(lead({ email: 'not an email' })));
    expect(invalid).toMatchObject({ code: 'http_error', status: 400 });
    expect(invalid.issues?.[0]?.path).toEqual(['email']);
    running.sandbox.setFaults({ injectStatus: { status: 200, times: 1 } });
    expect(await failure(client().updateLead(lead()))).toMatchObject({ code: 'rejected', status: 200 });
  });

  it('fails with timeout when an attempt outlasts timeoutMs, without retrying it', async () => {
    running.sandbox.setFaults({ latencyMs: 1000 });
    const started = performance.now();
    const error = await failure(client({ timeoutMs: 100 }).updateLead(lead()));
    expect(error).toMatchObject({ code: 'timeout', status: 0 });
    expect(error.message).toContain('within 100 ms');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it("fails with aborted when the caller aborts, and with timeout when the caller's signal is a deadline", async () => {
    running.sandbox.setFaults({ latencyMs: 1000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await failure(client().updateLead(lead(), { signal: controller.signal }))).toMatchObject({
      code: 'aborted',
    });
    const deadline = await failure(client().updateLead(lead(), { signal: AbortSignal.timeout(50) }));
    expect(deadline.code).toBe('timeout');
    expect(deadline.message).toContain("before the caller's deadline");
  });

  it('fails with network, naming the cause, when nothing listens, after its retries', async () => {
    const closed = await startSandbox({ port: 0 });
    await closed.close();
    const error = await failure(client({ apiUrl: closed.url, retries: 1 }).updateLead(lead()));
    expect(error).toMatchObject({ code: 'network', status: 0 });
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('createNodeTransport against a recording server', () => {
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string; socket: Socket }[] = [];
  let answer = (response: import('node:http').ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ success: true, message: 'ok', code: 200 }));
  };
  const api = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
        socket: request.socket,
      });
      answer(response);
    });
  });
  let base = '';

  beforeAll(async () => {
    base = await listen(api);
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('sends the PUT with the token header, JSON type, exact length and the body as given', async () => {
    const client = createFlowmatixClient({ token: TOKEN, apiUrl: base, transport: createNodeTransport() });
    await client.updateLead(lead({ name: 'Zoë Ångström' }));
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request).toMatchObject({ method: 'PUT', url: '/inbox/direct/lead' });
    expect(request?.headers['x-bp-token']).toBe(TOKEN);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(Number(request?.headers['content-length'])).toBe(Buffer.byteLength(request?.body ?? ''));
    expect(JSON.parse(request?.body ?? '')).toEqual(lead({ name: 'Zoë Ångström' }));
  });

  it('keeps its connection alive between calls', async () => {
    const client = createFlowmatixClient({ token: TOKEN, apiUrl: base, transport: createNodeTransport() });
    for (let call = 0; call < 5; call += 1) await client.updateLead(lead());
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((request) => request.socket)).size).toBe(1);
  });

  it('leaves no listener on the signal once an exchange is over', async () => {
    const transport = createNodeTransport();
    const controller = new AbortController();
    for (let call = 0; call < 3; call += 1) {
      const answered = await transport({
        method: 'PUT',
        url: `${base}/inbox/direct/lead`,
        headers: {},
        body: '{}',
        signal: controller.signal,
        maxBodyBytes: 1_024,
      });
      expect(await answered.text()).toContain('"success":true');
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('never follows a redirect: one request, an http_error that names only the origin', async () => {
    answer = (response) => {
      response.writeHead(307, { location: 'http://elsewhere.example/steal?secret=s3cr3t' });
      response.end('moved');
    };
    const client = createFlowmatixClient({ token: TOKEN, apiUrl: base, transport: createNodeTransport(), retries: 2 });
    const error = await failure(client.updateLead(lead()));
    expect(error).toMatchObject({ code: 'http_error', status: 307 });
    expect(error.message).toContain('with a redirect to http://elsewhere.example, which is not followed');
    expect(error.message).not.toContain('s3cr3t');
    expect(seen).toHaveLength(1);
  });

  /** Writes `total` bytes (Infinity: forever) in 64 KiB chunks as the socket takes them; resolves what it wrote. */
  const flood = (response: import('node:http').ServerResponse, total: number): Promise<number> =>
    new Promise((resolve) => {
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let written = 0;
      const more = () => {
        while (written < total && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        if (written >= total) response.end();
      };
      response.once('close', () => resolve(written));
      more();
    });

  it.each([
    ['a 5 MB answer', 5 * 1024 * 1024],
    ['an endless answer', Infinity],
  ])('stops reading %s at 64 KiB: invalid_response at once, the connection dropped', async (_name, total) => {
    let wrote: Promise<number> = Promise.resolve(0);
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      wrote = flood(response, total);
    };
    const client = createFlowmatixClient({ token: TOKEN, apiUrl: base, transport: createNodeTransport(), retries: 2 });
    const error = await failure(client.updateLead(lead()));
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
    expect(error.message).toContain('answered 200 with a body larger than 65536 bytes');
    expect(seen).toHaveLength(1);
    // Settles once the server's answer is over: for the endless one, only because the client dropped it.
    expect(await wrote).toBeGreaterThan(64 * 1024);
  });

  it('refuses an answer whose Content-Length is over the limit without reading it', async () => {
    answer = (response) => {
      response.writeHead(500, { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) });
      response.write('x');
    };
    const client = createFlowmatixClient({ token: TOKEN, apiUrl: base, transport: createNodeTransport(), retries: 2 });
    expect(await failure(client.updateLead(lead()))).toMatchObject({ code: 'invalid_response', status: 500 });
    expect(seen).toHaveLength(1);
  });

  it('fails with network when the server resets the connection mid-answer', async () => {
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"success":');
      setTimeout(() => response.socket?.destroy(), 10);
    };
    const client = createFlowmatixClient({ token: TOKEN, apiUrl: base, transport: createNodeTransport(), retries: 0 });
    expect(await failure(client.updateLead(lead()))).toMatchObject({ code: 'network', status: 0 });
  });
});
