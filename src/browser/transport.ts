import { IDEMPOTENCY_KEY_HEADER, type RelayFailure, type RelaySuccess } from '../shared/relay-protocol';

// Browsers keep a keepalive request alive through a navigation only below 64 KiB (beacons share the budget); a
// snapshot weighs at most 15 KiB, an older companion's lead may weigh more.
const KEEPALIVE_BODY_MAX = 60 * 1024;
// A request that hangs would hold its lead (and every later flush) forever; the relay answers well within this.
const TIMEOUT_MS = 30_000;

/** What the relay answered: `status` 0 when the request did not get through (offline, DNS, reset, CORS, budget). */
export interface RelayAnswer {
  status: number;
  body: Partial<Omit<RelaySuccess, 'ok'> & Omit<RelayFailure, 'ok'>>;
  retryAfter?: string | null;
}

/**
 * Posts a lead as JSON with its idempotency key, with `keepalive` so it survives a navigation. Never rejects: a
 * network error, or a keepalive request over the page's budget, is an answer with status 0, retried later.
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
  const answer: RelayAnswer = { status: 0, body: {} };
  try {
    const res = await fetchLead(url, {
      method: 'POST',
      body: json,
      keepalive: json.length < KEEPALIVE_BODY_MAX,
      credentials: 'same-origin',
      signal: AbortSignal.timeout?.(TIMEOUT_MS),
      headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: key },
    });
    answer.status = res.status;
    answer.retryAfter = res.headers.get('Retry-After');
    answer.body = await res.json();
  } catch {
    // Offline, refused, or an answer that is no JSON: the status says which.
  }
  return answer;
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
