import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { StoredResponse } from '../../src/relay/stores/idempotency-store';
import { createRedisIdempotencyStore, createRedisStores } from '../../src/relay/stores/redis';
import { describeIdempotencyStoreContract } from '../relay/stores/idempotency-store-contract';
import { useRedisStores } from './use-redis-stores';

const redis = useRedisStores();

// Redis keeps time itself: the contract's clock advances by waiting.
describeIdempotencyStoreContract('createRedisIdempotencyStore', async () => ({
  store: createRedisIdempotencyStore(redis.stores.redis, { prefix: `test:${randomUUID()}:` }),
  advance: (ms) => sleep(ms),
}));

describe('createRedisIdempotencyStore', () => {
  const ok: StoredResponse = { status: 200, body: { ok: true } };

  it('holds a pending key as "pending <fingerprint>" under flowmatix:idem:… for the pending time', async () => {
    const store = createRedisIdempotencyStore(redis.stores.redis);
    const key = `idem:${randomUUID()}`;
    await store.begin(key, 'f1', 30_000);
    expect(await redis.stores.redis.get(`flowmatix:${key}`)).toBe('pending f1');
    const ttl = await redis.stores.redis.pttl(`flowmatix:${key}`);
    expect(ttl).toBeGreaterThan(29_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('replaces it with the stored response for the idempotency TTL on complete', async () => {
    const store = createRedisIdempotencyStore(redis.stores.redis);
    const key = `idem:${randomUUID()}`;
    await store.begin(key, 'f1', 30_000);
    await store.complete(key, 'f1', ok, 86_400_000);
    expect(await redis.stores.redis.get(`flowmatix:${key}`)).toBe(
      'done {"fingerprint":"f1","response":{"status":200,"body":{"ok":true}}}',
    );
    expect(await redis.stores.redis.pttl(`flowmatix:${key}`)).toBeGreaterThan(86_000_000);
  });

  it('answers a key completed after its pending entry expired (complete writes the whole entry)', async () => {
    const store = createRedisIdempotencyStore(redis.stores.redis);
    const key = `idem:${randomUUID()}`;
    await store.begin(key, 'f1', 20);
    await sleep(60);
    await store.complete(key, 'f1', ok, 60_000);
    expect(await store.begin(key, 'f1', 30_000)).toEqual({ state: 'done', response: ok });
  });

  it('hands a new key to exactly one caller across two connections', async () => {
    const other = createRedisStores(redis.server.url);
    await other.ready();
    try {
      const key = `idem:${randomUUID()}`;
      const first = createRedisIdempotencyStore(redis.stores.redis);
      const second = createRedisIdempotencyStore(other.redis);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? first : second).begin(key, 'f', 30_000)),
      );
      expect(results.map((result) => result.state).sort()).toEqual(['new', ...Array<string>(9).fill('pending')]);
    } finally {
      await other.close();
    }
  });

  it('refuses to read a value it did not write under its key', async () => {
    const store = createRedisIdempotencyStore(redis.stores.redis);
    const key = `idem:${randomUUID()}`;
    await redis.stores.redis.set(`flowmatix:${key}`, 'something else');
    await expect(store.begin(key, 'f', 30_000)).rejects.toThrow(/not an idempotency entry/);
    await redis.stores.redis.set(`flowmatix:${key}`, 'done {"fingerprint":"f"}');
    await expect(store.begin(key, 'f', 30_000)).rejects.toThrow(/not an idempotency entry/);
  });

  it('rejects a ttl that is not a positive number', async () => {
    const store = createRedisIdempotencyStore(redis.stores.redis);
    await expect(store.begin('k', 'f', 0)).rejects.toThrow(RangeError);
    await expect(store.complete('k', 'f', ok, Number.POSITIVE_INFINITY)).rejects.toThrow(/ttlMs/);
  });

  it('Redis restarting mid-test: calls reject while it is down, then the store recovers on its own', async () => {
    const store = createRedisIdempotencyStore(redis.stores.redis);
    const key = `idem:${randomUUID()}`;
    await store.begin(key, 'f', 30_000);
    await store.complete(key, 'f', ok, 60_000);

    await redis.server.kill();
    redis.running = false;
    await expect(store.begin(key, 'f', 30_000)).rejects.toThrow();
    await expect(store.release(key)).rejects.toThrow();

    await redis.server.restart();
    redis.running = true;
    await redis.stores.ready(10_000);
    // Without persistence the restarted Redis forgot the key: a retry goes upstream again.
    expect(await store.begin(key, 'f', 30_000)).toEqual({ state: 'new' });
    await store.release(key);
    expect(await redis.stores.redis.exists(`flowmatix:${key}`)).toBe(0);
  });
});
