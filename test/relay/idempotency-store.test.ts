import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/relay/idempotency-store';
import { describeIdempotencyStoreContract } from './idempotency-store-contract';

describeIdempotencyStoreContract('createMemoryIdempotencyStore', async () => {
  let time = 0;
  const store = createMemoryIdempotencyStore({ now: () => time });
  return {
    store,
    advance: (ms) => {
      time += ms;
      return Promise.resolve();
    },
  };
});

describe('createMemoryIdempotencyStore', () => {
  it('forgets the oldest key beyond maxKeys', async () => {
    const store = createMemoryIdempotencyStore({ maxKeys: 2 });
    await store.begin('a', 'f', 60_000);
    await store.begin('b', 'f', 60_000);
    await store.begin('c', 'f', 60_000);
    expect((await store.begin('a', 'f', 60_000)).state).toBe('new');
    expect((await store.begin('c', 'f', 60_000)).state).toBe('pending');
  });

  it('rejects a maxKeys that is not a positive integer', () => {
    expect(() => createMemoryIdempotencyStore({ maxKeys: -1 })).toThrow(/maxKeys/);
  });
});
