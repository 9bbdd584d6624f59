import { createExpiringLru } from './expiring-lru';
import { takeToken, type TokenBucket } from './take-token';

/** One token bucket: it holds at most `capacity` tokens and gains `refillPerSecond` tokens each second. */
export interface RateLimitRule {
  capacity: number;
  refillPerSecond: number;
}

/** The outcome of taking one token from a bucket. Times are milliseconds from `now`. */
export interface RateLimitDecision {
  /** A token was taken: the request may go on. */
  allowed: boolean;
  /** Whole tokens left after this take. */
  remaining: number;
  /** How long until one token is available again; 0 when `allowed`. */
  retryAfterMs: number;
  /** How long until the bucket is full again. */
  resetMs: number;
}

/**
 * Where the relay keeps its token buckets. One relay process can use the in-memory store; relays that run as
 * several processes share a store (Redis) so that a visitor cannot multiply the limits by reaching every process.
 *
 * A store decides atomically per key: two concurrent `take` calls on the same key never both spend the last token.
 * A store that cannot answer rejects the promise; the relay then applies its `storeFailure` policy.
 *
 * @example
 * const decision = await store.take('ip:203.0.113.7', { capacity: 20, refillPerSecond: 0.2 }, Date.now());
 * if (!decision.allowed) console.log(`retry in ${decision.retryAfterMs} ms`);
 */
export interface RateLimitStore {
  take(key: string, rule: RateLimitRule, now: number): Promise<RateLimitDecision>;
}

/** Options of {@link createMemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /**
   * Buckets kept at most. Default 10,000. A new key makes room by dropping a bucket that has refilled to capacity;
   * when every bucket it looks at still counts something, the new key is refused (see the store's JSDoc).
   */
  maxKeys?: number;
}

/** How many of the least recently used buckets a new key may look at for one to drop. */
const EVICTION_LOOKS = 8;

/**
 * A {@link RateLimitStore} in this process's memory, bounded by `maxKeys`. Not shared between processes: behind a
 * load balancer with several relay processes each one counts on its own.
 *
 * When the store is full, a new key takes the place of a bucket that has refilled to capacity (a full bucket is
 * what a forgotten key would get, so dropping it changes no decision). Buckets that are still refilling are never
 * dropped: a flood of new keys (spoofed forwarded addresses, fresh IPv6 prefixes) cannot reopen a visitor who is
 * limited. When none of the few least recently used buckets is full, the new key is refused as limited, with the
 * time until one of them is full as its `retryAfterMs`: under such a flood new visitors wait a few seconds rather
 * than blocked ones getting in. Raise `maxKeys` for more than ~`maxKeys` distinct clients per refill period.
 *
 * @example
 * const relay = createRelay({ token, bots, rateLimitStore: createMemoryRateLimitStore({ maxKeys: 50_000 }) });
 */
export const createMemoryRateLimitStore = (options: MemoryRateLimitStoreOptions = {}): RateLimitStore => {
  const maxKeys = options.maxKeys ?? 10_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`maxKeys must be a positive integer, got ${String(options.maxKeys)}`);
  }
  // A bucket expires when it is full again: from then on it carries no information (a forgotten key gets a full
  // one), so dropping it changes no decision. Every take sets its key again, so the least recently used come first.
  const buckets = createExpiringLru<TokenBucket>();
  return {
    take(key, rule, now) {
      const previous = buckets.get(key, now);
      if (previous === undefined && buckets.size >= maxKeys) {
        const fullAt = buckets.reclaim(EVICTION_LOOKS, now);
        if (fullAt !== undefined) {
          const waitMs = Math.max(1, Math.ceil(fullAt - now));
          return Promise.resolve({ allowed: false, remaining: 0, retryAfterMs: waitMs, resetMs: waitMs });
        }
      }
      const { bucket, decision } = takeToken(previous, rule, now);
      buckets.set(key, bucket, now + decision.resetMs);
      return Promise.resolve(decision);
    },
  };
};
