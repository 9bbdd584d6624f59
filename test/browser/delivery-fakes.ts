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
