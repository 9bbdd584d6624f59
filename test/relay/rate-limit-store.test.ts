import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from '../../src/relay/rate-limit-store';
import { describeRateLimitStoreContract } from './rate-limit-store-contract';

describeRateLimitStoreContract('createMemoryRateLimitStore', () => createMemoryRateLimitStore());

describe('createMemoryRateLimitStore', () => {
  const rule = { capacity: 1, refillPerSecond: 0.001 };

  it('forgets the least recently used bucket beyond maxKeys', async () => {
    const store = createMemoryRateLimitStore({ maxKeys: 2 });
    await store.take('a', rule, 0);
    await store.take('b', rule, 0);
    await store.take('a', rule, 0);
    await store.take('c', rule, 0);
    expect((await store.take('b', rule, 0)).allowed).toBe(true);
    expect((await store.take('c', rule, 0)).allowed).toBe(false);
  });

  it('forgets exactly the least recently used buckets through a long run of takes', async () => {
    const store = createMemoryRateLimitStore({ maxKeys: 5 });
    const model: string[] = []; // bucket keys, least recently used first
    let seed = 11;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let step = 0; step < 2_000; step++) {
      const key = `k${Math.floor(random() * 12)}`;
      // One token and no refill to speak of: a remembered bucket refuses, a forgotten (or new) one allows.
      expect((await store.take(key, rule, 0)).allowed, `step ${step}, ${key}`).toBe(!model.includes(key));
      const used = model.indexOf(key);
      if (used >= 0) model.splice(used, 1);
      model.push(key);
      if (model.length > 5) model.shift();
    }
  });

  it('rejects a maxKeys that is not a positive integer', () => {
    expect(() => createMemoryRateLimitStore({ maxKeys: 0 })).toThrow(/maxKeys/);
    expect(() => createMemoryRateLimitStore({ maxKeys: 1.5 })).toThrow(/maxKeys/);
  });
});
