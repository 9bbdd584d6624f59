import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createFlowmatixClient,
  DEFAULT_API_URL,
  type FlowmatixClientOptions,
} from '../../src/flowmatix/create-flowmatix-client';
import { FlowmatixError } from '../../src/flowmatix/flowmatix-error';
import type { FlowmatixTransport } from '../../src/flowmatix/flowmatix-transport';
import { createSandbox } from '../../src/sandbox/create-sandbox';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import type { UpstreamLead } from '../../src/shared/lead';

const TOKEN = 'client-test-token-5f1d2c';
const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
const lead = (fields: Partial<UpstreamLead> = {}): UpstreamLead => ({
  uuid: UUID,
  botId: 'b',
  customerId: 'c',
  ...fields,
});
const uuidAt = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

/** The error a promise rejects with, checked to be a FlowmatixError that does not leak the token. */
const failure = async (promise: Promise<unknown>): Promise<FlowmatixError> => {
  const error = await promise.then(
    () => expect.unreachable('the call should have failed'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FlowmatixError);
  expect(String((error as Error).message)).not.toContain(TOKEN);
  return error as FlowmatixError;
};

describe('createFlowmatixClient against the sandbox over loopback', () => {
  let running: RunningSandbox;
  let client: (options?: Partial<FlowmatixClientOptions>) => ReturnType<typeof createFlowmatixClient>;

  beforeAll(async () => {
    running = await startSandbox({ port: 0, token: TOKEN, pageSize: 2 });
    client = (options = {}) =>
      createFlowmatixClient({ token: TOKEN, apiUrl: running.url, botId: 'b', customerId: 'c', ...options });
  });
  afterAll(() => running.close());
  beforeEach(() => {
    running.sandbox.reset();
    running.sandbox.setFaults({});
  });

  it('creates a chat with updateLead and lists it in the documented shape', async () => {
    await client().updateLead(lead({ name: 'Ada', email: 'ada@example.com', phone: '9876543210', dialCode: '+91' }));
    const chats = await client().listChats({ page: 1, type: 'lead' });
    expect(chats).toMatchObject([
      {
        uuid: UUID,
        profile: {
          userDetails: {
            name: 'Ada',
            contact: { email: 'ada@example.com', phone: { number: '9876543210', prefix: '91' } },
          },
        },
      },
    ]);
    expect(chats[0]?._id).toMatch(/^[\da-f]{24}$/);
  });

  it('upserts: a second update changes the same chat', async () => {
    await client().updateLead(lead({ name: 'Ada', tags: ['web'], attributes: [{ key: 'plan', value: 'free' }] }));
    await client().updateLead(lead({ tags: ['vip'], attributes: [{ key: 'plan', value: 'pro' }] }));
    const chats = await client().listChats({ page: 1, type: 'lead' });
    expect(chats).toHaveLength(1);
    expect(chats[0]?.profile?.userDetails).toMatchObject({
      name: 'Ada',
      tags: ['web', 'vip'],
      attributes: [{ key: 'plan', value: 'pro' }],
    });
  });

  it('pages through chats, and listAllChats reads every page until an empty one', async () => {
    for (let index = 0; index < 5; index += 1) {
      await client().updateLead(lead({ uuid: uuidAt(index), email: `${index}@example.com` }));
    }
    await client().updateLead(lead({ uuid: uuidAt(9), tags: ['no contact'] }));
    expect(await client().listChats({ page: 1, type: 'lead' })).toHaveLength(2);
    expect(await client().listChats({ page: 3, type: 'lead' })).toHaveLength(1);
    expect(await client().listChats({ page: 4, type: 'lead' })).toEqual([]);
    const all = [];
    const pages: [number, number][] = [];
    const onPage = (page: number, chats: readonly unknown[]) => pages.push([page, chats.length]);
    for await (const chat of client().listAllChats({ type: 'lead' }, { onPage })) all.push(chat.uuid);
    expect(all.sort()).toEqual([0, 1, 2, 3, 4].map(uuidAt));
    expect(pages).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
    ]);
    const others = [];
    for await (const chat of client().listAllChats({ type: 'non-lead' })) others.push(chat.uuid);
    expect(others).toEqual([uuidAt(9)]);
  });

  it('lets a query name another bot than the default', async () => {
    await client().updateLead(lead({ botId: 'other', name: 'Grace' }));
    expect(await client().listChats({ page: 1, type: 'lead' })).toEqual([]);
    expect(await client().listChats({ page: 1, type: 'lead', botId: 'other' })).toHaveLength(1);
  });

  it('rejects a wrong token with code unauthorized and status 401, on both endpoints', async () => {
    const wrong = client({ token: 'not-the-token' });
    const put = await failure(wrong.updateLead(lead({ name: 'Ada' })));
    expect(put).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(put.message).toMatch(/^PUT http:\/\/127\.0\.0\.1:\d+\/inbox\/direct\/lead answered 401/);
    const list = await failure(wrong.listChats({ page: 1, type: 'lead' }));
    expect(list).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(running.sandbox.chats()).toEqual([]);
  });

  it('sends the token in the configured header', async () => {
    const error = await failure(client({ tokenHeader: 'authorization' }).updateLead(lead({ name: 'Ada' })));
    expect(error.code).toBe('unauthorized');
    const list = await failure(client({ listTokenHeader: 'x-bp-token' }).listChats({ page: 1, type: 'lead' }));
    expect(list).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('retries a 5xx and succeeds', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 503, times: 1 } });
    await client().updateLead(lead({ name: 'Ada' }));
    expect(running.sandbox.puts()).toBe(1);
    running.sandbox.setFaults({ injectStatus: { status: 500, times: 2 } });
    expect(await client().listChats({ page: 1, type: 'lead' })).toHaveLength(1);
  });

  it('gives up after the retries with code http_error and the status', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 502, times: 3 } });
    const error = await failure(client({ retries: 2 }).updateLead(lead({ name: 'Ada' })));
    expect(error).toMatchObject({ code: 'http_error', status: 502 });
    expect(error.message).toContain('Injected status 502');
    await client({ retries: 0 }).updateLead(lead({ name: 'Ada' }));
    expect(running.sandbox.puts()).toBe(1);
  });

  it('does not retry other 4xx answers', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 409, times: 2 } });
    const first = await failure(client().updateLead(lead({ name: 'Ada' })));
    expect(first).toMatchObject({ code: 'http_error', status: 409 });
    expect(await failure(client().updateLead(lead({ name: 'Ada' })))).toMatchObject({ status: 409 });
    await client().updateLead(lead({ name: 'Ada' }));
  });

  it('waits for Retry-After after a 429, then succeeds', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 429, times: 1, retryAfter: 1 } });
    const started = performance.now();
    await client().updateLead(lead({ name: 'Ada' }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(running.sandbox.puts()).toBe(1);
  });

  it('caps a long Retry-After at maxRetryDelayMs', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 429, times: 1, retryAfter: 3600 } });
    const started = performance.now();
    await client({ maxRetryDelayMs: 100 }).updateLead(lead({ name: 'Ada' }));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports Retry-After in seconds on a 429 that outlasts the retries', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 429, retryAfter: 0 } });
    expect(await failure(client({ retries: 1 }).updateLead(lead()))).toMatchObject({
      code: 'http_error',
      status: 429,
      retryAfter: 0,
    });
  });

  it('fails with code timeout when an attempt takes longer than timeoutMs, and does not retry it', async () => {
    running.sandbox.setFaults({ latencyMs: 1000 });
    const started = performance.now();
    const error = await failure(client({ timeoutMs: 100 }).updateLead(lead({ name: 'Ada' })));
    expect(error).toMatchObject({ code: 'timeout', status: 0 });
    expect(error.message).toContain('within 100 ms');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('fails with code rejected on a 2xx whose body says success: false', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 200, times: 1 } });
    expect(await failure(client().updateLead(lead({ name: 'Ada' })))).toMatchObject({ code: 'rejected', status: 200 });
    expect(running.sandbox.puts()).toBe(0);
  });

  it('carries the field-level reasons of a 400', async () => {
    const error = await failure(client().updateLead(lead({ email: 'not an email' })));
    expect(error).toMatchObject({ code: 'http_error', status: 400 });
    expect(error.issues).toEqual([{ path: ['email'], message: expect.any(String) }]);
    expect(error.message).toContain('email:');
  });

  it('fails with code network when nothing listens', async () => {
    const closed = await startSandbox({ port: 0 });
    await closed.close();
    const unreachable = createFlowmatixClient({ token: TOKEN, apiUrl: closed.url, retries: 1 });
    const error = await failure(unreachable.updateLead(lead()));
    expect(error).toMatchObject({ code: 'network', status: 0 });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails with code aborted when the caller aborts, even between retries', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 503, retryAfter: 5 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(client().updateLead(lead(), { signal: controller.signal }));
    expect(error).toMatchObject({ code: 'aborted', status: 0 });
  });

  it('fails with code timeout once deadlineMs has passed, retries included', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 503, retryAfter: 0.1 } });
    const started = Date.now();
    const error = await failure(client({ retries: 10 }).updateLead(lead(), { deadlineMs: 250 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it.each([0, -5, Number.NaN, '100'])('refuses a deadlineMs of %j', async (deadlineMs) => {
    await expect(client().updateLead(lead(), { deadlineMs: deadlineMs as number })).rejects.toThrow(TypeError);
  });

  it('fails with code timeout when the caller signal is a timeout', async () => {
    running.sandbox.setFaults({ latencyMs: 1000 });
    const error = await failure(client().listChats({ page: 1, type: 'lead' }, { signal: AbortSignal.timeout(50) }));
    expect(error.code).toBe('timeout');
  });
});

describe('createFlowmatixClient with an in-process fetch', () => {
  const sandbox = createSandbox({ token: TOKEN });
  const viaFetch = (fetch: (request: Request) => Promise<Response>, options: Partial<FlowmatixClientOptions> = {}) =>
    createFlowmatixClient({ token: TOKEN, botId: 'b', customerId: 'c', fetch, retries: 0, ...options });

  it('talks to a sandbox without a socket, including answers that never read the body', async () => {
    await viaFetch(sandbox.fetch).updateLead(lead({ name: 'Ada' }));
    expect(sandbox.chats()).toHaveLength(1);
    const refused = await failure(viaFetch(sandbox.fetch, { token: 'wrong' }).updateLead(lead()));
    expect(refused).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('fails with code invalid_response on a 2xx that is not JSON', async () => {
    const html = async () => new Response('<html>maintenance</html>', { status: 200 });
    const error = await failure(viaFetch(html).updateLead(lead()));
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
    expect(error.message).toContain('<html>maintenance</html>');
    const list = await failure(viaFetch(html).listChats({ page: 1, type: 'lead' }));
    expect(list).toMatchObject({ code: 'invalid_response' });
  });

  /** An answer that streams 16 KiB chunks for `total` bytes (Infinity: forever), counting what was pulled. */
  const streaming = (total: number, status = 200) => {
    const pulled = { bytes: 0, cancelled: false };
    const fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulled.bytes >= total) return controller.close();
            pulled.bytes += 16 * 1024;
            controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
          },
          cancel() {
            pulled.cancelled = true;
          },
        }),
        { status },
      );
    return { fetch, pulled };
  };

  it.each([
    ['a 5 MB answer', 5 * 1024 * 1024, 200],
    ['an endless answer', Infinity, 200],
    ['an endless 500', Infinity, 500],
  ])('reads no more of %s than 64 KiB: invalid_response, the body cancelled', async (_name, total, status) => {
    const { fetch, pulled } = streaming(total, status);
    const error = await failure(viaFetch(fetch, { retries: 2 }).updateLead(lead()));
    expect(error).toMatchObject({ code: 'invalid_response', status });
    expect(error.message).toContain(`answered ${status} with a body larger than 65536 bytes`);
    expect(pulled).toEqual({ bytes: expect.any(Number), cancelled: true });
    expect(pulled.bytes).toBeLessThanOrEqual(128 * 1024);
  });

  it('refuses an answer whose Content-Length is over the limit without reading it', async () => {
    const { fetch, pulled } = streaming(Infinity);
    const declared = async () => {
      const response = await fetch();
      return new Response(response.body, { headers: { 'content-length': String(10 * 1024 * 1024) } });
    };
    expect(await failure(viaFetch(declared).updateLead(lead()))).toMatchObject({ code: 'invalid_response' });
    expect(pulled.cancelled).toBe(true);
  });

  it('stops reading an answer that hangs mid-body at the attempt timeout', async () => {
    let cancelled = false;
    const hanging = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"success":'));
          },
          cancel() {
            cancelled = true;
          },
        }),
      );
    const error = await failure(viaFetch(hanging, { timeoutMs: 100 }).updateLead(lead()));
    expect(error).toMatchObject({ code: 'timeout' });
    expect(cancelled).toBe(true);
  });

  it('fails with code invalid_response on a list answer without a list of chats', async () => {
    for (const data of [undefined, {}, [{ name: 'no uuid' }]]) {
      const answer = async () => Response.json({ success: true, message: 'ok', code: 200, data });
      const error = await failure(viaFetch(answer).listChats({ page: 1, type: 'lead' }));
      expect(error).toMatchObject({ code: 'invalid_response' });
    }
  });

  it('stops listAllChats when the API answers every page with the same chats', async () => {
    const same = async () => Response.json({ success: true, data: [{ uuid: UUID }] });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const chat of viaFetch(same).listAllChats({ type: 'lead' })) seen.push(chat.uuid);
      })(),
    );
    expect(error.code).toBe('invalid_response');
    expect(seen).toEqual([UUID]);
  });

  it('never puts the token in a message, even when the API echoes it', async () => {
    const echo = async (request: Request) =>
      Response.json(
        {
          success: false,
          message: `bad token ${request.headers.get('x-bp-token')}`,
          errors: [{ path: 'x', message: TOKEN }],
        },
        { status: 500 },
      );
    const error = await failure(viaFetch(echo).updateLead(lead()));
    expect(error.message).toContain('bad token [redacted]');
    expect(JSON.stringify(error.issues)).not.toContain(TOKEN);
  });

  it('sends the PUT token in x-bp-token and the list token in x-bot-token by default', async () => {
    const seen: Record<string, string | null>[] = [];
    const record = async (request: Request) => {
      const { headers } = request;
      seen.push({ method: request.method, put: headers.get('x-bp-token'), list: headers.get('x-bot-token') });
      return Response.json({ success: true, message: 'ok', code: 200, data: [] });
    };
    await viaFetch(record).updateLead(lead());
    await viaFetch(record).listChats({ page: 1, type: 'lead' });
    expect(seen).toEqual([
      { method: 'PUT', put: TOKEN, list: null },
      { method: 'GET', put: null, list: TOKEN },
    ]);
  });

  /** A fetch that always answers `status` (or fails like a refused connection when 0), counting the attempts. */
  const counting = (status: number) => {
    const attempts = { count: 0 };
    const fetch = async () => {
      attempts.count += 1;
      if (status === 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      return Response.json({ success: false, message: `status ${status}` }, { status });
    };
    return { attempts, client: viaFetch(fetch, { retries: 2, maxRetryDelayMs: 1 }) };
  };

  it.each([
    ['a refused connection', 0, 3],
    ['429', 429, 3],
    ['502', 502, 3],
    ['503', 503, 3],
    ['504', 504, 3],
    ['500, which may follow a write', 500, 1],
    ['408, which may follow a write', 408, 1],
    ['501', 501, 1],
  ])('after %s (status %i), makes %i attempt(s) at the PUT', async (_answer, status, attempts) => {
    const { attempts: made, client } = counting(status);
    const error = await failure(client.updateLead(lead()));
    expect(error).toMatchObject({ code: status === 0 ? 'network' : 'http_error', status });
    expect(made.count).toBe(attempts);
  });

  it.each([0, 408, 429, 500, 502, 503, 504])('retries the list after answer %i', async (status) => {
    const { attempts, client } = counting(status);
    const error = await failure(client.listChats({ page: 1, type: 'lead' }));
    expect(error).toMatchObject({ code: status === 0 ? 'network' : 'http_error', status });
    expect(attempts.count).toBe(3);
  });

  it('names the origin of a relative redirect, and says when a redirect does not say where', async () => {
    const relative = async () => new Response(null, { status: 302, headers: { location: '/v2/lead?t=1' } });
    const error = await failure(viaFetch(relative).updateLead(lead()));
    expect(error).toMatchObject({ code: 'http_error', status: 302 });
    expect(error.message).toContain(`answered 302 with a redirect to ${DEFAULT_API_URL}, which is not followed`);
    const nowhere = async () => new Response(null, { status: 307 });
    expect((await failure(viaFetch(nowhere).updateLead(lead()))).message).toContain('answered 307 with a redirect,');
  });

  it("rejects a browser's opaque redirect with http_error", async () => {
    let calls = 0;
    const opaque = async () => {
      calls += 1;
      return Object.defineProperty(Response.error(), 'type', { value: 'opaqueredirect' });
    };
    const error = await failure(viaFetch(opaque, { retries: 2 }).listChats({ page: 1, type: 'lead' }));
    expect(error).toMatchObject({ code: 'http_error', status: 0 });
    expect(error.message).toMatch(/^GET \S+ answered with a redirect, which is not followed/);
    expect(calls).toBe(1);
  });

  it('sends both calls through a given transport, whose answers need not be Responses', async () => {
    const sent: { method: string; url: string; token: string | undefined; body: string | undefined }[] = [];
    const transport: FlowmatixTransport = async ({ method, url, headers, body }) => {
      sent.push({ method, url, token: headers['x-bp-token'] ?? headers['x-bot-token'], body });
      const status = sent.length === 1 ? 503 : 200;
      const text = JSON.stringify({ success: true, message: 'ok', code: status, data: [] });
      return { status, statusText: '', headers: { get: () => null }, text: async () => text };
    };
    const client = createFlowmatixClient({ token: TOKEN, botId: 'b', customerId: 'c', transport, maxRetryDelayMs: 1 });
    await client.updateLead(lead());
    expect(await client.listChats({ page: 1, type: 'lead' })).toEqual([]);
    expect(sent.map(({ method, token }) => [method, token])).toEqual([
      ['PUT', TOKEN],
      ['PUT', TOKEN],
      ['GET', TOKEN],
    ]);
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual(lead());
    expect(sent[2]?.url).toBe(`${DEFAULT_API_URL}/inbox/direct/chats?botId=b&customerId=c&page=1&type=lead`);
  });

  it('defaults to the documented API URL', async () => {
    let url = '';
    const record = async (request: Request) => {
      url = request.url;
      return Response.json({ success: true, data: [] });
    };
    await viaFetch(record).listChats({ page: 2, type: 'non-lead' });
    expect(url).toBe(`${DEFAULT_API_URL}/inbox/direct/chats?botId=b&customerId=c&page=2&type=non-lead`);
  });

  it('throws a TypeError for a missing token, a bad URL or a bad query', async () => {
    expect(() => createFlowmatixClient({ token: '' })).toThrow(TypeError);
    expect(() => createFlowmatixClient({ token: TOKEN, apiUrl: 'ftp://example.com' })).toThrow(TypeError);
    expect(() => createFlowmatixClient({ token: TOKEN, apiUrl: 'nope' })).toThrow(TypeError);
    const noBot = createFlowmatixClient({ token: TOKEN, fetch: sandbox.fetch });
    await expect(noBot.listChats({ page: 1, type: 'lead' })).rejects.toThrow(TypeError);
    await expect(viaFetch(sandbox.fetch).listChats({ page: 0, type: 'lead' })).rejects.toThrow(TypeError);
  });
});

describe('createFlowmatixClient against an API that redirects', () => {
  const seen: { server: 'api' | 'elsewhere'; method: string }[] = [];
  let status = 303;
  const record = (server: 'api' | 'elsewhere', request: IncomingMessage) =>
    seen.push({ server, method: request.method ?? '' });
  const elsewhere = createServer((request, response) => {
    record('elsewhere', request);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ success: true, message: 'ok', code: 200, data: [] }));
  });
  const api = createServer((request, response) => {
    record('api', request);
    request.resume();
    const { port } = elsewhere.address() as AddressInfo;
    response.writeHead(status, { location: `http://localhost:${port}/moved/here?secret=s3cr3t` });
    response.end('moved');
  });
  const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  let client: ReturnType<typeof createFlowmatixClient>;

  beforeAll(async () => {
    await Promise.all([listen(api), listen(elsewhere)]);
    const { port } = api.address() as AddressInfo;
    client = createFlowmatixClient({ token: TOKEN, apiUrl: `http://127.0.0.1:${port}`, botId: 'b', customerId: 'c' });
  });
  afterAll(() => Promise.all([close(api), close(elsewhere)]));
  beforeEach(() => {
    seen.length = 0;
  });

  it.each([301, 302, 303, 307, 308])(
    'rejects a %i on the PUT and on the list with http_error, once, without following it',
    async (redirect) => {
      status = redirect;
      const { port } = elsewhere.address() as AddressInfo;
      const calls = [() => client.updateLead(lead({ name: 'Ada' })), () => client.listChats({ page: 1, type: 'lead' })];
      for (const call of calls) {
        const error = await failure(call());
        expect(error).toMatchObject({ code: 'http_error', status: redirect });
        expect(error.message).toMatch(
          new RegExp(`^(PUT|GET) \\S+ answered ${redirect} with a redirect to http://localhost:${port}, which is not`),
        );
        expect(error.message).not.toContain('/moved/here');
        expect(error.message).not.toContain('s3cr3t');
      }
      expect(seen.map((request) => [request.server, request.method])).toEqual([
        ['api', 'PUT'],
        ['api', 'GET'],
      ]);
    },
  );
});
