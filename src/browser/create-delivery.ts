import { IDEMPOTENCY_KEY_FIELD, isRetryableStatus } from '../shared/relay-protocol';
import { emit, EVENTS, type EventName } from './events';
import { createOutbox, type OutboxEntry } from './outbox';
import { retryDelay } from './retry-delay';
import { beaconLead, postLead } from './transport';

// Defined in shared, where the relay reads it too; still exported here for code that imports it with delivery.
export { IDEMPOTENCY_KEY_FIELD } from '../shared/relay-protocol';

// A page that asks for confirmation and never gives it within this time never will.
const CONFIRM_MS = 60_000;
// A beaconed lead is not fetched again on the same page before this long: the beacon most likely got through.
const BEACON_HOLD_MS = 60_000;
const POLL_MAX_MS = 30_000;
// The page-wide record of leads in flight or beaconed. Its old name is kept: another copy of the companion on the
// page, maybe an older one, shares it.
const BUSY_KEY = 'flowmatix-leads:held';
// The UUID last: `every` below fills in the others before it stops at a missing UUID.
const IDENTITY = ['botId', 'customerId', 'uuid'] as const;
const HELD = 'held';

export interface DeliveryOptions {
  /** Where leads are posted, e.g. `/api/flowmatix/lead`. */
  relayUrl: string;
  /** The tab's sessionStorage, or `undefined` when touching it throws (leads are then kept in memory). */
  storage?: Storage;
  /** The visitor's identity, asked at each flush: the UUID may appear later. */
  identity: () => { uuid?: string; botId?: string; customerId?: string };
  /**
   * Seconds a lead whose identity lacks only the UUID waits for it before it is sent without it (default 15; `0`:
   * at once). When the page is hidden or unloaded it is beaconed without it at once.
   */
  uuidWait?: number;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Default `navigator.sendBeacon`. */
  sendBeacon?: (url: string, data: BodyInit) => boolean;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
  /** Jitter source, from 0 to 1. Default `Math.random`. */
  random?: () => number;
  /** Receives each event as it is dispatched (`type, key, detail`) and errors a flush swallowed. */
  log?: (...args: unknown[]) => void;
}

/** What a flush did: leads the relay accepted, leads still in the outbox (held ones too), leads given up. */
export interface DeliveryOutcome {
  sent: number;
  queued: number;
  failed: number;
}

export interface Delivery {
  /**
   * Writes a lead to the outbox before returning (a navigation may follow in the same task), then flushes.
   * Events for it go to `target` (or `document` once the target is gone). With `confirmEvent` the lead waits in
   * memory until the page dispatches that event on the target or on `document`, and is dropped (`unconfirmed`)
   * after a minute, or when the page goes away other than into the back/forward cache. Answers the lead's
   * idempotency key.
   */
  enqueue(draft: OutboxEntry['draft'], target?: EventTarget, options?: { confirmEvent?: string }): string;
  /** Sends every lead that is due; one flush runs at a time, a call during one joins it and runs it again. */
  flush(): Promise<DeliveryOutcome>;
  /**
   * Sends what earlier pages left, flushes when the page comes back online, into view or from the back/forward
   * cache, beacons when it leaves.
   */
  start(): () => void;
}

/**
 * Durable delivery of leads to the relay: an outbox in sessionStorage, `fetch` with `keepalive`, beacons when the
 * page goes away, retries with backoff across page loads, and the lifecycle events (every `detail` has `key`):
 * - `flowmatix:queued` — `reason` `uuid-pending` (identity incomplete; re-checked with a polling backoff),
 *   `unattached` (the relay holds the lead, sent without the visitor UUID; it is sent again once the UUID appears),
 *   `offline` (the browser says so, or a network error) or `retrying` (408, 429, 5xx); after a failed attempt also
 *   `attempts`, `status` (0 for a network error) and `retryAt` (ms).
 * - `flowmatix:sent` — `requestId`, `attached` (whether the lead went to the visitor's chat: false for a 202, which
 *   also gives `held`, whether the relay kept it), `dropped` (optional fields the relay kept only as a note).
 * - `flowmatix:failed` — `code`: the relay's (`invalid_lead`, `unknown_bot`, `too_large`…, with `status`, `message`,
 *   `issues`), `rejected` (a 4xx without one), `expired` (24 h), `evicted` (outbox full), `unconfirmed`; and `lead`.
 *
 * A lead whose identity lacks only the visitor UUID (the widget creates it when the chat is opened, which most
 * visitors never do) waits `uuidWait` seconds for it, or until the page is hidden, then goes without a `uuid`. On
 * the relay's 202 it stays in the outbox, held, and is sent again with the UUID and the same key as soon as the UUID
 * appears in the tab (this page or a later one); the relay's 2xx to that removes it. A held lead that expires or is
 * evicted leaves silently: the relay has it.
 *
 * Each lead carries one idempotency key for its whole life, in the `Idempotency-Key` header and in the body
 * (`idempotencyKey`, for beacons), so the relay turns every repeat into one upstream call. Leads waiting for a
 * retry time stay queued through a flush. Two copies of the companion on one page share the outbox and a
 * page-wide record of what is in flight, so neither sends a lead the other is sending.
 *
 * @example
 * const delivery = createDelivery({ relayUrl: '/api/flowmatix/lead', storage: sessionStorage, identity });
 * delivery.start();
 * delivery.enqueue({ email: 'ada@example.com' }, form);
 */
export const createDelivery = ({
  relayUrl,
  storage,
  identity,
  uuidWait = 15,
  fetch: fetchLead = fetch,
  sendBeacon = (url, data) => navigator.sendBeacon(url, data),
  now = Date.now,
  random = Math.random,
  log = () => {},
}: DeliveryOptions): Delivery => {
  const targets = new Map<string, EventTarget>();
  const reasons = new Map<string, string>();
  // Shared by every copy of the companion on the page (the script included twice): a key here is in flight
  // (Infinity) or was beaconed (until when), so no copy sends it again meanwhile.
  const page = window as unknown as Record<string, Map<string, number>>;
  const busy = (page[BUSY_KEY] ||= new Map());
  let outcome: DeliveryOutcome;
  let running: Promise<DeliveryOutcome> | undefined;
  let again = false;
  let polls = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  // Asked once per pass or beacon round, not per lead: finding the UUID may read all of sessionStorage.
  let id: ReturnType<typeof identity> | undefined;

  const tell = (key: string, type: EventName, detail: object) => {
    log(type, key, detail);
    emit(targets.get(key) || document, type, { key, ...detail });
  };

  // The lead is done with: sent, or failed with `code`.
  const settle = (key: string, lead: OutboxEntry['draft'], code?: string, detail?: object) => {
    if (outcome) outcome[code ? 'failed' : 'sent']++;
    tell(key, code ? EVENTS.failed : EVENTS.sent, code ? { code, lead, ...detail } : detail!);
    targets.delete(key);
    reasons.delete(key);
  };

  const queue = (key: string, reason: string, detail?: object) => {
    if (detail || reasons.get(key) != reason) tell(key, EVENTS.queued, { reason, ...detail });
    reasons.set(key, reason);
  };

  // A held lead that expires or is evicted leaves without a word: the relay has it.
  const outbox = createOutbox(
    storage,
    now,
    (entry, code) => entry.state == HELD || settle(entry.key, entry.draft, code),
  );

  // The body to send, once identity is complete, or `unattached` when only the UUID is missing (never for a held
  // lead). A complete body is written back into the entry: every later attempt, beacon or page load then sends the
  // same bytes, which the relay needs to recognise a repeat. One without the UUID is not: the UUID may come.
  const ready = (entry: OutboxEntry, unattached: boolean): string | undefined => {
    const lead = { ...entry.draft };
    // Identity is looked up only for a lead captured without it, and the outbox rewritten only when it was.
    if (!IDENTITY.every((field) => lead[field])) {
      id ||= identity();
      if (IDENTITY.every((field) => (lead[field] ||= id![field])))
        outbox.update(entry.key, { draft: (entry.draft = lead) });
      else if (!(lead.customerId && lead.botId && unattached && entry.state != HELD)) return;
    }
    return JSON.stringify({ ...lead, [IDEMPOTENCY_KEY_FIELD]: entry.key });
  };

  const send = async (entry: OutboxEntry, json: string, pollAt: number): Promise<number> => {
    const { key, draft } = entry;
    busy.set(key, Infinity);
    const { status, body, retryAfter } = await postLead(fetchLead, relayUrl, json, key);
    busy.delete(key);
    if (status && !isRetryableStatus(status)) {
      // 202: the relay took the lead without a UUID (held, or dropped by its policy); the UUID may still come.
      const attached = status != 202;
      const detail = { requestId: body.requestId, attached, dropped: body.dropped || [] };
      outbox.update(key, attached ? null : { state: HELD });
      if (status > 299)
        settle(key, draft, body.code || 'rejected', { status, message: body.message, issues: body.issues || [] });
      else if (attached) settle(key, draft, undefined, detail);
      else {
        tell(key, EVENTS.sent, { ...detail, held: body.held });
        queue(key, 'unattached');
        return pollAt;
      }
      return Infinity;
    }
    const attempts = entry.attempts + 1;
    const nextAttemptAt = now() + retryDelay(attempts, random, retryAfter, now());
    outbox.update(key, { attempts, nextAttemptAt });
    queue(key, status ? 'retrying' : 'offline', { attempts, retryAt: nextAttemptAt, status });
    return nextAttemptAt;
  };

  const pass = async () => {
    const t = now();
    const pollAt = t + Math.min(POLL_MAX_MS, 1_000 * 2 ** polls);
    const waits: (number | Promise<number>)[] = [];
    let json: string | undefined;
    id = undefined;
    for (const entry of outbox.list()) {
      const { key, createdAt, state } = entry;
      const until = Math.max(entry.nextAttemptAt, busy.get(key) || 0);
      const waited = createdAt + uuidWait * 1_000;
      if (until > t) waits.push(until);
      else if (!(json = ready(entry, waited <= t)) || navigator.onLine === false) {
        queue(key, json ? 'offline' : state == HELD ? 'unattached' : 'uuid-pending');
        waits.push(pollAt, waited > t ? waited : pollAt);
      } else waits.push(send(entry, json, pollAt));
    }
    const wake = Math.min(...(await Promise.all(waits)));
    if (wake == pollAt) polls++;
    outcome.queued = outbox.list().length;
    clearTimeout(timer);
    // Capped: browsers fire a delay beyond 2^31-1 ms at once, which would loop.
    if (wake < Infinity && !stopped) timer = setTimeout(flush, Math.min(wake - now(), POLL_MAX_MS));
  };

  const flush = (): Promise<DeliveryOutcome> => {
    again = true;
    return (running ||= (async () => {
      outcome = { sent: 0, queued: 0, failed: 0 };
      while (again) {
        again = false;
        await pass().catch(log);
      }
      running = undefined;
      return outcome;
    })());
  };

  const beacon = () => {
    id = undefined;
    for (const entry of outbox.list()) {
      // In flight (Infinity) it is beaconed too: the navigation may cancel the fetch. Beaconed, it waits.
      const until = busy.get(entry.key)!;
      const json = !(until > now() && until < Infinity) && ready(entry, true);
      if (json && beaconLead(sendBeacon, relayUrl, json)) busy.set(entry.key, now() + BEACON_HOLD_MS);
    }
  };

  return {
    enqueue(draft, target, { confirmEvent } = {}) {
      // randomUUID exists only in secure contexts. The relay scopes keys to the visitor, so on plain-http pages
      // the time plus a random number is unique enough.
      const key = crypto.randomUUID ? crypto.randomUUID() : now() + '-' + random();
      const add = () => {
        outbox.add({ key, draft, createdAt: now(), attempts: 0, nextAttemptAt: 0, state: 'pending' });
        polls = 0;
        queueMicrotask(flush);
      };
      if (target) targets.set(key, target);
      if (confirmEvent) {
        const waiting = new AbortController();
        const signal = waiting.signal;
        const end = (confirmed?: unknown) => {
          waiting.abort();
          clearTimeout(expiry);
          if (confirmed) add();
          else settle(key, draft, 'unconfirmed');
        };
        const expiry = setTimeout(end, CONFIRM_MS);
        // On the form or on document, whichever hears it first: pages re-render forms away before they confirm.
        for (const on of [target || document, document]) on.addEventListener(confirmEvent, end, { signal });
        // A page kept in the back/forward cache (`persisted`) may still get its confirmation when it comes back.
        window.addEventListener('pagehide', (event) => event.persisted || end(), { signal });
      } else add();
      return key;
    },
    flush,
    start() {
      const listening = new AbortController();
      const { signal } = listening;
      stopped = false;
      polls = 0;
      window.addEventListener('online', flush, { signal });
      window.addEventListener('pagehide', beacon, { signal });
      window.addEventListener('pageshow', flush, { signal });
      document.addEventListener('visibilitychange', () => (document.visibilityState == 'hidden' ? beacon() : flush()), {
        signal,
      });
      flush();
      return () => {
        stopped = true;
        clearTimeout(timer);
        listening.abort();
      };
    },
  };
};
