import { sleep } from '../../shared/sleep';
import type { IdempotencyStore, StoredResponse } from '../stores/idempotency-store';

/** How long things last, in milliseconds. */
export interface DeliverOnceTimings {
  /** How long a success is remembered. */
  ttlMs: number;
  /** How long a key stays pending if its holder never completes nor releases it (a crashed process). */
  pendingTtlMs: number;
  /**
   * How long a duplicate waits for the first request's outcome before giving up, from the call. The relay gives
   * its upstream deadline, so a duplicate is answered within the time the first one is.
   */
  waitMs: number;
  /** Pause between looks at a pending key. */
  pollMs: number;
}

/** What one attempt produced: `stored` is set when it succeeded and is worth replaying. */
export interface Attempt<T> {
  result: T;
  stored?: StoredResponse;
}

/**
 * - `attempted`: this call held the key and ran the attempt.
 * - `replayed`: the key had succeeded, or did while this call waited.
 * - `mismatch`: the key was used with another fingerprint.
 * - `in_flight`: another call held the key, and it was still pending when the wait ended, or it ended without
 *   success (released); this call did not attempt, and a later one may.
 */
export type DeliverOnceOutcome<T> =
  | { state: 'attempted'; result: T; storeError?: unknown }
  | { state: 'replayed'; response: StoredResponse }
  | { state: 'mismatch' }
  | { state: 'in_flight'; reason: 'pending' | 'released' };

/**
 * Runs `attempt` at most once at a time per key, among requests that agree on `fingerprint`: a key that already
 * succeeded is answered from the store; a duplicate that arrives while the first is in flight waits (up to
 * `waitMs`) for its outcome and never attempts itself. If the first one fails, its waiting duplicates answer
 * `in_flight` rather than take over: the failure may have followed a write upstream (a timeout, a 500), and a
 * burst of duplicates must not turn into a burst of attempts. A failed attempt releases the key, so the next
 * request (a retry that comes later) may attempt again, one at a time. Store failures reject, unless this call
 * already waited on the key (it then answers `in_flight`: attempting could run beside the holder); the caller
 * decides whether to fail open or closed. A store failure after a successful attempt is reported in `storeError`:
 * the delivery happened, only its memory is lost.
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
  let waited = false;
  for (;;) {
    let begun;
    try {
      begun = await store.begin(key, fingerprint, timings.pendingTtlMs);
    } catch (error) {
      if (waited) return { state: 'in_flight', reason: 'pending' };
      throw error;
    }
    if (begun.state === 'done') return { state: 'replayed', response: begun.response };
    if (begun.state === 'mismatch') return { state: 'mismatch' };
    if (begun.state === 'new') {
      if (!waited) break;
      // The holder let go without success: the key just taken goes back at once, for a later retry to take.
      await store.release(key).catch(() => undefined);
      return { state: 'in_flight', reason: 'released' };
    }
    waited = true;
    const left = giveUpAt - Date.now();
    if (left <= 0) return { state: 'in_flight', reason: 'pending' };
    await sleep(Math.min(timings.pollMs, left));
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
