import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore, type StoredResponse } from '../../../src/relay/stores/idempotency-store';
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
  const ok: StoredResponse = { status: 200, body: { ok: true } };
  const DAY = 86_400_000;

  const clocked = (maxKeys: number) => {
    let time = 0;
    const store = createMemoryIdempotencyStore({ maxKeys, now: () => time });
    const deliver = async (key: string) => {
      await store.begin(key, 'f', 30_000);
      await store.complete(key, 'f', ok, DAY);
    };
    return { store, deliver, advance: (ms: number) => (time += ms) };
  };

  it('forgets the oldest delivered key beyond maxKeys', async () => {
    const { store, deliver } = clocked(2);
    await deliver('a');
    await deliver('b');
    await deliver('c');
    expect((await store.begin('a', 'f', 30_000)).state).toBe('new');
    expect((await store.begin('c', 'f', 30_000)).state).toBe('done');
  });

  it('keeps exactly the last maxKeys delivered keys through a long run of deliveries and redeliveries', async () => {
    const { store } = clocked(5);
    const model: string[] = []; // delivered keys, oldest first
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let step = 0; step < 2_000; step++) {
      const key = `k${Math.floor(random() * 12)}`;
      // A key already delivered is answered from the store; one forgotten (or new) is delivered and becomes newest.
      const { state } = await store.begin(key, 'f', 30_000);
      expect(state, `step ${step}, ${key}`).toBe(model.includes(key) ? 'done' : 'new');
      if (state === 'new') {
        await store.complete(key, 'f', ok, DAY);
        model.push(key);
        if (model.length > 5) model.shift();
      }
    }
  });

  it('still forgets old delivered keys after a spell in which only pending keys overflowed it', async () => {
    const { store, deliver, advance } = clocked(2);
    for (const key of ['p1', 'p2', 'p3']) await store.begin(key, 'f', 30_000);
    advance(30_001);
    for (const key of ['a', 'b', 'c', 'd']) await deliver(key);
    // peek, not begin: a begin is a new key, which would make room itself.
    const remembered = await Promise.all(
      ['a', 'b', 'c', 'd'].map(async (key) => (await store.peek!(key, 'f')) !== undefined),
    );
    expect(remembered).toEqual([false, false, true, true]);
  });

  it('never forgets a key that is still being delivered, so a concurrent duplicate keeps waiting', async () => {
    const { store, deliver } = clocked(2);
    expect((await store.begin('in-flight', 'f', 30_000)).state).toBe('new');
    await deliver('a');
    await deliver('b');
    expect((await store.begin('in-flight', 'f', 30_000)).state).toBe('pending');
    expect((await store.begin('a', 'f', 30_000)).state).toBe('new');
  });

  it('holds more than maxKeys while only pending keys are left, until they expire on their own', async () => {
    const { store, advance } = clocked(2);
    for (const key of ['a', 'b', 'c']) await store.begin(key, 'f', 30_000);
    expect(await Promise.all(['a', 'b', 'c'].map(async (key) => (await store.begin(key, 'f', 30_000)).state))).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    advance(30_001);
    await store.begin('d', 'f', 30_000);
    expect((await store.begin('a', 'f', 30_000)).state).toBe('new');
  });

  it('drops an expired pending key before a live delivered one', async () => {
    const { store, deliver, advance } = clocked(2);
    await deliver('delivered');
    await store.begin('abandoned', 'f', 50);
    advance(100);
    await store.begin('fresh', 'f', 30_000);
    expect((await store.begin('delivered', 'f', 30_000)).state).toBe('done');
    expect((await store.begin('fresh', 'f', 30_000)).state).toBe('pending');
  });

  it('drops expired delivered keys before live ones', async () => {
    let time = 0;
    const store = createMemoryIdempotencyStore({ maxKeys: 2, now: () => time });
    await store.begin('old', 'f', 30_000);
    await store.complete('old', 'f', ok, 1_000);
    time += 2_000;
    await store.begin('live', 'f', 30_000);
    await store.complete('live', 'f', ok, DAY);
    await store.begin('new', 'f', 30_000);
    expect((await store.begin('live', 'f', 30_000)).state).toBe('done');
  });

  it('moves a key to the young end when it completes, so a long delivery is not the first delivered key dropped', async () => {
    const { store, deliver } = clocked(2);
    await store.begin('slow', 'f', 30_000);
    await deliver('quick');
    await store.complete('slow', 'f', ok, DAY);
    await deliver('next');
    expect((await store.begin('slow', 'f', 30_000)).state).toBe('done');
    expect((await store.begin('quick', 'f', 30_000)).state).toBe('new');
  });

  it('remembers 10,000 keys by default', async () => {
    const store = createMemoryIdempotencyStore();
    for (let index = 0; index <= 10_000; index += 1) {
      await store.begin(`k${index}`, 'f', 30_000);
      await store.complete(`k${index}`, 'f', ok, DAY);
    }
    expect((await store.begin('k1', 'f', 30_000)).state).toBe('done');
    expect((await store.begin('k0', 'f', 30_000)).state).toBe('new');
  });

  it('rejects a maxKeys that is not a positive integer', () => {
    expect(() => createMemoryIdempotencyStore({ maxKeys: -1 })).toThrow(/maxKeys/);
  });
});
