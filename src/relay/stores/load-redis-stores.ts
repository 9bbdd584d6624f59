import type { RedisStores, RedisStoresOptions } from './redis';
import { RelayConfigurationError } from '../core/relay-configuration-error';

// Module loaders wrap the resolution error (its `cause`), so the whole chain is searched.
const isIoredisMissing = (error: unknown): boolean => {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (/\bioredis\b/.test(current.message)) return true;
  }
  return false;
};

/**
 * The Redis stores for `FLOWMATIX_REDIS_URL`. ioredis is an optional peer: it is loaded only here, when a URL is
 * set, and its absence is a `RelayConfigurationError` that says how to install it.
 *
 * @example
 * const stores = await loadRedisStores(env.FLOWMATIX_REDIS_URL, { heldTtlMs });
 */
export const loadRedisStores = async (url: string, options: RedisStoresOptions = {}): Promise<RedisStores> => {
  let redis: typeof import('./redis');
  try {
    redis = await import('./redis');
  } catch (error) {
    throw new RelayConfigurationError(
      isIoredisMissing(error)
        ? 'FLOWMATIX_REDIS_URL needs the ioredis package: npm i ioredis'
        : `FLOWMATIX_REDIS_URL: cannot load the Redis stores: ${(error as Error).message}`,
    );
  }
  return redis.createRedisStores(url, options);
};
