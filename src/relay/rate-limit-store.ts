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
  /** Buckets kept at most; the least recently used one is forgotten first. Default 10,000. */
  maxKeys?: number;
}

/**
 * A {@link RateLimitStore} in this process's memory, bounded by `maxKeys`. Not shared between processes: behind a
 * load balancer with several relay processes each one counts on its own.
 *
 * @example
 * const relay = createRelay({ token, bots, rateLimitStore: createMemoryRateLimitStore({ maxKeys: 50_000 }) });
 */
export const createMemoryRateLimitStore = (options: MemoryRateLimitStoreOptions = {}): RateLimitStore => {
  const maxKeys = options.maxKeys ?? 10_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`maxKeys must be a positive integer, got ${String(options.maxKeys)}`);
  }
  // A Map iterates in insertion order; re-inserting on every use keeps the least recently used key first. One
  // iterator serves every eviction: a fresh one would step over every entry deleted since the Map's table was last
  // compacted (thousands under a flood of new visitors, ~10 µs a request); everything behind this one was evicted
  // or moved to the end.
  const buckets = new Map<string, TokenBucket>();
  let oldest = buckets.keys();
  return {
    take(key, rule, now) {
      const previous = buckets.get(key);
      const { bucket, decision } = takeToken(previous, rule, now);
      buckets.delete(key);
      buckets.set(key, bucket);
      // Never at its end here: with more than maxKeys buckets, at least one is ahead of it.
      if (buckets.size > maxKeys) buckets.delete(oldest.next().value as string);
      return Promise.resolve(decision);
    },
  };
};
