import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from '../../src/relay/stores/rate-limit-store';
import { createRedisStores, createRedisRateLimitStore } from '../../src/relay/stores/redis';
import { describeRateLimitStoreContract } from '../relay/stores/rate-limit-store-contract';
import { useRedisStores } from './use-redis-stores';

const redis = useRedisStores();

// A fresh prefix per store: each contract case starts from an empty store.
describeRateLimitStoreContract('createRedisRateLimitStore', () =>
  createRedisRateLimitStore(redis.stores.redis, { prefix: `test:${randomUUID()}:` }),
);

describe('createRedisRateLimitStore', () => {
  const rule = { capacity: 3, refillPerSecond: 1 };

  it('keeps a bucket as a hash under flowmatix:rl:… that expires when the bucket would be full again', async () => {
    const store = createRedisRateLimitStore(redis.stores.redis);
    const key = `rl:ip:${randomUUID()}`;
    await store.take(key, rule, 1_000);
    await store.take(key, rule, 1_000);
    expect(await redis.stores.redis.hgetall(`flowmatix:${key}`)).toEqual({ tokens: '1', updatedAt: '1000' });
    const ttl = await redis.stores.redis.pttl(`flowmatix:${key}`);
    expect(ttl).toBeGreaterThan(1_500);
    expect(ttl).toBeLessThanOrEqual(2_000);
  });

  it('uses the prefix it is given', async () => {
    const store = createRedisRateLimitStore(redis.stores.redis, { prefix: 'site-a:' });
    const key = `rl:uuid:${randomUUID()}`;
    await store.take(key, rule, 0);
    expect(await redis.stores.redis.exists(`site-a:${key}`)).toBe(1);
    expect(await redis.stores.redis.exists(`flowmatix:${key}`)).toBe(0);
  });

  it('decides exactly as the in-memory store on any sequence of takes, clock going backwards included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0.001, max: 50, noNaN: true }),
        fc.array(fc.integer({ min: -2_000, max: 5_000 }), { minLength: 1, maxLength: 25 }),
        async (capacity, refillPerSecond, steps) => {
          const redisStore = createRedisRateLimitStore(redis.stores.redis, { prefix: `prop:${randomUUID()}:` });
          const memoryStore = createMemoryRateLimitStore();
          let now = 1_700_000_000_000;
          for (const step of steps) {
            now += step;
            const rule = { capacity, refillPerSecond };
            expect(await redisStore.take('k', rule, now)).toEqual(await memoryStore.take('k', rule, now));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is one bucket for every connection: concurrent takes from two clients spend the capacity once', async () => {
    const other = createRedisStores(redis.server.url);
    await other.ready();
    try {
      const key = `rl:ip:${randomUUID()}`;
      const first = createRedisRateLimitStore(redis.stores.redis);
      const second = createRedisRateLimitStore(other.redis);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? first : second).take(key, rule, 0)),
      );
      expect(results.filter((result) => result.allowed)).toHaveLength(3);
    } finally {
      await other.close();
    }
  });

  it('rejects a rule it cannot compute with, before calling Redis', async () => {
    const store = createRedisRateLimitStore(redis.stores.redis);
    await expect(store.take('k', { capacity: 0, refillPerSecond: 1 }, 0)).rejects.toThrow(RangeError);
    await expect(store.take('k', { capacity: 3, refillPerSecond: 0 }, 0)).rejects.toThrow(/refillPerSecond/);
    await expect(store.take('k', rule, Number.NaN)).rejects.toThrow(/now/);
  });

  it('rejects within the command timeout when Redis stops answering, and answers again when it resumes', async () => {
    const store = createRedisRateLimitStore(redis.stores.redis);
    redis.server.pause();
    try {
      const startedAt = Date.now();
      await expect(store.take(`rl:ip:${randomUUID()}`, rule, 0)).rejects.toThrow(/timed out/i);
      expect(Date.now() - startedAt).toBeLessThan(2_000);
    } finally {
      redis.server.resume();
    }
    expect((await store.take(`rl:ip:${randomUUID()}`, rule, 0)).allowed).toBe(true);
  });

  it('Redis restarting mid-test: takes reject at once while it is down, then the store recovers on its own', async () => {
    const store = createRedisRateLimitStore(redis.stores.redis);
    const key = `rl:ip:${randomUUID()}`;
    for (let index = 0; index < 3; index += 1) await store.take(key, rule, 0);
    expect((await store.take(key, rule, 0)).allowed).toBe(false);

    await redis.server.kill();
    redis.running = false;
    const startedAt = Date.now();
    await expect(store.take(key, rule, 0)).rejects.toThrow();
    expect(Date.now() - startedAt).toBeLessThan(1_000);

    await redis.server.restart();
    redis.running = true;
    await redis.stores.ready(10_000);
    // The restarted Redis has neither the bucket (no persistence) nor the script (EVALSHA falls back to EVAL).
    expect(await store.take(key, rule, 0)).toMatchObject({ allowed: true, remaining: 2 });
  });
});
