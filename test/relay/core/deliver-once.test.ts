import { describe, expect, it } from 'vitest';
import { deliverOnce } from '../../../src/relay/core/deliver-once';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../../../src/relay/stores/idempotency-store';

const timings = { ttlMs: 60_000, pendingTtlMs: 5_000, waitMs: 1_000, pollMs: 5 };
const stored = { status: 200, body: { ok: true as const } };

describe('deliverOnce', () => {
  it('attempts a new key and answers its repeat from the store', async () => {
    const store = createMemoryIdempotencyStore();
    let attempts = 0;
    const attempt = async () => ({ result: ++attempts, stored });
    expect(await deliverOnce(store, 'k', 'f', timings, attempt)).toEqual({ state: 'attempted', result: 1 });
    expect(await deliverOnce(store, 'k', 'f', timings, attempt)).toEqual({ state: 'replayed', response: stored });
    expect(attempts).toBe(1);
  });

  it('makes a concurrent duplicate wait for the first outcome', async () => {
    const store = createMemoryIdempotencyStore();
    let attempts = 0;
    const attempt = async () => {
      attempts += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { result: 'sent', stored };
    };
    const [first, second] = await Promise.all([
      deliverOnce(store, 'k', 'f', timings, attempt),
      deliverOnce(store, 'k', 'f', timings, attempt),
    ]);
    expect(first).toEqual({ state: 'attempted', result: 'sent' });
    expect(second).toEqual({ state: 'replayed', response: stored });
    expect(attempts).toBe(1);
  });

  it('never lets a waiting duplicate attempt after the first fails: it answers in_flight; a later call may', async () => {
    const store = createMemoryIdempotencyStore();
    const outcomes = ['failed', 'sent'];
    let attempts = 0;
    const attempt = async () => {
      attempts += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      const result = outcomes.shift() ?? 'extra';
      return result === 'sent' ? { result, stored } : { result };
    };
    const burst = await Promise.all([1, 2, 3].map(() => deliverOnce(store, 'k', 'f', timings, attempt)));
    expect(burst).toEqual([
      { state: 'attempted', result: 'failed' },
      { state: 'in_flight', reason: 'released' },
      { state: 'in_flight', reason: 'released' },
    ]);
    expect(attempts).toBe(1);
    expect(await deliverOnce(store, 'k', 'f', timings, attempt)).toEqual({ state: 'attempted', result: 'sent' });
    expect(attempts).toBe(2);
  });

  it('answers a waiting duplicate in_flight when the store fails while it waits, without attempting', async () => {
    const memory = createMemoryIdempotencyStore();
    await memory.begin('k', 'f', 60_000);
    let looks = 0;
    const store: IdempotencyStore = {
      ...memory,
      begin: (...args) => (++looks > 1 ? Promise.reject(new Error('down')) : memory.begin(...args)),
    };
    let attempted = false;
    const outcome = await deliverOnce(store, 'k', 'f', timings, async () => ({ result: (attempted = true) }));
    expect(outcome).toEqual({ state: 'in_flight', reason: 'pending' });
    expect(attempted).toBe(false);
  });

  it('releases the key when the attempt throws', async () => {
    const store = createMemoryIdempotencyStore();
    await expect(deliverOnce(store, 'k', 'f', timings, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await store.begin('k', 'f', 1_000)).toEqual({ state: 'new' });
  });

  it('gives up waiting after waitMs, not a poll later', async () => {
    const store = createMemoryIdempotencyStore();
    await store.begin('k', 'f', 60_000);
    const startedAt = Date.now();
    const patient = { ...timings, waitMs: 40, pollMs: 1_000 };
    const outcome = await deliverOnce(store, 'k', 'f', patient, async () => ({ result: 1 }));
    expect(outcome).toEqual({ state: 'in_flight', reason: 'pending' });
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });

  it('reports a mismatching fingerprint without attempting', async () => {
    const store = createMemoryIdempotencyStore();
    await deliverOnce(store, 'k', 'f', timings, async () => ({ result: 1, stored }));
    let attempted = false;
    const outcome = await deliverOnce(store, 'k', 'other', timings, async () => ({ result: (attempted = true) }));
    expect(outcome).toEqual({ state: 'mismatch' });
    expect(attempted).toBe(false);
  });

  it('reports a store that fails after a successful attempt, keeping the result', async () => {
    const memory = createMemoryIdempotencyStore();
    const store: IdempotencyStore = { ...memory, complete: () => Promise.reject(new Error('store down')) };
    const outcome = await deliverOnce(store, 'k', 'f', timings, async () => ({ result: 'sent', stored }));
    expect(outcome).toMatchObject({ state: 'attempted', result: 'sent', storeError: expect.any(Error) });
  });

  it('rejects when the store cannot begin', async () => {
    const store: IdempotencyStore = {
      ...createMemoryIdempotencyStore(),
      begin: () => Promise.reject(new Error('down')),
    };
    await expect(deliverOnce(store, 'k', 'f', timings, async () => ({ result: 1 }))).rejects.toThrow('down');
  });
});
