// @vitest-environment node
// Node, not happy-dom: happy-dom's Request drops the Origin and Sec-Fetch-* headers (as a page must), and the relay's
// origin gate needs the ones a browser adds. The page is the few globals delivery touches.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDelivery } from '../../src/browser/create-delivery';
import { EVENTS } from '../../src/browser/events';
import { OUTBOX_KEY } from '../../src/browser/outbox';
import { createRelay } from '../../src/relay/core/create-relay';
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox';
import { IDEMPOTENCY_KEY_FIELD } from '../../src/shared/relay-protocol';
import { IDENTITY, MemoryStorage, minimalPage, recordEvents, sameOriginPage } from './delivery-fakes';

const LEAD = { name: 'Ada Lovelace', email: 'ada@example.com' };
// A beacon cannot set headers: the relay must take the key from the body field for the duplicate to be caught.
const BEACON_KEY_HINT = `one PUT per lead needs the relay to read the idempotency key of a text/plain beacon from its "${IDEMPOTENCY_KEY_FIELD}" field`;

let sandbox: Sandbox;
let page: ReturnType<typeof sameOriginPage>;

const loadPage = () => {
  for (const [name, value] of Object.entries(minimalPage())) vi.stubGlobal(name, value);
};

beforeEach(() => {
  loadPage();
  sandbox = createSandbox({ latencyMs: 150 });
  const relay = createRelay({
    token: sandbox.token,
    fetch: sandbox.fetch,
    bots: `${IDENTITY.botId}:${IDENTITY.customerId}`,
    rateLimit: false,
    logger: false,
  });
  page = sameOriginPage(relay.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const companion = (storage: Storage, fetch: typeof globalThis.fetch = page.fetch) =>
  createDelivery({
    relayUrl: '/api/flowmatix/lead',
    storage,
    identity: () => IDENTITY,
    fetch,
    sendBeacon: page.sendBeacon,
  });

describe('the fetch + beacon race through the real relay and sandbox', () => {
  it('makes one upstream PUT when the page beacons a lead whose fetch is still in flight', async () => {
    const storage = new MemoryStorage();
    const delivery = companion(storage);
    const stop = delivery.start();
    const events = recordEvents(document);
    delivery.enqueue(LEAD);
    await vi.waitFor(() => expect(page.requests()).toBe(1));

    window.dispatchEvent(new Event('pagehide'));
    expect(page.requests()).toBe(2);
    expect(await delivery.flush()).toEqual({ sent: 1, queued: 0, failed: 0 });
    const answers = await page.settled();
    stop();

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(sandbox.puts(), BEACON_KEY_HINT).toBe(1);
    expect(sandbox.chats()).toHaveLength(1);
    expect(events.filter((event) => event.type === EVENTS.sent)).toHaveLength(1);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('makes one upstream PUT when the page unloads mid-fetch, beacons, and the next page sends the lead again', async () => {
    const storage = new MemoryStorage();
    // The first page is gone before its fetch answers: the relay still gets the request, the page never the answer.
    const first = companion(storage, (url, init) => {
      void page.fetch(url, init);
      return new Promise<Response>(() => {});
    });
    first.start();
    const key = first.enqueue(LEAD);
    await vi.waitFor(() => expect(page.requests()).toBe(1));
    window.dispatchEvent(new Event('pagehide'));
    expect(page.requests()).toBe(2);

    loadPage();
    const second = companion(storage);
    const events = recordEvents(document);
    const stop = second.start();
    expect(await second.flush()).toEqual({ sent: 1, queued: 0, failed: 0 });
    await page.settled();
    stop();

    expect(page.requests()).toBe(3);
    expect(sandbox.puts(), BEACON_KEY_HINT).toBe(1);
    expect(events).toMatchObject([{ type: EVENTS.sent, detail: { key } }]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });
});
