import { IDEMPOTENCY_KEY_HEADER, type RelayFailure, type RelaySuccess } from '../shared/relay-protocol';

// Browsers allow 64 KiB of keepalive bodies in flight per page, beacons included; a request over the budget is
// rejected outright, so larger or excess requests go as plain fetches (which a navigation may cancel).
const KEEPALIVE_BODY_MAX = 60 * 1024;
const KEEPALIVE_BUDGET = 64 * 1024;
let keepaliveInFlight = 0;
// A request that hangs would hold its lead (and every later flush) forever; the relay answers well within this.
const TIMEOUT_MS = 30_000;

/** What the relay answered: `status` 0 when the request did not get through (offline, DNS, reset, CORS). */
export interface RelayAnswer {
  status: number;
  body: Partial<Omit<RelaySuccess, 'ok'> & Omit<RelayFailure, 'ok'>>;
  retryAfter: string | null;
}

/**
 * Posts a lead as JSON with its idempotency key, with `keepalive` when it fits so it survives a navigation.
 * Never rejects: a network error is an answer with status 0.
 *
 * @example
 * const { status, body } = await postLead(fetch, '/api/flowmatix/lead', JSON.stringify(lead), key);
 */
export const postLead = async (
  fetchLead: typeof fetch,
  url: string,
  json: string,
  key: string,
): Promise<RelayAnswer> => {
  const size = new Blob([json]).size;
  const keepalive = size < KEEPALIVE_BODY_MAX && keepaliveInFlight + size <= KEEPALIVE_BUDGET;
  if (keepalive) keepaliveInFlight += size;
  try {
    const res = await fetchLead(url, {
      method: 'POST',
      body: json,
      keepalive,
      credentials: 'same-origin',
      signal: AbortSignal.timeout?.(TIMEOUT_MS),
      headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: key },
    });
    return { status: res.status, body: await res.json().catch(() => ({})), retryAfter: res.headers.get('Retry-After') };
  } catch {
    return { status: 0, body: {}, retryAfter: null };
  } finally {
    if (keepalive) keepaliveInFlight -= size;
  }
};

/**
 * Hands a lead to `navigator.sendBeacon` as `text/plain` (a CORS-safelisted type, so no preflight that an unloading
 * page could not wait for). Beacons carry no headers: the JSON itself must hold the idempotency key.
 * Answers whether the browser queued it; the relay's answer is never known.
 *
 * @example
 * beaconLead(navigator.sendBeacon.bind(navigator), '/api/flowmatix/lead', json);
 */
export const beaconLead = (send: (url: string, data: BodyInit) => boolean, url: string, json: string): boolean => {
  try {
    return send(url, new Blob([json], { type: 'text/plain' }));
  } catch {
    return false;
  }
};
