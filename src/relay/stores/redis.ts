// The relay's Redis stores, for relays that run as several processes. Node only (ioredis needs sockets), so this
// entry is apart from the Fetch-only relay entry.
import { Redis, type RedisOptions } from 'ioredis';
import type { HeldLeadStore } from './held-lead-store';
import type { IdempotencyStore } from './idempotency-store';
import type { RateLimitStore } from './rate-limit-store';
import { createRedisHeldLeadStore } from './redis-held-lead-store';
import { createRedisIdempotencyStore } from './redis-idempotency-store';
import { createRedisRateLimitStore } from './redis-rate-limit-store';
import { RelayConfigurationError } from '../core/relay-configuration-error';

export { createRedisRateLimitStore } from './redis-rate-limit-store';
export type { RedisRateLimitStoreOptions } from './redis-rate-limit-store';
export { createRedisIdempotencyStore } from './redis-idempotency-store';
export type { RedisIdempotencyStoreOptions } from './redis-idempotency-store';
export { createRedisHeldLeadStore } from './redis-held-lead-store';
export type { RedisHeldLeadStoreOptions } from './redis-held-lead-store';

/**
 * ioredis options that make a store call fail within about a second when Redis is down or stuck, instead of
 * queueing until it comes back, so the relay answers at once under its `storeFailure` policy:
 * no offline queue (a call while disconnected rejects at once), no retry of a call whose connection dropped
 * (a token take sent twice would spend two tokens), a 1 s command timeout (a Redis that accepts connections but
 * does not answer), and reconnection forever with a backoff capped at 2 s (the stores recover by themselves).
 */
export const FAIL_FAST_REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  commandTimeout: 1000,
  connectTimeout: 2000,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
} satisfies RedisOptions;

/** Options of {@link createRedisStores}. */
export interface RedisStoresOptions {
  /**
   * Put before every key. Default `flowmatix:` (the relay's keys then read `flowmatix:rl:…`, `flowmatix:idem:…`,
   * `flowmatix:held:…` and `flowmatix:held-leads`).
   */
  prefix?: string;
  /** How long held leads are kept (`FLOWMATIX_HELD_TTL_DAYS`). Default 30 days. */
  heldTtlMs?: number;
  /** ioredis options for a client created from a URL, over {@link FAIL_FAST_REDIS_OPTIONS} (e.g. `tls`, `db`). */
  redisOptions?: RedisOptions;
  /**
   * Connection errors of a client created from a URL. Default: ignored, since every request the relay serves
   * without its store already logs why.
   */
  onError?: (error: Error) => void;
}

/** The relay's Redis stores over one connection. */
export interface RedisStores {
  rateLimitStore: RateLimitStore;
  idempotencyStore: IdempotencyStore;
  heldLeadStore: HeldLeadStore;
  /** The connection the stores use. */
  redis: Redis;
  /** Resolves once the connection is ready (a relay may wait for it before listening); rejects after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** Closes the connection if it was created from a URL; a client passed in is left to its owner. */
  close(): Promise<void>;
}

const connect = (url: string, options: RedisStoresOptions): Redis => {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    // The URL may hold a password: it is never repeated in a message.
    throw new RelayConfigurationError('FLOWMATIX_REDIS_URL: expected a URL such as redis://127.0.0.1:6379');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new RelayConfigurationError(
      `FLOWMATIX_REDIS_URL: expected a redis:// or rediss:// URL, got a ${protocol} URL`,
    );
  }
  const redis = new Redis(url, { ...FAIL_FAST_REDIS_OPTIONS, ...options.redisOptions });
  redis.on('error', options.onError ?? (() => undefined));
  return redis;
};

const waitUntilReady = (redis: Redis, timeoutMs: number): Promise<void> => {
  if (redis.status === 'ready') return Promise.resolve();
  if (redis.status === 'wait') redis.connect().catch(() => undefined);
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => settle();
    const onEnd = () => settle(new Error('The Redis connection was closed before it was ready'));
    const timer = setTimeout(() => settle(new Error(`Redis was not ready within ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
};

const disconnect = (redis: Redis): Promise<void> => {
  if (redis.status === 'end') return Promise.resolve();
  // Between two reconnection attempts there is no socket left to close, so no `end` event would come.
  const ended =
    redis.status === 'reconnecting'
      ? Promise.resolve()
      : new Promise<void>((resolve) => redis.once('end', () => resolve()));
  redis.disconnect();
  return ended;
};

/**
 * Creates the Redis rate-limit, idempotency and held-lead stores over one connection: from a URL
 * (`FLOWMATIX_REDIS_URL`, `redis://` or `rediss://`, with {@link FAIL_FAST_REDIS_OPTIONS}) or from an ioredis client
 * you configured.
 * Give every relay process the same Redis and they share their limits, idempotency keys and held leads.
 *
 * @example
 * const stores = createRedisStores(process.env.FLOWMATIX_REDIS_URL);
 * await stores.ready();
 * const { rateLimitStore, idempotencyStore, heldLeadStore } = stores;
 * const relay = createRelay({ ...relayOptionsFromEnv(process.env), rateLimitStore, idempotencyStore, heldLeadStore });
 */
export const createRedisStores = (target: string | Redis, options: RedisStoresOptions = {}): RedisStores => {
  const owned = typeof target === 'string';
  const redis = owned ? connect(target, options) : target;
  const storeOptions = options.prefix === undefined ? {} : { prefix: options.prefix };
  return {
    rateLimitStore: createRedisRateLimitStore(redis, storeOptions),
    idempotencyStore: createRedisIdempotencyStore(redis, storeOptions),
    heldLeadStore: createRedisHeldLeadStore(redis, {
      ...storeOptions,
      ...(options.heldTtlMs !== undefined && { ttlMs: options.heldTtlMs }),
    }),
    redis,
    ready: (timeoutMs = 5000) => waitUntilReady(redis, timeoutMs),
    close: () => (owned ? disconnect(redis) : Promise.resolve()),
  };
};
