import { describe, expect, it } from 'vitest';
import type { IdempotencyStore, StoredResponse } from '../../../src/relay/stores/idempotency-store';

/** The store's `peek`, which is optional in the interface and which every store of this project has. */
const peekOf = (store: IdempotencyStore) => {
  const { peek } = store;
  if (peek === undefined) throw new Error('this store has no peek');
  return (key: string, fingerprint: string) => peek.call(store, key, fingerprint);
};

/**
 * The behaviour every {@link IdempotencyStore} shares. The in-memory store runs it here; other stores (Redis) run
 * the same cases with their own factory. `advance(ms)` moves the store's clock (or waits) by `ms`.
 */
export const describeIdempotencyStoreContract = (
  name: string,
  createStore: () => Promise<{ store: IdempotencyStore; advance: (ms: number) => Promise<void> }>,
) => {
  describe(`${name} (idempotency store contract)`, () => {
    const ok: StoredResponse = { status: 200, body: { ok: true, dropped: ['email'] } };

    it('hands a new key to exactly one of several concurrent callers', async () => {
      const { store } = await createStore();
      const results = await Promise.all(Array.from({ length: 10 }, () => store.begin('k', 'f', 60_000)));
      expect(results.filter((result) => result.state === 'new')).toHaveLength(1);
      expect(results.filter((result) => result.state === 'pending')).toHaveLength(9);
    });

    it('answers a completed key with its stored response', async () => {
      const { store } = await createStore();
      await store.begin('k', 'f', 60_000);
      await store.complete('k', 'f', ok, 86_400_000);
      expect(await store.begin('k', 'f', 60_000)).toEqual({ state: 'done', response: ok });
    });

    it('reports a key reused with another fingerprint, pending or done', async () => {
      const { store } = await createStore();
      await store.begin('k', 'f', 60_000);
      expect(await store.begin('k', 'other', 60_000)).toEqual({ state: 'mismatch' });
      await store.complete('k', 'f', ok, 86_400_000);
      expect(await store.begin('k', 'other', 60_000)).toEqual({ state: 'mismatch' });
    });

    it('gives a released key to the next caller', async () => {
      const { store } = await createStore();
      await store.begin('k', 'f', 60_000);
      await store.release('k');
      expect(await store.begin('k', 'f', 60_000)).toEqual({ state: 'new' });
    });

    it('does not let release forget a completed key', async () => {
      const { store } = await createStore();
      await store.begin('k', 'f', 60_000);
      await store.complete('k', 'f', ok, 86_400_000);
      await store.release('k');
      expect((await store.begin('k', 'f', 60_000)).state).toBe('done');
    });

    it('lets a pending key expire so a crashed holder does not block it', async () => {
      const { store, advance } = await createStore();
      await store.begin('k', 'f', 50);
      await advance(120);
      expect(await store.begin('k', 'f', 60_000)).toEqual({ state: 'new' });
    });

    it('forgets a completed key after its ttl', async () => {
      const { store, advance } = await createStore();
      await store.begin('k', 'f', 60_000);
      await store.complete('k', 'f', ok, 50);
      await advance(120);
      expect(await store.begin('k', 'f', 60_000)).toEqual({ state: 'new' });
    });

    it('peeks at a delivered key: its stored response for the same fingerprint, nothing otherwise', async () => {
      const { store } = await createStore();
      const peek = peekOf(store);
      expect(await peek('k', 'f')).toBeUndefined();
      await store.begin('k', 'f', 60_000);
      expect(await peek('k', 'f')).toBeUndefined();
      await store.complete('k', 'f', ok, 86_400_000);
      expect(await peek('k', 'f')).toEqual(ok);
      expect(await peek('k', 'other')).toBeUndefined();
      expect(await peek('other', 'f')).toBeUndefined();
    });

    it('never takes a key by peeking at it', async () => {
      const { store } = await createStore();
      await peekOf(store)('k', 'f');
      expect(await store.begin('k', 'f', 60_000)).toEqual({ state: 'new' });
    });

    it('peeks at nothing once a delivered key expired', async () => {
      const { store, advance } = await createStore();
      await store.begin('k', 'f', 60_000);
      await store.complete('k', 'f', ok, 50);
      await advance(120);
      expect(await peekOf(store)('k', 'f')).toBeUndefined();
    });

    it('keeps keys apart', async () => {
      const { store } = await createStore();
      await store.begin('a', 'f', 60_000);
      await store.complete('a', 'f', ok, 86_400_000);
      expect(await store.begin('b', 'f', 60_000)).toEqual({ state: 'new' });
    });
  });
};
