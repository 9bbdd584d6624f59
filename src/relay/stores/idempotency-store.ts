import type { RelaySuccess } from '../../shared/relay-protocol';
import { createExpiringLru } from './expiring-lru';

/** What the relay keeps of a request that succeeded, to answer a repeat of it without calling upstream again. */
export interface StoredResponse {
  status: number;
  body: Omit<RelaySuccess, 'requestId'>;
}

/**
 * What `begin` found under a key:
 * - `new`: nobody had it; the caller now holds it (pending) and must `complete` or `release` it.
 * - `pending`: another request with the same key and body is in flight.
 * - `done`: a request with the same key and body already succeeded; `response` is what it answered.
 * - `mismatch`: the key was used with a different body.
 */
export type IdempotencyBeginResult =
  | { state: 'new' }
  | { state: 'pending' }
  | { state: 'done'; response: StoredResponse }
  | { state: 'mismatch' };

/**
 * Where the relay remembers idempotency keys. Keys arrive already scoped and hashed by the relay, so a store
 * never sees a visitor's raw key and one visitor cannot read another's outcome.
 *
 * `begin` is atomic per key (set-if-absent): of two concurrent calls with a new key exactly one gets `new`.
 * A pending key expires after `ttlMs` on its own, so a process that dies mid-request does not block the key forever.
 * A store that cannot answer rejects the promise; the relay then applies its `storeFailure` policy.
 *
 * @example
 * const begun = await store.begin(key, fingerprint, 60_000);
 * if (begun.state === 'new') {
 *   try { await deliver(); await store.complete(key, fingerprint, { status: 200, body: { ok: true } }, 86_400_000); }
 *   catch (error) { await store.release(key); throw error; }
 * }
 */
export interface IdempotencyStore {
  begin(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyBeginResult>;
  /**
   * Records the outcome of the request that holds `key`, kept for `ttlMs`. It carries the fingerprint again so a
   * store can write the entry whole (one `SET`), even if the pending entry expired meanwhile.
   */
  complete(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** Forgets a pending key after a failed attempt, so that a retry can go upstream. */
  release(key: string): Promise<void>;
  /**
   * The stored response when `key` was delivered with this `fingerprint`; `undefined` when it is unknown, still
   * pending or was used with another body. Read-only: it never takes the key. Optional: with it the relay answers
   * the repeat of a delivered lead before its rate limits, so a browser whose 200 was lost is not made to wait;
   * without it such a repeat counts against the limits like any request. A rejection is a store failure: the
   * relay applies its `storeFailure` policy.
   */
  peek?(key: string, fingerprint: string): Promise<StoredResponse | undefined>;
}

/** Options of {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /**
   * Keys kept at most. Default 10,000. When full, expired keys go first, then the oldest delivered ones; a key
   * still being delivered is never forgotten (if only those are left the store holds more for a while: they
   * expire after the pending time on their own). A forgotten delivered key answers its repeat by delivering again.
   *
   * Memory against time: measured at about 0.5 KB of heap per key, so the default holds the relay's memory flat at
   * a few MB. The store remembers the last `maxKeys` deliveries: at 1 lead per second that is about 2.8 h, at a
   * sustained 10 per second about 17 minutes. Repeats come within seconds (a fetch racing a beacon) or minutes (a
   * retry whose answer was lost); for a longer memory raise `maxKeys`, or use the Redis store, which holds every key
   * its TTL.
   */
  maxKeys?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  fingerprint: string;
  response?: StoredResponse;
}

/**
 * An {@link IdempotencyStore} in this process's memory, bounded by `maxKeys`. Not shared between processes.
 *
 * @example
 * const relay = createRelay({ token, bots, idempotencyStore: createMemoryIdempotencyStore({ maxKeys: 500_000 }) });
 */
export const createMemoryIdempotencyStore = (options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore => {
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`maxKeys must be a positive integer, got ${String(options.maxKeys)}`);
  }
  // Pending keys apart from delivered ones: there are few of them (requests in flight), and eviction must never
  // reach them. Delivered keys in the order they completed, which is the order they expire in, since the relay
  // gives them all one TTL.
  const pending = createExpiringLru<Entry>();
  const done = createExpiringLru<Entry>();
  const live = (key: string): Entry | undefined => {
    const time = now();
    return pending.get(key, time) ?? done.get(key, time);
  };

  // Expired pending keys first (a holder that never finished), then delivered keys from the oldest, expired ones
  // among them coming first. Pending keys that are still live are never dropped.
  const makeRoom = (): void => {
    if (pending.size + done.size <= maxKeys) return;
    const time = now();
    pending.trim(Number.POSITIVE_INFINITY, time);
    done.trim(Math.max(0, maxKeys - pending.size), time);
  };

  return {
    begin(key, fingerprint, ttlMs) {
      const entry = live(key);
      if (!entry) {
        pending.set(key, { fingerprint }, now() + ttlMs);
        makeRoom();
        return Promise.resolve({ state: 'new' });
      }
      if (entry.fingerprint !== fingerprint) return Promise.resolve({ state: 'mismatch' });
      if (entry.response) return Promise.resolve({ state: 'done', response: entry.response });
      return Promise.resolve({ state: 'pending' });
    },
    complete(key, fingerprint, response, ttlMs) {
      pending.delete(key);
      done.set(key, { fingerprint, response }, now() + ttlMs);
      makeRoom();
      return Promise.resolve();
    },
    release(key) {
      pending.delete(key);
      return Promise.resolve();
    },
    peek(key, fingerprint) {
      const entry = live(key);
      return Promise.resolve(entry?.response && entry.fingerprint === fingerprint ? entry.response : undefined);
    },
  };
};
