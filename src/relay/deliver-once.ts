import type { IdempotencyStore, StoredResponse } from './idempotency-store';

/** How long things last, in milliseconds. */
export interface DeliverOnceTimings {
  /** How long a success is remembered. */
  ttlMs: number;
  /** How long a key stays pending if its holder never completes nor releases it (a crashed process). */
  pendingTtlMs: number;
  /** How long a duplicate waits for the first request's outcome before giving up. */
  waitMs: number;
  /** Pause between looks at a pending key. */
  pollMs: number;
}

/** What one attempt produced: `stored` is set when it succeeded and is worth replaying. */
export interface Attempt<T> {
  result: T;
  stored?: StoredResponse;
}

export type DeliverOnceOutcome<T> =
  | { state: 'attempted'; result: T; storeError?: unknown }
  | { state: 'replayed'; response: StoredResponse }
  | { state: 'mismatch' }
  | { state: 'busy' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` at most once per key among requests that agree on `fingerprint`: a key that already succeeded
 * is answered from the store; a duplicate that arrives while the first is in flight waits (bounded) for its
 * outcome, and takes over if the first one failed and released the key. A failed attempt releases the key so a
 * retry can try again. Store failures reject; the caller decides whether to fail open or closed. A store failure
 * after a successful attempt is reported in `storeError`: the delivery happened, only its memory is lost.
 *
 * @example
 * const outcome = await deliverOnce(store, key, fingerprint, timings, async () => {
 *   await client.updateLead(lead);
 *   return { result: 'sent', stored: { status: 200, body: { ok: true } } };
 * });
 */
export const deliverOnce = async <T>(
  store: IdempotencyStore,
  key: string,
  fingerprint: string,
  timings: DeliverOnceTimings,
  attempt: () => Promise<Attempt<T>>,
): Promise<DeliverOnceOutcome<T>> => {
  const giveUpAt = Date.now() + timings.waitMs;
  for (;;) {
    const begun = await store.begin(key, fingerprint, timings.pendingTtlMs);
    if (begun.state === 'done') return { state: 'replayed', response: begun.response };
    if (begun.state === 'mismatch') return { state: 'mismatch' };
    if (begun.state === 'new') break;
    if (Date.now() >= giveUpAt) return { state: 'busy' };
    await sleep(timings.pollMs);
  }
  let outcome: Attempt<T>;
  try {
    outcome = await attempt();
  } catch (error) {
    await store.release(key).catch(() => undefined);
    throw error;
  }
  if (!outcome.stored) {
    // The pending entry expires on its own if this release fails too.
    await store.release(key).catch(() => undefined);
    return { state: 'attempted', result: outcome.result };
  }
  try {
    await store.complete(key, fingerprint, outcome.stored, timings.ttlMs);
    return { state: 'attempted', result: outcome.result };
  } catch (storeError) {
    return { state: 'attempted', result: outcome.result, storeError };
  }
};
