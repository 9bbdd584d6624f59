import type { Redis } from 'ioredis';
import type { RateLimitRule, RateLimitStore } from './rate-limit-store';
import { takeToken } from './take-token';

/** Options of {@link createRedisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /** Put before every key, so that the relay's keys are easy to find and never meet another application's. Default `flowmatix:`. */
  prefix?: string;
}

const COMMAND = 'flowmatixTakeToken';

// The same arithmetic as takeToken (take-token.ts), on the same IEEE doubles: Redis's Lua numbers are doubles, the
// arguments travel as JavaScript's shortest round-trip strings and tokens are stored with 17 significant digits.
// The script returns the bucket it found, so the decision is computed by takeToken itself and cannot drift from
// the in-memory store's. The key expires when the bucket would be full again: a missing key is a full bucket.
const TAKE_TOKEN_SCRIPT = `
local capacity = tonumber(ARGV[1])
local refillPerSecond = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local previous = redis.call('HMGET', KEYS[1], 'tokens', 'updatedAt')
local tokens = tonumber(previous[1])
local updatedAt = tonumber(previous[2])
local available = capacity
if tokens and updatedAt then
  local elapsedSeconds = math.max(0, now - updatedAt) / 1000
  available = math.min(capacity, tokens + elapsedSeconds * refillPerSecond)
end
local left = available
if available >= 1 - 1e-9 then
  left = math.max(0, available - 1)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', left), 'updatedAt', ARGV[3])
local fullInMs = math.ceil((capacity - left) * (1000 / refillPerSecond))
redis.call('PEXPIRE', KEYS[1], string.format('%d', math.max(1, fullInMs)))
return previous
`;

type TakeTokenCommand = (
  key: string,
  capacity: string,
  refillPerSecond: string,
  now: string,
) => Promise<[tokens: string | null, updatedAt: string | null]>;

const toNumber = (text: string | null): number => (text === null || text.trim() === '' ? Number.NaN : Number(text));

const checkRule = (rule: RateLimitRule, now: number): void => {
  if (!(Number.isFinite(rule.capacity) && rule.capacity > 0)) {
    throw new RangeError(`rule.capacity must be a positive number, got ${String(rule.capacity)}`);
  }
  if (!(Number.isFinite(rule.refillPerSecond) && rule.refillPerSecond > 0)) {
    throw new RangeError(`rule.refillPerSecond must be a positive number, got ${String(rule.refillPerSecond)}`);
  }
  if (!Number.isFinite(now)) throw new RangeError(`now must be a finite number of milliseconds, got ${String(now)}`);
};

/**
 * A {@link RateLimitStore} in Redis, shared by every relay process that uses the same Redis: a visitor who reaches
 * several processes behind a load balancer meets one limit. Each `take` is one Lua script (`EVALSHA`), so
 * concurrent takes from any number of processes never spend the same token twice. Each bucket is a hash under
 * `{prefix}{key}` that expires when the bucket would be full again; key names carry what the relay counts by
 * (client address, visitor uuid, bot), so they stay in Redis no longer than a bucket takes to refill.
 *
 * The bucket's clock is the `now` each relay passes: relays whose clocks disagree by a few seconds refill a
 * little early or late, never more than the capacity. A Redis restarted without persistence starts every bucket
 * full. When Redis cannot answer, `take` rejects as fast as the client is configured to give up (see
 * `createRedisStores`), and the relay applies its `storeFailure` policy.
 *
 * @example
 * const redis = new Redis('redis://10.0.0.7:6379', FAIL_FAST_REDIS_OPTIONS);
 * const relay = createRelay({ token, bots, rateLimitStore: createRedisRateLimitStore(redis) });
 */
export const createRedisRateLimitStore = (redis: Redis, options: RedisRateLimitStoreOptions = {}): RateLimitStore => {
  const prefix = options.prefix ?? 'flowmatix:';
  redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: TAKE_TOKEN_SCRIPT });
  const command = (redis as unknown as Record<typeof COMMAND, TakeTokenCommand>)[COMMAND].bind(redis);
  return {
    async take(key, rule, now) {
      checkRule(rule, now);
      const [tokens, updatedAt] = await command(
        `${prefix}${key}`,
        String(rule.capacity),
        String(rule.refillPerSecond),
        String(now),
      );
      // Like the script's tonumber: a field that is missing or not a number makes a full bucket.
      const previous = { tokens: toNumber(tokens), updatedAt: toNumber(updatedAt) };
      const found = Number.isFinite(previous.tokens) && Number.isFinite(previous.updatedAt);
      return takeToken(found ? previous : undefined, rule, now).decision;
    },
  };
};
