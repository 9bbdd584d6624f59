import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { FlowmatixError } from '../../../src/flowmatix/flowmatix-error';
import { createHeldLeadForwarder } from '../../../src/relay/core/create-held-lead-forwarder';
import { createRelay } from '../../../src/relay/core/create-relay';
import { createMemoryHeldLeadStore, heldLeadId, type HeldLeadStore } from '../../../src/relay/stores/held-lead-store';
import { RelayConfigurationError } from '../../../src/relay/core/relay-configuration-error';
import type { RelayLogEntry } from '../../../src/relay/core/relay-log-entry';
import { createSandbox } from '../../../src/sandbox/create-sandbox';
import { isUuid } from '../../../src/shared/is-uuid';
import {
  BOT,
  createHarness,
  expectTokenNeverObserved,
  lead,
  observe,
  ORIGIN,
  RELAY_URL,
  TOKEN,
  UUID,
} from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const BOT_KEY = `${BOT.botId}:${BOT.customerId}`;
const PERSON = { name: 'Grace Hopper', email: 'grace.hopper@example.com', phone: '4477009001' };
const SECRET = 'whsec_0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a';

/** A lead as the companion sends it when the visitor never opened the chat: everything but the uuid. */
const unattached = (fields: Record<string, unknown> = {}) => ({ ...BOT, ...PERSON, ...fields });
const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });

/** Nothing a visitor typed may reach the log. */
const expectNoPersonalData = (logs: readonly RelayLogEntry[]) => {
  const text = JSON.stringify(logs);
  for (const value of [...Object.values(PERSON), 'Grace', UUID]) expect(text).not.toContain(value);
};

/** A held-lead store that fails while `failing` is set. */
const flakyStore = () => {
  const store = createMemoryHeldLeadStore();
  const state = { failing: true };
  const guard =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      state.failing ? Promise.reject(new Error('EROFS: read-only file system')) : method(...args);
  const flaky: HeldLeadStore = {
    put: guard(store.put),
    get: guard(store.get),
    update: guard(store.update),
    list: guard(store.list),
    delete: guard(store.delete),
  };
  return { store: flaky, inner: store, state };
};

describe('a lead without a uuid, policy hold (the default)', () => {
  it('is kept in the held-lead store before the answer, 202 held, and nothing goes upstream', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send, calls, logs } = createHarness({ heldLeadStore, defaults: { tags: ['website'] } });
    const answer = await send(unattached(), keyed('k-1'));
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ ok: true, held: true, requestId: expect.any(String) });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(calls).toHaveLength(0);
    const held = await heldLeadStore.list();
    expect(held).toEqual([
      {
        id: heldLeadId(BOT_KEY, 'k-1'),
        key: 'k-1',
        receivedAt: expect.any(Number),
        lead: { ...BOT, ...PERSON, tags: ['website'] },
      },
    ]);
    expect(logs).toEqual([expect.objectContaining({ status: 202, outcome: 'held', level: 'info' })]);
    expectNoPersonalData(logs);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', '  '],
  ])('treats a uuid that is %s as no uuid', async (_what, uuid) => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send, calls } = createHarness({ heldLeadStore });
    const answer = await send(unattached(uuid === undefined ? {} : { uuid }), keyed('k-1'));
    expect([answer.status, answer.json.held]).toEqual([202, true]);
    expect(calls).toHaveLength(0);
    expect(await heldLeadStore.list()).toHaveLength(1);
  });

  it('still refuses a uuid that is present and malformed with 400 invalid_lead', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send } = createHarness({ heldLeadStore });
    const answer = await send(unattached({ uuid: 'not-a-uuid' }), keyed('k-1'));
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 'invalid_lead', issues: [expect.objectContaining({ path: ['uuid'] })] });
    expect(await heldLeadStore.list()).toEqual([]);
  });

  it('keys a lead sent without an idempotency key by its request id', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send } = createHarness({ heldLeadStore });
    const answer = await send(unattached());
    const requestId = String(answer.json.requestId);
    expect(await heldLeadStore.list()).toEqual([
      expect.objectContaining({ id: heldLeadId(BOT_KEY, requestId), key: requestId }),
    ]);
  });

  it('answers a repeat with the same key (the beacon after the fetch) the same 202, and keeps one entry', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send, logs } = createHarness({ heldLeadStore });
    const body = { ...unattached(), idempotencyKey: 'k-1' };
    const first = await send(body);
    const repeat = await send(JSON.stringify(body), { headers: { 'content-type': 'text/plain;charset=UTF-8' } });
    expect(repeat.status).toBe(202);
    expect(repeat.json).toEqual({ ...first.json, requestId: expect.any(String) });
    expect(await heldLeadStore.list()).toHaveLength(1);
    expect(logs.map((entry) => [entry.outcome, entry.message])).toEqual([
      ['held', undefined],
      ['held', 'a repeat of a lead already held'],
    ]);
  });

  it('keeps an invalid optional field as a note and names it, as for any lead', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send } = createHarness({ heldLeadStore });
    const answer = await send(unattached({ email: 'grace(at)example' }), keyed('k-1'));
    expect(answer.json).toMatchObject({ held: true, dropped: ['email'] });
    const [held] = await heldLeadStore.list();
    expect(held?.lead).not.toHaveProperty('email');
    expect(JSON.stringify(held?.lead.notes)).toContain('grace(at)example');
  });

  it('answers 503 with Retry-After when the store cannot write, logs the cause once, and loses nothing', async () => {
    const { store, inner, state } = flakyStore();
    const { send, logs } = createHarness({ heldLeadStore: store });
    const body = unattached();
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await send(body, keyed('k-1'));
      expect(refused.status).toBe(503);
      expect(refused.json).toMatchObject({ ok: false, code: 'unavailable' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(logs.map((entry) => [entry.level, entry.outcome, entry.message])).toEqual([
      ['error', 'unavailable', 'held-lead store failed (Error: EROFS: read-only file system)'],
      ['error', 'unavailable', 'held-lead store still failing, as logged before'],
      ['error', 'unavailable', 'held-lead store still failing, as logged before'],
    ]);
    // The companion retries the same lead; once the store writes again it is kept.
    state.failing = false;
    expect((await send(body, keyed('k-1'))).status).toBe(202);
    expect(await inner.list()).toEqual([
      expect.objectContaining({ key: 'k-1', lead: expect.objectContaining(PERSON) }),
    ]);
    expectNoPersonalData(logs);
  });

  it('counts against the address and bot limits, never the per-visitor one', async () => {
    const env = { incoming: { socket: { remoteAddress: '203.0.113.9' } } };
    const { send: sendVisitor } = createHarness({ rateLimit: { uuid: { capacity: 1, refillPerSecond: 0.001 } } });
    for (let i = 0; i < 4; i++) expect((await sendVisitor(unattached(), { ...keyed(`k-${i}`), env })).status).toBe(202);

    const { send: sendIp, logs } = createHarness({ rateLimit: { ip: { capacity: 2, refillPerSecond: 0.001 } } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await sendIp(unattached(), { ...keyed(`k-${i}`), env })).status);
    expect(statuses).toEqual([202, 202, 429]);
    expect(logs.at(-1)).toMatchObject({ outcome: 'rate_limited', limit: 'ip' });

    const { send: sendBot } = createHarness({ rateLimit: { bot: { capacity: 1, refillPerSecond: 0.001 } } });
    expect((await sendBot(unattached(), keyed('k-1'))).status).toBe(202);
    expect((await sendBot(unattached(), keyed('k-2'))).status).toBe(429);
  });
});

describe('the same lead later arriving with a uuid', () => {
  it('is delivered once and its held copy is marked attached', async () => {
    let time = Date.parse('2026-03-01T10:00:00Z');
    const heldLeadStore = createMemoryHeldLeadStore({ now: () => time });
    const { send, calls, logs } = createHarness({ heldLeadStore, now: () => time });
    const body = { ...unattached(), idempotencyKey: 'k-1' };
    expect((await send(body)).status).toBe(202);
    time += 60_000;
    const delivered = await send({ ...body, uuid: UUID });
    expect(delivered.status).toBe(200);
    expect(delivered.json).toEqual({ ok: true, requestId: expect.any(String) });
    // A repeat of the delivered lead is replayed, not sent again.
    expect((await send({ ...body, uuid: UUID })).headers.get('idempotent-replayed')).toBe('true');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ uuid: UUID, ...BOT, ...PERSON });
    const [held] = await heldLeadStore.list();
    expect(held).toMatchObject({ key: 'k-1', attached: { uuid: UUID, at: time } });
    expect(logs.map((entry) => [entry.status, entry.outcome, entry.attached])).toEqual([
      [202, 'held', undefined],
      [200, 'ok', true],
      [200, 'replayed', undefined],
    ]);
    expectNoPersonalData(logs);
  });

  it('touches no held entry of another key or another bot', async () => {
    const other = { botId: 'otherbot', customerId: 'othercustomer' };
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send } = createHarness({ heldLeadStore, bots: [BOT, other] });
    await send(unattached(), keyed('k-1'));
    await send(lead({ ...other }), keyed('k-1'));
    await send(lead(), keyed('k-2'));
    expect((await heldLeadStore.list())[0]?.attached).toBeUndefined();
  });

  it('is delivered even when the held-lead store fails, with a warning', async () => {
    const { store } = flakyStore();
    const { send, calls, logs } = createHarness({ heldLeadStore: store });
    const answer = await send(lead(), keyed('k-1'));
    expect(answer.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 'warn',
      outcome: 'ok',
      message: expect.stringMatching(/marking a held lead/),
    });
  });
});

describe('policy drop', () => {
  it('keeps nothing and answers 202 held false', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send, calls, logs } = createHarness({ heldLeadStore, unattached: 'drop' });
    const answer = await send(unattached(), keyed('k-1'));
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ ok: true, held: false, requestId: expect.any(String) });
    expect(calls).toHaveLength(0);
    expect(await heldLeadStore.list()).toEqual([]);
    expect(logs).toEqual([expect.objectContaining({ status: 202, outcome: 'unattached_dropped' })]);
    // A lead with a uuid is delivered as ever.
    expect((await send(lead(), keyed('k-2'))).status).toBe(200);
  });
});

describe('policy mint', () => {
  const minting = (unknownUuid: 'accept' | 'reject') => {
    const sandbox = createSandbox({ token: TOKEN, unknownUuid });
    const heldLeadStore = createMemoryHeldLeadStore();
    const harness = createHarness({ unattached: 'mint', heldLeadStore, fetch: sandbox.fetch });
    return { ...harness, sandbox, heldLeadStore };
  };

  it('delivers the lead under a new UUID v4 where Flowmatix accepts one it has not seen: 200 minted', async () => {
    const { send, sandbox, heldLeadStore, logs } = minting('accept');
    const body = { ...unattached(), idempotencyKey: 'k-1' };
    const answer = await send(body);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, minted: true, requestId: expect.any(String) });
    const chats = sandbox.chats();
    expect(chats).toHaveLength(1);
    expect(isUuid(chats[0]?.uuid ?? '')).toBe(true);
    expect(chats[0]?.uuid[14]).toBe('4');
    expect(chats[0]?.profile?.userDetails?.name).toBe(PERSON.name);
    expect(await heldLeadStore.list()).toEqual([]);
    // A repeat is replayed: no second uuid, no second chat.
    const repeat = await send(body);
    expect(repeat.json).toMatchObject({ ok: true, minted: true });
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(sandbox.chats()).toHaveLength(1);
    expect(logs.map((entry) => entry.outcome)).toEqual(['minted', 'replayed']);
    expectNoPersonalData(logs);
  });

  it('holds the lead when Flowmatix refuses a uuid it has not seen (404), and logs why', async () => {
    const { send, sandbox, heldLeadStore, logs } = minting('reject');
    const body = { ...unattached(), idempotencyKey: 'k-1' };
    const answer = await send(body);
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ ok: true, held: true, requestId: expect.any(String) });
    expect(sandbox.chats()).toEqual([]);
    expect(await heldLeadStore.list()).toEqual([
      expect.objectContaining({ key: 'k-1', lead: expect.objectContaining(PERSON) }),
    ]);
    expect(logs[0]).toMatchObject({
      level: 'warn',
      status: 202,
      outcome: 'held',
      upstreamStatus: 404,
      message: 'Flowmatix refused a minted uuid (HTTP 404, http_error); the lead is held instead',
    });
    // A repeat is answered the same without asking Flowmatix again.
    const repeat = await send(body);
    expect([repeat.status, repeat.json.held]).toEqual([202, true]);
    expect(await heldLeadStore.list()).toHaveLength(1);
    // Once the visitor opens the chat, the lead comes back with the widget's uuid and lands on that chat.
    sandbox.registerVisitor(UUID);
    expect((await send({ ...body, uuid: UUID })).status).toBe(200);
    expect(sandbox.chats().map((chat) => chat.uuid)).toEqual([UUID]);
    expect((await heldLeadStore.list())[0]?.attached?.uuid).toBe(UUID);
    expectNoPersonalData(logs);
  });

  it('holds the lead when an upstream refuses it with a 4xx error', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const upstream = {
      updateLead: async () => {
        throw new FlowmatixError('http_error', 'Chat not found for uuid', { status: 404 });
      },
    };
    const { send } = createHarness({ unattached: 'mint', heldLeadStore, upstream });
    expect((await send(unattached(), keyed('k-1'))).json).toMatchObject({ held: true });
    expect(await heldLeadStore.list()).toHaveLength(1);
  });

  it.each<[string, number, number, string]>([
    ['a 5xx', 503, 502, 'upstream_error'],
    ['a rate limit', 429, 502, 'upstream_error'],
  ])('answers %s from Flowmatix as for any lead, and holds nothing', async (_what, upstreamStatus, status, code) => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send } = createHarness({
      unattached: 'mint',
      heldLeadStore,
      respond: () =>
        new Response(JSON.stringify({ success: false, message: 'busy', code: upstreamStatus }), {
          status: upstreamStatus,
        }),
    });
    const answer = await send(unattached(), keyed('k-1'));
    expect([answer.status, answer.json.code]).toEqual([status, code]);
    expect(await heldLeadStore.list()).toEqual([]);
  });

  it('answers 504 when Flowmatix does not answer in time', async () => {
    const upstream = {
      updateLead: async () => {
        throw new FlowmatixError('timeout', 'no answer', { status: 0 });
      },
    };
    const { send } = createHarness({ unattached: 'mint', upstream });
    expect((await send(unattached(), keyed('k-1'))).status).toBe(504);
  });

  it('answers 503 when the fallback cannot be written', async () => {
    const { store } = flakyStore();
    const sandbox = createSandbox({ token: TOKEN, unknownUuid: 'reject' });
    const { send } = createHarness({ unattached: 'mint', heldLeadStore: store, fetch: sandbox.fetch });
    const answer = await send(unattached(), keyed('k-1'));
    expect([answer.status, answer.json.code]).toEqual([503, 'unavailable']);
  });
});

describe('forwarding held leads', () => {
  /** A receiver that checks each signature with node:crypto, as the README shows. */
  const receiver = (statuses: number[]) => {
    const received: { id: string; valid: boolean }[] = [];
    const fetch = async (request: Request): Promise<Response> => {
      const body = await request.text();
      const header = request.headers.get('flowmatix-signature') ?? '';
      const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=')));
      const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
      const valid = v1?.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
      received.push({ id: JSON.parse(body).id, valid });
      return new Response(null, { status: statuses[received.length - 1] ?? 200 });
    };
    return { fetch, received };
  };

  it('forwards a newly held lead in the background: the 202 does not wait for the receiver', async () => {
    let release: (response: Response) => void = () => undefined;
    const answered = new Promise<Response>((resolve) => {
      release = resolve;
    });
    const heldLeadStore = createMemoryHeldLeadStore();
    const sent: Request[] = [];
    const forwarder = createHeldLeadForwarder({
      store: heldLeadStore,
      url: 'https://crm.example/hooks/leads',
      secret: SECRET,
      logger: false,
      fetch: (request) => {
        sent.push(request);
        return answered;
      },
    });
    const { send } = createHarness({ heldLeadStore, forwarder });
    expect((await send(unattached(), keyed('k-1'))).status).toBe(202);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect((await heldLeadStore.list())[0]?.forwarded).toBeUndefined();
    release(new Response(null, { status: 204 }));
    await vi.waitFor(async () => expect((await heldLeadStore.list())[0]?.forwarded).toBeDefined());
    // A repeat is not forwarded again.
    expect((await send(unattached(), keyed('k-1'))).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toHaveLength(1);
  });

  it('hands the forwarding to the runtime waitUntil where there is one', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { fetch, received } = receiver([]);
    const url = 'https://crm.example/h';
    const forwarder = createHeldLeadForwarder({ store: heldLeadStore, url, secret: SECRET, fetch, logger: false });
    const relay = createRelay({ token: TOKEN, bots: [BOT], heldLeadStore, forwarder, logger: false });
    const waitUntil = vi.fn<(promise: Promise<unknown>) => void>();
    const request = new Request(RELAY_URL, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'idempotency-key': 'k-1' },
      body: JSON.stringify(unattached()),
    });
    const response = await relay.fetch(request, {}, { waitUntil, passThroughOnException: () => undefined, props: {} });
    observe(await response.text());
    expect(response.status).toBe(202);
    expect(waitUntil).toHaveBeenCalledTimes(1);
    await waitUntil.mock.calls[0]?.[0];
    expect(received).toEqual([{ id: heldLeadId(BOT_KEY, 'k-1'), valid: true }]);
  });

  it('built from forward, retries a failed lead while serving, at most once a minute', async () => {
    let time = Date.parse('2026-03-01T10:00:00Z');
    const { fetch, received } = receiver([500, 500, 200]);
    vi.stubGlobal('fetch', fetch);
    const heldLeadStore = createMemoryHeldLeadStore({ now: () => time });
    const { send } = createHarness({
      heldLeadStore,
      now: () => time,
      forward: { url: 'https://crm.example/hooks/leads', secret: SECRET },
    });
    // The harness hands the relay a fetch of its own for Flowmatix: the global one is only the forwarder's.
    expect((await send(unattached(), keyed('k-1'))).status).toBe(202);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    for (let minute = 1; minute <= 30 && received.length < 3; minute++) {
      time += 60_000;
      await send(lead(), keyed(`u-${minute}`));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await vi.waitFor(async () => expect((await heldLeadStore.list())[0]?.forwarded).toBeDefined());
    expect(received).toEqual([1, 2, 3].map(() => ({ id: heldLeadId(BOT_KEY, 'k-1'), valid: true })));
  });
});

describe('configuration', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown policy', { unattached: 'keep' }, /^unattached: expected "hold", "mint" or "drop", got keep$/],
    ['a zero retention', { heldTtlMs: 0 }, /^heldTtlMs must be a positive number/],
    ['a store without methods', { heldLeadStore: {} }, /^heldLeadStore: expected a store with put, get, update/],
    [
      'a forward URL that is not http',
      { forward: { url: 'mailto:owner@example.com', secret: SECRET } },
      /^forward\.url/,
    ],
    ['a forward without secret', { forward: { url: 'https://crm.example/h', secret: '' } }, /^forward\.secret: /],
    ['a forwarder that is not one', { forwarder: { send: () => undefined } }, /^forwarder: /],
  ])('refuses %s at creation', (_what, options, message) => {
    const create = () => createRelay({ token: TOKEN, bots: [BOT], logger: false, ...options });
    expect(create).toThrow(RelayConfigurationError);
    expect(create).toThrow(message);
  });

  it('keeps held leads for heldTtlMs in the default store', async () => {
    let time = Date.parse('2026-03-01T10:00:00Z');
    const { send, logs } = createHarness({ heldTtlMs: 60_000, now: () => time });
    await send(unattached(), keyed('k-1'));
    time += 30_000;
    await send(lead(), keyed('k-1'));
    time += 60_000;
    await send(lead({ uuid: '0b9d5a3e-1c2f-4e6a-8b7d-9f0e1d2c3b4a' }), keyed('k-1'));
    // Attached while kept; gone once its retention passed.
    expect(logs.map((entry) => entry.attached)).toEqual([undefined, true, undefined]);
  });
});
