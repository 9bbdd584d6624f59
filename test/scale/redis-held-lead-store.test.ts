import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRedisHeldLeadStore } from '../../src/relay/stores/redis';
import { describeHeldLeadStoreContract, heldLead } from '../relay/stores/held-lead-store-contract';
import { useRedisStores } from './use-redis-stores';

const redis = useRedisStores();
const DAY = 86_400_000;

// Redis keeps time itself: the contract's clock advances by waiting.
describeHeldLeadStoreContract('createRedisHeldLeadStore', async (ttlMs) => ({
  store: createRedisHeldLeadStore(redis.stores.redis, { prefix: `test:${randomUUID()}:`, ttlMs }),
  now: Date.now,
  advance: (ms) => sleep(ms),
}));

describe('createRedisHeldLeadStore', () => {
  it('keeps an entry as a hash under flowmatix:held:… that Redis deletes when its retention ends', async () => {
    const store = createRedisHeldLeadStore(redis.stores.redis, { ttlMs: DAY });
    const lead = heldLead(randomUUID(), Date.now() - DAY / 2);
    await store.put(lead);
    await store.update(lead.id, { forwarded: { at: 5 } });
    const key = `flowmatix:${lead.id}`;
    const fields = await redis.stores.redis.hgetall(key);
    expect(JSON.parse(fields.entry ?? '')).toEqual(lead);
    expect(fields.forwarded).toBe('{"at":5}');
    const ttl = await redis.stores.redis.pttl(key);
    expect(ttl).toBeGreaterThan(DAY / 2 - 5_000);
    expect(ttl).toBeLessThanOrEqual(DAY / 2);
    expect(await redis.stores.redis.zscore('flowmatix:held-leads', lead.id)).toBe(String(lead.receivedAt));
    await store.delete([lead.id]);
  });

  it('trims expired ids from the index, and the index expires with its last entry', async () => {
    const prefix = `test:${randomUUID()}:`;
    const store = createRedisHeldLeadStore(redis.stores.redis, { prefix, ttlMs: 300 });
    await store.put(heldLead('a', Date.now()));
    await sleep(400);
    expect(await redis.stores.redis.exists(`${prefix}held:a`)).toBe(0);
    expect(await redis.stores.redis.exists(`${prefix}held-leads`)).toBe(0);
    await store.put(heldLead('b', Date.now()));
    await redis.stores.redis.zadd(`${prefix}held-leads`, Date.now() - 1_000, 'held:stale');
    expect((await store.list()).map((lead) => lead.id)).toEqual(['held:b']);
    expect(await redis.stores.redis.zrange(`${prefix}held-leads`, 0, -1)).toEqual(['held:b']);
  });

  it('is returned by createRedisStores with the retention it was given', async () => {
    const { createRedisStores } = await import('../../src/relay/stores/redis');
    const stores = createRedisStores(redis.stores.redis, { prefix: `test:${randomUUID()}:`, heldTtlMs: DAY });
    const lead = heldLead(randomUUID(), Date.now());
    expect(await stores.heldLeadStore.put(lead)).toBe(true);
    expect(await stores.heldLeadStore.get(lead.id)).toEqual(lead);
  });

  it('rejects when Redis does not answer, so the relay can answer 503', async () => {
    const store = createRedisHeldLeadStore(redis.stores.redis);
    redis.server.pause();
    try {
      await expect(store.put(heldLead(randomUUID(), Date.now()))).rejects.toThrow();
    } finally {
      redis.server.resume();
    }
  });
});
