import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createHeldLeadForwarder,
  type HeldLeadForwarderOptions,
  type HeldLeadForwardLogEntry,
} from '../../../src/relay/core/create-held-lead-forwarder';
import {
  createMemoryHeldLeadStore,
  type HeldLead,
  type HeldLeadStore,
} from '../../../src/relay/stores/held-lead-store';
import { RelayConfigurationError } from '../../../src/relay/core/relay-configuration-error';
import { docsVerify } from './forward-signature-snippet';

const SECRET = 'whsec_3f9c2a7e1b5d4c8a9e0f6b2d7c1a5e9f';
const URL_WITH_SECRET_PATH = 'https://hooks.example.com/catch/123/s3cr3tpath/';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-03-01T10:00:00Z');

afterEach(() => {
  vi.restoreAllMocks();
});

/** The receiver's check as docs/held-leads.md shows it, at the moment the signature was made. */
const verify = (header: string, body: string, secret: string): boolean =>
  docsVerify(() => Number(/t=(\d+)/.exec(header)?.[1]) * 1000)(header, body, secret);

interface Received {
  url: string;
  body: string;
  signature: string;
  contentType: string | null;
  accepted: boolean;
}

/** A receiver in this process: answers each request with `answer(n)` (1-based) and records what it got. */
const receiver = (answer: (call: number) => number | Promise<number>) => {
  const received: Received[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const body = await request.text();
    const signature = request.headers.get('flowmatix-signature') ?? '';
    const status = await answer(received.length + 1);
    received.push({
      url: request.url,
      body,
      signature,
      contentType: request.headers.get('content-type'),
      accepted: status >= 200 && status < 300 && verify(signature, body, SECRET),
    });
    return new Response(status === 204 ? null : 'thanks', { status });
  };
  return { fetch, received };
};

const heldLead = (id: string, receivedAt: number, email = 'ada@example.com'): HeldLead => ({
  id,
  key: `key-${id}`,
  receivedAt,
  lead: {
    botId: 'b1',
    customerId: 'c1',
    name: 'Ada Lovelace',
    email,
    notes: [{ title: 'Contact us', description: 'Hi' }],
  },
});

const setup = (options: Partial<HeldLeadForwarderOptions> & { ttlMs?: number } = {}) => {
  let time = START;
  const clock = { now: () => time, advance: (ms: number) => (time += ms) };
  const store = createMemoryHeldLeadStore({ ttlMs: options.ttlMs ?? 30 * DAY, now: clock.now });
  const logs: HeldLeadForwardLogEntry[] = [];
  const forwarder = createHeldLeadForwarder({
    store,
    url: URL_WITH_SECRET_PATH,
    secret: SECRET,
    now: clock.now,
    random: () => 0.5,
    minDelayMs: 60_000,
    logger: (entry) => logs.push(entry),
    ...options,
  });
  return { store, forwarder, logs, clock };
};

describe('createHeldLeadForwarder', () => {
  it('gets each held lead to a receiver that answered 500 twice, once, signed as the README says', async () => {
    const { fetch, received } = receiver((call) => (call <= 2 ? 500 : 200));
    const { store, forwarder, logs, clock } = setup({ fetch });
    const lead = heldLead('held:1', START);
    await store.put(lead);

    expect(await forwarder.forward(lead)).toBe(false);
    expect(await forwarder.sweep()).toBe(0); // not due yet: it waits out its backoff
    clock.advance(2 * 60_000);
    expect(await forwarder.sweep()).toBe(0);
    clock.advance(4 * 60_000);
    expect(await forwarder.sweep()).toBe(1);
    for (let i = 0; i < 5; i++) {
      clock.advance(DAY);
      expect(await forwarder.sweep()).toBe(0);
    }

    expect(received).toHaveLength(3);
    expect(received.filter((request) => request.accepted)).toHaveLength(1);
    for (const request of received) {
      expect(request.url).toBe(URL_WITH_SECRET_PATH);
      expect(request.contentType).toBe('application/json');
      expect(request.signature).toMatch(/^t=\d+,v1=[\da-f]{64}$/);
      expect(verify(request.signature, request.body, SECRET)).toBe(true);
      expect(verify(request.signature, request.body, 'another secret')).toBe(false);
      expect(verify(request.signature, `${request.body} `, SECRET)).toBe(false);
    }
    // The snippet also refuses a signature made more than five minutes before it checks it (a replay).
    const signedAt = Number(/t=(\d+)/.exec(received[2]?.signature ?? '')?.[1]) * 1000;
    const late = docsVerify(() => signedAt + 301_000);
    expect(late(received[2]?.signature ?? '', received[2]?.body ?? '', SECRET)).toBe(false);
    expect(docsVerify(() => signedAt + 299_000)(received[2]?.signature ?? '', received[2]?.body ?? '', SECRET)).toBe(
      true,
    );
    expect(JSON.parse(received[2]?.body ?? '')).toEqual({
      type: 'lead.held',
      id: 'held:1',
      key: 'key-held:1',
      receivedAt: '2026-03-01T10:00:00.000Z',
      lead: lead.lead,
    });
    const kept = await store.get('held:1');
    expect(kept).toMatchObject({ forwarded: { at: START + 6 * 60_000 }, forwardAttempts: 3 });
    expect(logs.map(({ outcome, attempt, status }) => [outcome, attempt, status])).toEqual([
      ['forward_failed', 1, 500],
      ['forward_failed', 2, 500],
      ['forwarded', 3, 200],
    ]);
  });

  it('signs with the time of sending: t is the unix time in seconds', async () => {
    const { fetch, received } = receiver(() => 204);
    const { store, forwarder } = setup({ fetch });
    const lead = heldLead('held:t', START);
    await store.put(lead);
    expect(await forwarder.forward(lead)).toBe(true);
    expect(received[0]?.signature).toMatch(new RegExp(`^t=${START / 1000},v1=`));
  });

  it('sends several held leads each once, however often it sweeps', async () => {
    const { fetch, received } = receiver((call) => (call % 3 === 0 ? 503 : 200));
    const { store, forwarder, clock } = setup({ fetch });
    for (let i = 0; i < 5; i++) await store.put(heldLead(`held:${i}`, START + i));
    for (let round = 0; round < 20; round++) {
      await Promise.all([forwarder.sweep(), forwarder.sweep()]);
      clock.advance(HOUR);
    }
    const accepted = received.filter((request) => request.accepted).map((request) => JSON.parse(request.body).id);
    expect(accepted.sort()).toEqual(['held:0', 'held:1', 'held:2', 'held:3', 'held:4']);
    expect((await store.list()).every((lead) => lead.forwarded !== undefined)).toBe(true);
  });

  it('stops trying a receiver that never answers 2xx once the lead leaves the store at the end of its retention', async () => {
    const { fetch, received } = receiver(() => 500);
    const { store, forwarder, clock } = setup({ fetch, ttlMs: 2 * DAY, minDelayMs: 10 * 60_000, maxDelayMs: 4 * HOUR });
    await store.put(heldLead('held:never', START));
    const times: number[] = [];
    for (let elapsed = 0; elapsed <= 5 * DAY; elapsed += 10 * 60_000) {
      const before = received.length;
      await forwarder.sweep();
      if (received.length > before) times.push(clock.now() - START);
      clock.advance(10 * 60_000);
    }
    expect(times.length).toBeGreaterThan(5);
    expect(Math.max(...times)).toBeLessThan(2 * DAY);
    // Capped exponential backoff: the gaps grow, and never beyond maxDelayMs.
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    expect(gaps[1]).toBeGreaterThan(gaps[0] ?? 0);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4 * HOUR + 10 * 60_000);
    expect(await store.list()).toEqual([]);
  });

  it('gives up on a receiver that does not answer in time, and tries again later', async () => {
    let aborted = false;
    const hanging = (request: Request): Promise<Response> =>
      new Promise((_resolve, reject) => {
        request.signal.addEventListener('abort', () => {
          aborted = true;
          reject(request.signal.reason);
        });
      });
    const { store, forwarder, logs } = setup({ fetch: hanging, timeoutMs: 50 });
    const lead = heldLead('held:slow', START);
    await store.put(lead);
    expect(await forwarder.forward(lead)).toBe(false);
    expect(aborted).toBe(true);
    expect(logs[0]).toMatchObject({ outcome: 'forward_failed', status: 0, message: 'no answer within 50 ms' });
    expect(await store.get('held:slow')).toMatchObject({ forwardAttempts: 1, nextForwardAt: expect.any(Number) });
  });

  it('does not follow a redirect: the lead is due again', async () => {
    const { fetch, received } = receiver(() => 302);
    const { store, forwarder, logs } = setup({ fetch });
    const lead = heldLead('held:moved', START);
    await store.put(lead);
    expect(await forwarder.forward(lead)).toBe(false);
    expect(received).toHaveLength(1);
    expect(logs[0]?.message).toMatch(/HTTP 302 \(redirects are not followed\)/);
  });

  it('says why a request failed without repeating the URL', async () => {
    const failing = async () => {
      throw new TypeError(`fetch failed for ${URL_WITH_SECRET_PATH}`, { cause: { code: 'ECONNREFUSED' } });
    };
    const { store, forwarder, logs } = setup({ fetch: failing });
    const lead = heldLead('held:down', START);
    await store.put(lead);
    expect(await forwarder.forward(lead)).toBe(false);
    expect(logs[0]?.message).toBe('request failed: TypeError (ECONNREFUSED)');
  });

  it('logs neither the secret, the URL nor anything of the lead', async () => {
    const { fetch } = receiver((call) => (call === 1 ? 500 : 200));
    const { store, forwarder, logs, clock } = setup({ fetch });
    const lead = heldLead('held:quiet', START, 'grace.hopper@example.com');
    await store.put(lead);
    await forwarder.forward(lead);
    clock.advance(HOUR);
    await forwarder.sweep();
    const text = JSON.stringify(logs);
    expect(logs.length).toBe(2);
    for (const secret of [SECRET, 's3cr3tpath', 'hooks.example.com', 'grace', 'Ada Lovelace', 'key-held']) {
      expect(text).not.toContain(secret);
    }
  });

  it('sends a lead once when it is forwarded and swept at the same time', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { fetch, received } = receiver(async () => {
      await gate;
      return 200;
    });
    const { store, forwarder } = setup({ fetch });
    const lead = heldLead('held:race', START);
    await store.put(lead);
    const first = forwarder.forward(lead);
    const second = forwarder.sweep();
    const third = forwarder.forward(lead);
    release();
    expect(await Promise.all([first, second, third])).toEqual([true, 0, false]);
    expect(received).toHaveLength(1);
    expect(await forwarder.sweep()).toBe(0);
  });

  it('sends nothing for a lead that left the store, and nothing again for one forwarded', async () => {
    const { fetch, received } = receiver(() => 200);
    const { store, forwarder } = setup({ fetch });
    const gone = heldLead('held:gone', START);
    expect(await forwarder.forward(gone)).toBe(false);
    expect(await forwarder.forward({ ...gone, forwarded: { at: START } })).toBe(false);
    expect(received).toHaveLength(0);
    expect(await store.list()).toEqual([]);
  });

  it('logs a store that fails during a sweep, and never rejects', async () => {
    const broken: HeldLeadStore = {
      ...createMemoryHeldLeadStore(),
      list: () => Promise.reject(new Error('disk on fire')),
    };
    const { forwarder, logs } = setup({ store: broken, fetch: receiver(() => 200).fetch });
    expect(await forwarder.sweep()).toBe(0);
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'warn',
        outcome: 'sweep_failed',
        message: 'held-lead store failed (Error: disk on fire)',
      }),
    ]);
  });

  it('start() sweeps at once and then on its interval, on a timer that keeps no process alive, until stopped', async () => {
    const { fetch, received } = receiver(() => 200);
    const { store, forwarder } = setup({ fetch, now: Date.now });
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    await store.put(heldLead('held:a', Date.now()));
    const stop = forwarder.start(20);
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5_000 });
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await store.put(heldLead('held:b', Date.now()));
    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 5_000 });
    stop();
    await store.put(heldLead('held:c', Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(2);
  });

  it.each<[string, Partial<HeldLeadForwarderOptions>, RegExp]>([
    ['a relative url', { url: '/hooks/leads' }, /^url: expected an absolute http:\/\/ or https:\/\/ URL/],
    ['an ftp url', { url: 'ftp://files.example.com/leads' }, /^url: /],
    ['no secret', { secret: '' }, /^secret: .*required/],
    ['a secret with a line break', { secret: 'abc\ndef' }, /^secret: contains a line break/],
    ['a negative delay', { minDelayMs: -1 }, /^minDelayMs must be a positive number/],
    [
      'a ceiling under the floor',
      { minDelayMs: 10_000, maxDelayMs: 5_000 },
      /^maxDelayMs \(5000\) must not be below minDelayMs/,
    ],
  ])('refuses %s with a RelayConfigurationError that repeats neither url nor secret', (_what, options, message) => {
    const create = () =>
      createHeldLeadForwarder({
        store: createMemoryHeldLeadStore(),
        url: URL_WITH_SECRET_PATH,
        secret: SECRET,
        ...options,
      });
    expect(create).toThrow(RelayConfigurationError);
    expect(create).toThrow(message);
    try {
      create();
    } catch (error) {
      expect(String(error)).not.toContain(SECRET);
      expect(String(error)).not.toContain('s3cr3tpath');
    }
  });
});
