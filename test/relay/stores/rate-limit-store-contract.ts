import { describe, expect, it } from 'vitest';
import type { RateLimitStore } from '../../../src/relay/stores/rate-limit-store';

/**
 * The behaviour every {@link RateLimitStore} shares. The in-memory store runs it here; other stores (Redis) run the
 * same cases from their own test file with their own factory, each call getting a fresh, empty store.
 */
export const describeRateLimitStoreContract = (
  name: string,
  createStore: () => RateLimitStore | Promise<RateLimitStore>,
) => {
  describe(`${name} (rate-limit store contract)`, () => {
    const rule = { capacity: 3, refillPerSecond: 1 };

    it('lets a full bucket spend its capacity, then refuses with the time until the next token', async () => {
      const store = await createStore();
      const results = [];
      for (let index = 0; index < 4; index += 1) results.push(await store.take('k', rule, 1_000));
      expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
      expect(results.map((result) => result.remaining)).toEqual([2, 1, 0, 0]);
      expect(results[3]?.retryAfterMs).toBe(1_000);
      expect(results[3]?.resetMs).toBe(3_000);
    });

    it('refills with time, never above capacity', async () => {
      const store = await createStore();
      for (let index = 0; index < 3; index += 1) await store.take('k', rule, 0);
      expect((await store.take('k', rule, 500)).allowed).toBe(false);
      expect((await store.take('k', rule, 1_000)).allowed).toBe(true);
      const later = await store.take('k', rule, 60_000);
      expect(later).toMatchObject({ allowed: true, remaining: 2 });
    });

    it('keeps keys apart', async () => {
      const store = await createStore();
      for (let index = 0; index < 3; index += 1) await store.take('a', rule, 0);
      expect((await store.take('a', rule, 0)).allowed).toBe(false);
      expect((await store.take('b', rule, 0)).allowed).toBe(true);
    });

    it('never lets concurrent takes spend more than the capacity', async () => {
      const store = await createStore();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.take('k', rule, 0)));
      expect(results.filter((result) => result.allowed)).toHaveLength(3);
    });

    it('does not count a clock that goes backwards as refill', async () => {
      const store = await createStore();
      for (let index = 0; index < 3; index += 1) await store.take('k', rule, 10_000);
      expect((await store.take('k', rule, 5_000)).allowed).toBe(false);
    });
  });
};
