import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDelivery, IDEMPOTENCY_KEY_FIELD, type DeliveryOptions } from '../../src/browser/create-delivery';
import { EVENTS } from '../../src/browser/events';
import { OUTBOX_KEY, type OutboxEntry } from '../../src/browser/outbox';
import { fakeRelay, IDENTITY, MemoryStorage, recordEvents, type Answer } from './delivery-fakes';

const LEAD = { name: 'Ada Lovelace', email: 'ada@example.com' };
const RELAY = '/api/flowmatix/lead';

let form: HTMLFormElement;
let stops: (() => void)[];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
  form = document.createElement('form');
  document.body.append(form);
  stops = [];
});

afterEach(() => {
  for (const stop of stops) stop();
  form.remove();
  delete (window as unknown as Record<string, unknown>)['flowmatix-leads:held'];
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const setup = (options: Partial<DeliveryOptions> & { answers?: Answer[] } = {}) => {
  const relay = fakeRelay(...(options.answers ?? []));
  const storage = options.storage ?? new MemoryStorage();
  const events = recordEvents(document);
  const delivery = createDelivery({
    relayUrl: RELAY,
    storage,
    identity: () => IDENTITY,
    fetch: relay.fetch,
    sendBeacon: () => false,
    random: () => 1,
    ...options,
  });
  stops.push(delivery.start());
  return { delivery, relay, storage, events };
};

// happy-dom has no PageTransitionEvent.
const fromCache = (type: 'pagehide' | 'pageshow') => Object.assign(new Event(type), { persisted: true });

const outbox = (storage: Storage): OutboxEntry[] => JSON.parse(storage.getItem(OUTBOX_KEY) ?? '[]');

const hide = () => {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
  document.dispatchEvent(new Event('visibilitychange'));
};

const beacons = () => {
  const sent: { url: string; type: string; body: Record<string, unknown> }[] = [];
  const sendBeacon = vi.fn((url: string, data: BodyInit) => {
    const blob = data as Blob;
    sent.push({ url, type: blob.type, body: {} });
    void blob.text().then((text) => Object.assign(sent.at(-1)!.body, JSON.parse(text)));
    return true;
  });
  return { sent, sendBeacon };
};

describe('createDelivery', () => {
  it('posts a lead as JSON with its idempotency key and identity, then removes it and reports it sent', async () => {
    const { delivery, relay, storage, events } = setup();
    const key = delivery.enqueue(LEAD, form);

    expect(outbox(storage)).toMatchObject([{ key, draft: LEAD, attempts: 0, state: 'pending' }]);
    expect(await delivery.flush()).toEqual({ sent: 1, queued: 0, failed: 0 });

    expect(relay.requests).toHaveLength(1);
    const [request] = relay.requests;
    expect(request).toMatchObject({ url: RELAY, key, body: { ...LEAD, ...IDENTITY, [IDEMPOTENCY_KEY_FIELD]: key } });
    expect(request!.init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'same-origin' });
    expect(new Headers(request!.init.headers).get('Content-Type')).toBe('application/json');
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    expect(events).toEqual([{ type: EVENTS.sent, detail: { key, requestId: 'req-1', attached: true, dropped: [] } }]);
  });

  it('makes its own key where crypto.randomUUID is missing (plain-http pages)', async () => {
    vi.stubGlobal('crypto', {});
    const { delivery, relay } = setup({ random: () => 0.123 });
    const key = delivery.enqueue(LEAD, form);
    vi.unstubAllGlobals();
    expect(key).toBe(`${Date.now()}-0.123`);
    await delivery.flush();
    expect(relay.requests[0]!.key).toBe(key);
  });

  it('writes the outbox before enqueue returns, so a navigation in the same task cannot lose the lead', () => {
    const { delivery, relay, storage } = setup();
    const key = delivery.enqueue(LEAD, form);
    expect(outbox(storage).map((entry) => entry.key)).toEqual([key]);
    expect(relay.requests).toHaveLength(0);
  });

  it('dispatches events on the form, bubbling to the document', async () => {
    const { delivery } = setup();
    const onForm = recordEvents(form);
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    expect(onForm.map((event) => event.type)).toEqual([EVENTS.sent]);
  });

  it('passes on the fields the relay dropped', async () => {
    const { delivery, events } = setup({
      answers: [{ status: 200, body: { ok: true, requestId: 'r', dropped: ['phone'] } }],
    });
    delivery.enqueue({ ...LEAD, phone: 'call me' }, form);
    await delivery.flush();
    expect(events[0]).toMatchObject({ type: EVENTS.sent, detail: { requestId: 'r', dropped: ['phone'] } });
  });

  it('waits while the browser is offline and sends when it comes back online', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { delivery, relay, events } = setup();
    const key = delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 1, failed: 0 });
    expect(relay.requests).toHaveLength(0);
    expect(events).toEqual([{ type: EVENTS.queued, detail: { key, reason: 'offline' } }]);

    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.requests).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: EVENTS.sent, detail: { key } });
  });

  it('treats a network error as offline and retries it with backoff', async () => {
    const { delivery, relay, events } = setup({ answers: ['network'] });
    const key = delivery.enqueue(LEAD, form);
    await delivery.flush();
    expect(events).toEqual([
      {
        type: EVENTS.queued,
        detail: { key, reason: 'offline', attempts: 1, status: 0, retryAt: Date.now() + 1_000 },
      },
    ]);
    await vi.advanceTimersByTimeAsync(999);
    expect(relay.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.requests).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: EVENTS.sent, detail: { key } });
  });

  it('retries a 500 with the same idempotency key and sends on the 200', async () => {
    const { delivery, relay, storage, events } = setup({
      answers: [{ status: 500, body: { ok: false, code: 'internal_error' } }],
    });
    const key = delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 1, failed: 0 });
    expect(events).toEqual([
      {
        type: EVENTS.queued,
        detail: { key, reason: 'retrying', attempts: 1, status: 500, retryAt: Date.now() + 1_000 },
      },
    ]);
    expect(outbox(storage)).toMatchObject([{ key, attempts: 1, nextAttemptAt: Date.now() + 1_000 }]);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(relay.requests.map((request) => request.key)).toEqual([key, key]);
    expect(relay.requests[1]!.body).toEqual(relay.requests[0]!.body);
    expect(events.at(-1)).toMatchObject({ type: EVENTS.sent, detail: { key } });
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('backs off exponentially with full jitter while the relay keeps failing', async () => {
    const answers: Answer[] = Array.from({ length: 4 }, () => ({ status: 503 }));
    const { delivery, relay } = setup({ answers, random: () => 0.5 });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    const times = [Date.now()];
    for (const wait of [500, 1_000, 2_000, 4_000]) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(relay.requests).toHaveLength(times.length);
      await vi.advanceTimersByTimeAsync(1);
      times.push(Date.now());
      expect(relay.requests).toHaveLength(times.length);
    }
  });

  it('honours Retry-After on a 429, in seconds or as an HTTP date', async () => {
    const later = new Date(Date.now() + 150_000).toUTCString();
    const { delivery, relay, events } = setup({
      answers: [
        { status: 429, body: { ok: false, code: 'rate_limited' }, headers: { 'Retry-After': '30' } },
        { status: 429, body: { ok: false, code: 'rate_limited' }, headers: { 'Retry-After': later } },
      ],
    });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    expect(events.at(-1)).toMatchObject({ detail: { reason: 'retrying', status: 429 } });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(relay.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(relay.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(relay.requests).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: EVENTS.sent });
  });

  it('retries a 408 body timeout', async () => {
    const { delivery, relay } = setup({ answers: [{ status: 408, body: { ok: false, code: 'body_timeout' } }] });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(relay.requests).toHaveLength(2);
  });

  it('gives up on a 400 at once and reports the relay code, message and issues', async () => {
    const issues = [{ path: ['email'], message: 'Invalid email' }];
    const { delivery, relay, storage, events } = setup({
      answers: [
        {
          status: 400,
          body: { ok: false, requestId: 'r', code: 'invalid_lead', message: 'The lead is not valid.', issues },
        },
      ],
    });
    const onForm = recordEvents(form);
    const key = delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 0, failed: 1 });
    expect(events).toEqual([
      {
        type: EVENTS.failed,
        detail: {
          key,
          code: 'invalid_lead',
          status: 400,
          message: 'The lead is not valid.',
          issues,
          lead: { ...LEAD, ...IDENTITY },
        },
      },
    ]);
    expect(onForm).toHaveLength(1);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(relay.requests).toHaveLength(1);
  });

  it('gives up on a 4xx without a JSON body with the code "rejected"', async () => {
    const { delivery, events } = setup({ answers: [{ status: 404 }] });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    expect(events).toMatchObject([{ type: EVENTS.failed, detail: { code: 'rejected', status: 404, issues: [] } }]);
  });

  it('survives a reload between attempts: the next page sends the same lead with the same key', async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage, answers: [{ status: 503 }] });
    const onForm = recordEvents(form);
    const key = first.delivery.enqueue(LEAD, form);
    await first.delivery.flush();
    stops.pop()!();
    form.remove();

    const second = setup({ storage });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(second.relay.requests.map((request) => request.key)).toEqual([key]);
    expect(second.events.at(-1)).toMatchObject({ type: EVENTS.sent, detail: { key } });
    expect(onForm.map((event) => event.type)).toEqual([EVENTS.queued]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    expect(first.relay.requests).toHaveLength(1);
  });

  it('keeps the backoff across a reload instead of retrying at once', async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage, answers: [{ status: 503, headers: { 'Retry-After': '60' } }] });
    first.delivery.enqueue(LEAD, form);
    await first.delivery.flush();
    stops.pop()!();

    const second = setup({ storage });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(second.relay.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(second.relay.requests).toHaveLength(1);
  });

  it('holds a lead until the visitor UUID appears within the wait, then sends it with that UUID', async () => {
    const identity: { uuid?: string; botId?: string; customerId?: string } = { botId: 'bot-1', customerId: 'cust-1' };
    const { delivery, relay, storage, events } = setup({ identity: () => identity, uuidWait: 120 });
    const key = delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 1, failed: 0 });
    expect(events).toEqual([{ type: EVENTS.queued, detail: { key, reason: 'uuid-pending' } }]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(relay.requests).toHaveLength(0);
    expect(events).toHaveLength(1);

    identity.uuid = IDENTITY.uuid;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(relay.requests).toHaveLength(1);
    expect(relay.requests[0]!.body).toMatchObject({ ...LEAD, ...IDENTITY });
    expect(events.at(-1)).toMatchObject({ type: EVENTS.sent, detail: { key } });
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('asks for the identity once per pass, not once per queued lead (finding the UUID may read all of storage)', async () => {
    const identity = vi.fn(() => ({ botId: 'bot-1', customerId: 'cust-1' }));
    const { delivery } = setup({ identity });
    for (let i = 0; i < 5; i++) delivery.enqueue({ email: `lead${i}@example.com` }, form);
    await delivery.flush();
    identity.mockClear();
    await delivery.flush();
    expect(identity).toHaveBeenCalledTimes(1);
  });

  it('sends a lead whose UUID appears on a later page', async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage, identity: () => ({ botId: 'bot-1', customerId: 'cust-1' }) });
    first.delivery.enqueue(LEAD, form);
    await first.delivery.flush();
    stops.pop()!();

    const second = setup({ storage });
    await second.delivery.flush();
    expect(second.relay.requests[0]!.body).toMatchObject(IDENTITY);
  });

  it('keeps the identity a lead was first sent with, so every retry has the same body', async () => {
    let identity = IDENTITY;
    const { delivery, relay } = setup({ identity: () => identity, answers: [{ status: 502 }] });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    identity = { ...IDENTITY, uuid: 'another-uuid' };
    await vi.advanceTimersByTimeAsync(1_000);
    expect(relay.requests[1]!.body).toEqual(relay.requests[0]!.body);
  });

  it('drops leads older than 24 hours with the code "expired"', async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage, answers: [{ status: 503, headers: { 'Retry-After': '3600' } }] });
    const key = first.delivery.enqueue(LEAD, form);
    await first.delivery.flush();
    stops.pop()!();

    vi.setSystemTime(Date.now() + 24 * 3_600_000);
    const second = setup({ storage });
    expect(await second.delivery.flush()).toEqual({ sent: 0, queued: 0, failed: 1 });
    expect(second.relay.requests).toHaveLength(0);
    expect(second.events).toEqual([
      { type: EVENTS.failed, detail: { key, code: 'expired', lead: { ...LEAD, ...IDENTITY } } },
    ]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('ignores a corrupted outbox and carries on', async () => {
    const storage = new MemoryStorage();
    storage.setItem(OUTBOX_KEY, '{"key": "trunc');
    const { delivery, relay } = setup({ storage });
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 0, failed: 0 });
    delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toMatchObject({ sent: 1 });
    expect(relay.requests).toHaveLength(1);
  });

  it('bounds times read from storage and never sets a timer beyond what browsers keep (they fire those at once)', async () => {
    const storage = new MemoryStorage();
    const far = Date.now() + 2 ** 32;
    const entry = {
      key: 'k-1',
      draft: { ...LEAD, ...IDENTITY },
      createdAt: far,
      attempts: 3,
      nextAttemptAt: far,
      state: 'pending',
    };
    storage.setItem(OUTBOX_KEY, JSON.stringify([entry]));
    const timeout = vi.spyOn(window, 'setTimeout');
    const { relay, events } = setup({ storage });
    await vi.advanceTimersByTimeAsync(0);
    expect(Math.max(...timeout.mock.calls.map(([, ms]) => ms ?? 0))).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(relay.requests).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(relay.requests.map((request) => request.key)).toEqual(['k-1']);
    expect(events).toContainEqual(
      expect.objectContaining({ type: EVENTS.sent, detail: expect.objectContaining({ key: 'k-1' }) }),
    );
  });

  it('skips malformed entries and still sends the valid ones', async () => {
    const storage = new MemoryStorage();
    const valid = { key: 'k-1', draft: LEAD, createdAt: Date.now(), attempts: 0, nextAttemptAt: 0, state: 'pending' };
    storage.setItem(
      OUTBOX_KEY,
      JSON.stringify([null, 7, { key: 'k-2' }, { ...valid, key: 3 }, { ...valid, attempts: 'x' }, valid]),
    );
    const { delivery, relay } = setup({ storage });
    expect(await delivery.flush()).toEqual({ sent: 1, queued: 0, failed: 0 });
    expect(relay.requests.map((request) => request.key)).toEqual(['k-1']);
  });

  it('never throws on a full storage: it drops the oldest leads with "evicted" and keeps the newest', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const storage = new MemoryStorage(1_200);
    const { delivery, events } = setup({ storage });
    const keys = Array.from({ length: 10 }, (_, i) => delivery.enqueue({ ...LEAD, name: `Lead ${i}` }, form));
    const kept = outbox(storage).map((entry) => entry.key);
    const evicted = events.filter((event) => event.type === EVENTS.failed).map((event) => event.detail.key);
    expect(evicted.length).toBeGreaterThan(0);
    expect(events.filter((event) => event.type === EVENTS.failed).every((e) => e.detail.code === 'evicted')).toBe(true);
    expect([...evicted, ...kept]).toEqual(keys);
  });

  it('keeps leads in memory when storage refuses even one entry, and still sends them', async () => {
    const storage = new MemoryStorage(10);
    const { delivery, relay, events } = setup({ storage });
    const key = delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toEqual({ sent: 1, queued: 0, failed: 0 });
    expect(relay.requests[0]!.key).toBe(key);
    expect(events.map((event) => event.type)).toEqual([EVENTS.sent]);
  });

  it('works without storage at all', async () => {
    const { delivery, relay } = setup({ storage: undefined });
    delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toMatchObject({ sent: 1 });
    expect(relay.requests).toHaveLength(1);
  });

  it('keeps at most 50 leads, dropping the oldest with "evicted"', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { delivery, storage, events } = setup();
    const keys = Array.from({ length: 52 }, () => delivery.enqueue(LEAD, form));
    expect(outbox(storage).map((entry) => entry.key)).toEqual(keys.slice(2));
    expect(events.filter((event) => event.type === EVENTS.failed)).toEqual(
      keys.slice(0, 2).map((key) => ({ type: EVENTS.failed, detail: { key, code: 'evicted', lead: LEAD } })),
    );
  });

  it('keeps the outbox under 256 KiB, dropping the oldest with "evicted"', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { delivery, storage } = setup();
    const big = { notes: [{ title: 'Message', description: 'x'.repeat(40_000) }] };
    const keys = Array.from({ length: 8 }, () => delivery.enqueue(big, form));
    const kept = outbox(storage).map((entry) => entry.key);
    expect(kept).toEqual(keys.slice(keys.length - kept.length));
    expect(kept.length).toBe(6);
    expect(storage.getItem(OUTBOX_KEY)!.length).toBeLessThanOrEqual(256 * 1024);
  });

  it('sends a large lead without keepalive, which only covers bodies under 60 KiB', async () => {
    const { delivery, relay } = setup();
    delivery.enqueue({ notes: [{ title: 'Message', description: 'x'.repeat(61 * 1024) }] }, form);
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    expect(relay.requests.map((request) => request.init.keepalive)).toEqual([false, true]);
  });

  it('flush reports what it did and a flush during a flush joins it', async () => {
    const { delivery, relay } = setup({ answers: [{ status: 503 }, { status: 400, body: { code: 'invalid_lead' } }] });
    delivery.enqueue(LEAD, form);
    delivery.enqueue(LEAD, form);
    delivery.enqueue(LEAD, form);
    const [a, b] = [delivery.flush(), delivery.flush()];
    expect(a).toBe(b);
    expect(await a).toEqual({ sent: 1, queued: 1, failed: 1 });
    expect(relay.requests).toHaveLength(3);
  });

  it('reports events on the document once the form is gone', async () => {
    const { delivery } = setup({ answers: [{ status: 503 }] });
    const onForm = recordEvents(form);
    const onDocument = recordEvents(document);
    const key = delivery.enqueue(LEAD, form);
    await delivery.flush();
    form.remove();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onForm.map((event) => event.type)).toEqual([EVENTS.queued]);
    expect(onDocument.map((event) => [event.type, event.detail.key])).toEqual([
      [EVENTS.queued, key],
      [EVENTS.sent, key],
    ]);
  });

  it('sends nothing twice when the companion is on the page twice', async () => {
    const storage = new MemoryStorage();
    const one = setup({ storage });
    const two = setup({ storage });
    one.delivery.enqueue(LEAD, form);
    await Promise.all([one.delivery.flush(), two.delivery.flush()]);
    expect(one.relay.requests.length + two.relay.requests.length).toBe(1);
  });

  it('stops timers and listeners when stopped', async () => {
    const { delivery, relay } = setup({ answers: [{ status: 503 }] });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    stops.pop()!();
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(600_000);
    expect(relay.requests).toHaveLength(1);
  });
});

describe('createDelivery when the page goes away', () => {
  it('beacons unsent leads on pagehide as text/plain with the key in the body', async () => {
    const { sent, sendBeacon } = beacons();
    const { delivery, storage } = setup({ sendBeacon, answers: [{ status: 503 }] });
    const key = delivery.enqueue(LEAD, form);
    await delivery.flush();
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([
      { url: RELAY, type: 'text/plain', body: { ...LEAD, ...IDENTITY, [IDEMPOTENCY_KEY_FIELD]: key } },
    ]);
    expect(outbox(storage).map((entry) => entry.key)).toEqual([key]);
  });

  it('beacons when the page is hidden and does not fetch a beaconed lead again on the same page', async () => {
    const { sent, sendBeacon } = beacons();
    const { delivery, relay } = setup({ sendBeacon, answers: [{ status: 503 }] });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    hide();
    hide();
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(relay.requests).toHaveLength(1);
  });

  it('fetches a beaconed lead again after a minute if the page is still there', async () => {
    const { sendBeacon } = beacons();
    const { delivery, relay } = setup({ sendBeacon, answers: [{ status: 503 }] });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    hide();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(relay.requests).toHaveLength(2);
  });

  it('leaves a lead for the next page when the browser refuses the beacon', async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage, sendBeacon: () => false, answers: ['network'] });
    const key = first.delivery.enqueue(LEAD, form);
    await first.delivery.flush();
    window.dispatchEvent(new Event('pagehide'));
    stops.pop()!();

    const second = setup({ storage });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(second.relay.requests.map((request) => request.key)).toEqual([key]);
  });

  it('asks for the identity once per beacon round, not once per lead', async () => {
    const { sendBeacon } = beacons();
    // The UUID appears between the flush and the page going away: every lead still needs it then.
    const identity = vi.fn((): { uuid?: string; botId: string; customerId: string } => ({
      botId: 'b',
      customerId: 'c',
    }));
    const { delivery } = setup({ sendBeacon, identity });
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) delivery.enqueue({ email }, form);
    await delivery.flush();
    identity.mockClear();
    identity.mockImplementation(() => IDENTITY);
    window.dispatchEvent(new Event('pagehide'));
    expect(sendBeacon).toHaveBeenCalledTimes(3);
    expect(identity).toHaveBeenCalledTimes(1);
  });

  it('never looks the identity up again for a lead that carries it', async () => {
    const identity = vi.fn(() => IDENTITY);
    const { delivery, relay } = setup({ identity });
    delivery.enqueue({ ...IDENTITY, email: 'a@example.com' }, form);
    await delivery.flush();
    expect(relay.requests).toHaveLength(1);
    expect(identity).not.toHaveBeenCalled();
  });

  it('does not beacon a lead whose BotId or CustomerId is still unknown', async () => {
    const { sent, sendBeacon } = beacons();
    const { delivery } = setup({ sendBeacon, identity: () => ({ botId: 'b' }) });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    window.dispatchEvent(new Event('pagehide'));
    expect(sent).toHaveLength(0);
  });

  it('flushes when the page becomes visible again', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { delivery, relay } = setup();
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    onLine.mockReturnValue(true);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.requests).toHaveLength(1);
  });
});

describe('createDelivery in confirm mode', () => {
  it('holds the lead in memory until the page dispatches the confirm event on the form', async () => {
    const { delivery, relay, storage, events } = setup();
    const key = delivery.enqueue(LEAD, form, { confirmEvent: 'contact:done' });
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 0, failed: 0 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(relay.requests).toHaveLength(0);

    form.dispatchEvent(new CustomEvent('contact:done'));
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.requests.map((request) => request.key)).toEqual([key]);
    expect(events).toMatchObject([{ type: EVENTS.sent, detail: { key } }]);
  });

  it('takes the confirm event on document too: pages re-render the form away before they confirm', async () => {
    const { delivery, relay } = setup();
    const key = delivery.enqueue(LEAD, form, { confirmEvent: 'contact:done' });
    form.remove();
    document.dispatchEvent(new CustomEvent('contact:done'));
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.requests.map((request) => request.key)).toEqual([key]);
  });

  it('drops an unconfirmed lead after 60 seconds with the code "unconfirmed"', async () => {
    const { delivery, relay, storage, events } = setup();
    const key = delivery.enqueue(LEAD, form, { confirmEvent: 'contact:done' });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(events).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual([{ type: EVENTS.failed, detail: { key, code: 'unconfirmed', lead: LEAD } }]);
    form.dispatchEvent(new CustomEvent('contact:done'));
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.requests).toHaveLength(0);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('keeps a lead awaiting confirmation when the page goes into the back/forward cache, and sends it once confirmed', async () => {
    const { delivery, relay, events } = setup({ sendBeacon: vi.fn(() => true) });
    const key = delivery.enqueue(LEAD, form, { confirmEvent: 'contact:done' });
    window.dispatchEvent(fromCache('pagehide'));
    window.dispatchEvent(fromCache('pageshow'));
    form.dispatchEvent(new Event('contact:done'));
    await vi.advanceTimersByTimeAsync(0);
    expect(events.map((event) => event.type)).not.toContain(EVENTS.failed);
    expect(relay.requests.map((request) => request.key)).toEqual([key]);
  });

  it('flushes when the page comes back from the back/forward cache', async () => {
    const identity: { uuid?: string; botId?: string; customerId?: string } = { botId: 'bot-1', customerId: 'cust-1' };
    const { delivery, relay } = setup({ identity: () => identity });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    identity.uuid = IDENTITY.uuid;
    window.dispatchEvent(fromCache('pageshow'));
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.requests).toHaveLength(1);
  });

  it('drops an unconfirmed lead when the page goes away, and never beacons it', async () => {
    const sendBeacon = vi.fn(() => true);
    const { delivery, events } = setup({ sendBeacon });
    const key = delivery.enqueue(LEAD, form, { confirmEvent: 'contact:done' });
    window.dispatchEvent(new Event('pagehide'));
    expect(events).toMatchObject([{ type: EVENTS.failed, detail: { key, code: 'unconfirmed' } }]);
    expect(sendBeacon).not.toHaveBeenCalled();
  });
});

describe('createDelivery for a visitor who never opens the chat', () => {
  const NO_UUID = { botId: IDENTITY.botId, customerId: IDENTITY.customerId };
  const HELD: Answer = { status: 202, body: { ok: true, held: true, requestId: 'r-held' } };

  // The visitor UUID, which the widget creates only when the chat is opened.
  const visitor = () => {
    const identity: { uuid?: string; botId: string; customerId: string } = { ...NO_UUID };
    return { identity: () => identity, open: () => (identity.uuid = IDENTITY.uuid) };
  };

  // A lead the relay answered with 202, held in the outbox of `storage`; the page that sent it is gone.
  const heldLead = async (storage: Storage) => {
    const first = setup({ storage, identity: () => NO_UUID, uuidWait: 0, answers: [HELD] });
    const key = first.delivery.enqueue(LEAD, form);
    await first.delivery.flush();
    stops.pop()!();
    expect(outbox(storage)).toMatchObject([{ key, state: 'held' }]);
    return key;
  };

  it('waits 15 seconds for the UUID, then sends the lead without one, and keeps it held on the 202', async () => {
    const { delivery, relay, storage, events } = setup({ identity: () => NO_UUID, answers: [HELD] });
    const key = delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 1, failed: 0 });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(relay.requests).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1);
    expect(relay.requests).toHaveLength(1);
    const [request] = relay.requests;
    expect(request!.key).toBe(key);
    expect(request!.body).toEqual({ ...LEAD, ...NO_UUID, [IDEMPOTENCY_KEY_FIELD]: key });
    expect(events).toEqual([
      { type: EVENTS.queued, detail: { key, reason: 'uuid-pending' } },
      { type: EVENTS.sent, detail: { key, requestId: 'r-held', attached: false, held: true, dropped: [] } },
      { type: EVENTS.queued, detail: { key, reason: 'unattached' } },
    ]);
    expect(outbox(storage)).toMatchObject([{ key, state: 'held', draft: LEAD }]);
    expect(outbox(storage)[0]!.draft).not.toHaveProperty('uuid');
  });

  it('sends at once without the UUID when the wait is 0', async () => {
    const { delivery, relay } = setup({ identity: () => NO_UUID, uuidWait: 0, answers: [HELD] });
    delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 1, failed: 0 });
    expect(relay.requests).toHaveLength(1);
    expect(relay.requests[0]!.body).not.toHaveProperty('uuid');
  });

  it('sends with the UUID when it appears within the wait', async () => {
    const { identity, open } = visitor();
    const { delivery, relay, events } = setup({ identity });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    open();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(relay.requests.map((request) => request.body.uuid)).toEqual([IDENTITY.uuid]);
    expect(events.at(-1)).toMatchObject({ type: EVENTS.sent, detail: { attached: true } });
  });

  it('keeps waiting for a lead that lacks the BotId or CustomerId, whatever the wait', async () => {
    const { delivery, relay } = setup({ identity: () => ({ botId: IDENTITY.botId }), uuidWait: 0 });
    delivery.enqueue(LEAD, form);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(relay.requests).toHaveLength(0);
  });

  it('beacons the lead without the UUID at once when the page is hidden, and the next page fetches it so', async () => {
    const storage = new MemoryStorage();
    const { sent, sendBeacon } = beacons();
    const first = setup({ storage, sendBeacon, identity: () => NO_UUID });
    const key = first.delivery.enqueue(LEAD, form);
    await first.delivery.flush();
    hide();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([
      { url: RELAY, type: 'text/plain', body: { ...LEAD, ...NO_UUID, [IDEMPOTENCY_KEY_FIELD]: key } },
    ]);
    expect(first.relay.requests).toHaveLength(0);
    expect(outbox(storage)).toMatchObject([{ key, state: 'pending', draft: LEAD }]);
    stops.pop()!();

    // The beacon's answer is never known: the next page, past the wait, asks again with the same key.
    vi.setSystemTime(Date.now() + 15_000);
    delete (window as unknown as Record<string, unknown>)['flowmatix-leads:held'];
    const second = setup({ storage, identity: () => NO_UUID, answers: [HELD] });
    await second.delivery.flush();
    expect(second.relay.requests.map((request) => [request.key, request.body.uuid])).toEqual([[key, undefined]]);
    expect(outbox(storage)).toMatchObject([{ key, state: 'held' }]);
  });

  it('beacons the lead without the UUID on pagehide', async () => {
    const { sent, sendBeacon } = beacons();
    const { delivery } = setup({ sendBeacon, identity: () => NO_UUID });
    const key = delivery.enqueue(LEAD, form);
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((beacon) => beacon.body)).toEqual([{ ...LEAD, ...NO_UUID, [IDEMPOTENCY_KEY_FIELD]: key }]);
  });

  it('never sends a held lead again without the UUID: not on this page, not by beacon, not on a later page', async () => {
    const storage = new MemoryStorage();
    const { sent, sendBeacon } = beacons();
    const { delivery, relay } = setup({ storage, sendBeacon, identity: () => NO_UUID, uuidWait: 0, answers: [HELD] });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    await vi.advanceTimersByTimeAsync(600_000);
    hide();
    window.dispatchEvent(new Event('pagehide'));
    expect(await delivery.flush()).toEqual({ sent: 0, queued: 1, failed: 0 });
    stops.pop()!();

    const later = setup({ storage, identity: () => NO_UUID, uuidWait: 0 });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(relay.requests).toHaveLength(1);
    expect(later.relay.requests).toHaveLength(0);
    expect(sent).toHaveLength(0);
    expect(later.events).toEqual([{ type: EVENTS.queued, detail: { key: expect.any(String), reason: 'unattached' } }]);
  });

  it('sends a held lead again with the UUID and the same key once the chat is opened, once; the 200 removes it', async () => {
    const { identity, open } = visitor();
    const { delivery, relay, storage, events } = setup({ identity, uuidWait: 0, answers: [HELD] });
    const key = delivery.enqueue(LEAD, form);
    await delivery.flush();
    open();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(relay.requests.map((request) => [request.key, request.body.uuid])).toEqual([
      [key, undefined],
      [key, IDENTITY.uuid],
    ]);
    expect(relay.requests[1]!.body).toEqual({ ...LEAD, ...IDENTITY, [IDEMPOTENCY_KEY_FIELD]: key });
    expect(events.slice(2)).toEqual([
      { type: EVENTS.sent, detail: { key, requestId: 'req-2', attached: true, dropped: [] } },
    ]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(relay.requests).toHaveLength(2);
  });

  it('sends a held lead with the UUID from a later page that finds it, once', async () => {
    const storage = new MemoryStorage();
    const key = await heldLead(storage);
    const later = setup({ storage, uuidWait: 0 });
    expect(await later.delivery.flush()).toEqual({ sent: 1, queued: 0, failed: 0 });
    expect(later.relay.requests.map((request) => [request.key, request.body.uuid])).toEqual([[key, IDENTITY.uuid]]);
    expect(later.events).toMatchObject([{ type: EVENTS.sent, detail: { key, attached: true } }]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    stops.pop()!();

    const next = setup({ storage });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(next.relay.requests).toHaveLength(0);
  });

  it('keeps the body of the attached send the same through retries and beacons', async () => {
    const { sent, sendBeacon } = beacons();
    const { identity, open } = visitor();
    const { delivery, relay } = setup({ identity, sendBeacon, uuidWait: 0, answers: [HELD, { status: 503 }] });
    delivery.enqueue(LEAD, form);
    await delivery.flush();
    open();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(relay.requests).toHaveLength(2);
    hide();
    await vi.advanceTimersByTimeAsync(0);
    Object.assign(identity(), { uuid: 'another-uuid' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(relay.requests).toHaveLength(3);
    expect(sent.map((beacon) => beacon.body)).toEqual([relay.requests[1]!.body]);
    expect(relay.requests[2]!.body).toEqual(relay.requests[1]!.body);
  });

  it('treats a 202 that kept nothing (the relay drops such leads) like a held one: the UUID may still come', async () => {
    const { identity, open } = visitor();
    const { delivery, relay, events } = setup({
      identity,
      uuidWait: 0,
      answers: [{ status: 202, body: { ok: true, held: false, requestId: 'r-drop' } }],
    });
    const key = delivery.enqueue(LEAD, form);
    await delivery.flush();
    expect(events).toEqual([
      { type: EVENTS.sent, detail: { key, requestId: 'r-drop', attached: false, held: false, dropped: [] } },
      { type: EVENTS.queued, detail: { key, reason: 'unattached' } },
    ]);
    open();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(relay.requests.map((request) => request.body.uuid)).toEqual([undefined, IDENTITY.uuid]);
  });

  it('removes a lead the relay delivered with a UUID of its own (200, minted)', async () => {
    const minted: Answer = { status: 200, body: { ok: true, requestId: 'r-mint', minted: true } };
    const { delivery, storage, events } = setup({ identity: () => NO_UUID, uuidWait: 0, answers: [minted] });
    const key = delivery.enqueue(LEAD, form);
    expect(await delivery.flush()).toEqual({ sent: 1, queued: 0, failed: 0 });
    expect(events).toEqual([{ type: EVENTS.sent, detail: { key, requestId: 'r-mint', attached: true, dropped: [] } }]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('lets a held lead expire after 24 hours without a "failed" event: the relay has it', async () => {
    const storage = new MemoryStorage();
    await heldLead(storage);
    vi.setSystemTime(Date.now() + 24 * 3_600_000);
    const later = setup({ storage, identity: () => NO_UUID });
    expect(await later.delivery.flush()).toEqual({ sent: 0, queued: 0, failed: 0 });
    expect(later.events).toEqual([]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    expect(later.relay.requests).toHaveLength(0);
  });

  it('still reports a lead that expires before the relay took it', async () => {
    const storage = new MemoryStorage();
    const first = setup({
      storage,
      identity: () => NO_UUID,
      uuidWait: 0,
      answers: [{ status: 503, headers: { 'Retry-After': '3600' } }],
    });
    const key = first.delivery.enqueue(LEAD, form);
    await first.delivery.flush();
    stops.pop()!();
    vi.setSystemTime(Date.now() + 24 * 3_600_000);
    const later = setup({ storage, identity: () => NO_UUID });
    await later.delivery.flush();
    expect(later.events).toEqual([{ type: EVENTS.failed, detail: { key, code: 'expired', lead: LEAD } }]);
  });

  it('leaves a lead awaiting confirmation alone until it is confirmed, however long the wait', async () => {
    const sendBeacon = vi.fn(() => true);
    const { delivery, relay } = setup({ identity: () => NO_UUID, uuidWait: 0, sendBeacon, answers: [HELD] });
    delivery.enqueue(LEAD, form, { confirmEvent: 'contact:done' });
    await vi.advanceTimersByTimeAsync(30_000);
    window.dispatchEvent(fromCache('pagehide'));
    expect(relay.requests).toHaveLength(0);
    expect(sendBeacon).not.toHaveBeenCalled();

    form.dispatchEvent(new CustomEvent('contact:done'));
    await vi.advanceTimersByTimeAsync(0);
    expect(relay.requests.map((request) => request.body.uuid)).toEqual([undefined]);
  });
});
