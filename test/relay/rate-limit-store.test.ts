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

  it('rejects a maxKeys that is not a positive integer', () => {
    expect(() => createMemoryRateLimitStore({ maxKeys: 0 })).toThrow(/maxKeys/);
    expect(() => createMemoryRateLimitStore({ maxKeys: 1.5 })).toThrow(/maxKeys/);
  });
});
