import { EVENTS } from '../../src/browser/events';

/** A Storage over a Map; with `quota`, setItem throws a QuotaExceededError once keys + values exceed it. */
export class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    let size = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) size += k.length + v.length;
    if (size > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

export interface RecordedRequest {
  url: string;
  init: RequestInit;
  key: string | null;
  body: Record<string, unknown>;
}

/** One scripted answer: a status with a JSON body and headers, or `'network'` for a failed request. */
export type Answer = 'network' | { status: number; body?: object; headers?: Record<string, string> };

/**
 * A stand-in for the relay's HTTP surface: it answers the scripted answers in order, then 200 `{ok, requestId}`,
 * and records every request.
 */
export const fakeRelay = (...script: Answer[]) => {
  const requests: RecordedRequest[] = [];
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    requests.push({
      url: String(url),
      init,
      key: headers.get('Idempotency-Key'),
      body: JSON.parse(String(init.body)),
    });
    const answer = script.shift() ?? { status: 200, body: { ok: true, requestId: `req-${requests.length}` } };
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer.body ?? {}), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json', ...answer.headers },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
};

export interface SeenEvent {
  type: string;
  detail: Record<string, unknown>;
}

/** Records the companion's delivery events that reach `target`. */
export const recordEvents = (target: EventTarget): SeenEvent[] => {
  const seen: SeenEvent[] = [];
  for (const type of [EVENTS.queued, EVENTS.sent, EVENTS.failed])
    target.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
  return seen;
};

export const IDENTITY = { uuid: '0b3f6a52-8d3e-4c1a-9f7e-2a6d5c4b3a21', botId: 'bot-1', customerId: 'cust-1' };

/**
 * What the browser does between the companion and a same-origin relay: `fetch` and `sendBeacon` become `Request`s
 * with the origin headers a browser adds, answered in-process by `relayFetch`. Beacons are fire-and-forget.
 */
export const sameOriginPage = (
  relayFetch: (request: Request) => Response | Promise<Response>,
  origin = 'https://shop.example',
) => {
  const inFlight: Promise<Response>[] = [];
  const browserHeaders = { Origin: origin, 'Sec-Fetch-Site': 'same-origin' };
  const send = (url: string, init: RequestInit) => {
    const answer = Promise.resolve(
      relayFetch(new Request(new URL(url, origin), { ...init, headers: { ...init.headers, ...browserHeaders } })),
    );
    inFlight.push(answer);
    return answer;
  };
  return {
    fetch: ((url: string, init: RequestInit) => send(url, init)) as unknown as typeof fetch,
    sendBeacon: (url: string, data: BodyInit) => {
      const blob = data as Blob;
      void send(url, { method: 'POST', body: blob, headers: { 'Content-Type': blob.type } });
      return true;
    },
    requests: () => inFlight.length,
    settled: () => Promise.all(inFlight),
  };
};

/**
 * The few page globals delivery touches, for runs without a DOM (Node): `window` and `document` as plain event
 * targets, and `navigator.onLine`. A fresh set is a fresh page load; sessionStorage is passed in separately.
 */
export const minimalPage = () => ({
  window: new EventTarget(),
  document: Object.assign(new EventTarget(), { visibilityState: 'visible' }),
  navigator: { onLine: true },
});
