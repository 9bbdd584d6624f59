import { describe, expect, it } from 'vitest';
import { ipBucketKey } from '../../../src/relay/core/ip-bucket-key';
import { createMemoryRateLimitStore } from '../../../src/relay/stores/rate-limit-store';
import { takeToken, type TokenBucket } from '../../../src/relay/stores/take-token';
import { describeRateLimitStoreContract } from './rate-limit-store-contract';

describeRateLimitStoreContract('createMemoryRateLimitStore', () => createMemoryRateLimitStore());

describe('createMemoryRateLimitStore', () => {
  // The relay's default per-address rule: 30 requests, then one every 10 s.
  const ipRule = { capacity: 30, refillPerSecond: 0.1 };
  const ipKey = (address: string) => `rl:ip:${ipBucketKey(address) ?? address}`;

  const exhaust = async (store: ReturnType<typeof createMemoryRateLimitStore>, key: string, now: number) => {
    for (let index = 0; index < ipRule.capacity; index += 1) await store.take(key, ipRule, now);
    expect((await store.take(key, ipRule, now)).allowed).toBe(false);
  };

  it('keeps refusing a limited visitor while 12,000 spoofed IPv4 addresses flood the store', async () => {
    const store = createMemoryRateLimitStore();
    const visitor = ipKey('203.0.113.7');
    await exhaust(store, visitor, 0);
    for (let index = 0; index < 12_000; index += 1) {
      await store.take(ipKey(`10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`), ipRule, 1_000);
    }
    expect((await store.take(visitor, ipRule, 2_000)).allowed).toBe(false);
  });

  it('keeps refusing a limited visitor while 12,000 fresh IPv6 /56 prefixes flood the store', async () => {
    const store = createMemoryRateLimitStore();
    const visitor = ipKey('2001:db8:ffff:ff00::1');
    await exhaust(store, visitor, 0);
    for (let index = 0; index < 12_000; index += 1) {
      await store.take(ipKey(`2001:db8:${index.toString(16)}::1`), ipRule, 1_000);
    }
    expect((await store.take(visitor, ipRule, 2_000)).allowed).toBe(false);
  });

  it('makes room for new keys by dropping buckets that have refilled, never a limited one', async () => {
    const store = createMemoryRateLimitStore({ maxKeys: 1_000 });
    const visitor = ipKey('203.0.113.7');
    await exhaust(store, visitor, 0);
    // One request each on a rule that refills a token a second: those buckets are full again 1 s later, while
    // the visitor, the least recently used, waits 10 s for its next token.
    const fastRule = { capacity: 30, refillPerSecond: 1 };
    for (let index = 0; index < 999; index += 1) await store.take(`old-${index}`, fastRule, 0);
    const answers = [];
    for (let index = 0; index < 5_000; index += 1) answers.push(await store.take(`new-${index}`, ipRule, 5_000));
    // Each new key replaces a full bucket while there is one; then the new keys' own buckets are not full yet.
    expect(answers.slice(0, 999).every((answer) => answer.allowed)).toBe(true);
    expect(answers.slice(999).every((answer) => !answer.allowed)).toBe(true);
    expect((await store.take(visitor, ipRule, 5_000)).allowed).toBe(false);
  });

  it('refuses a new key, with the time until a bucket is full again, when no bucket can be dropped', async () => {
    const rule = { capacity: 2, refillPerSecond: 1 };
    const store = createMemoryRateLimitStore({ maxKeys: 2 });
    await store.take('a', rule, 0);
    await store.take('b', rule, 500);
    expect(await store.take('c', rule, 600)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 400, resetMs: 400 });
    // The keys it knows are served as before.
    expect(await store.take('a', rule, 700)).toMatchObject({ allowed: true, remaining: 0 });
    // Once b is full again (1.5 s) it is dropped for c; a, still refilling, is kept.
    expect(await store.take('c', rule, 1_500)).toMatchObject({ allowed: true, remaining: 1 });
    expect((await store.take('a', rule, 1_500)).remaining).toBe(0);
  });

  it('never allows a take that a store with unbounded memory would refuse', async () => {
    const store = createMemoryRateLimitStore({ maxKeys: 5 });
    const rule = { capacity: 2, refillPerSecond: 0.5 };
    const model = new Map<string, TokenBucket>();
    let seed = 11;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    let now = 0;
    for (let step = 0; step < 5_000; step++) {
      now += Math.floor(random() * 400);
      const key = `k${Math.floor(random() * 12)}`;
      const answer = await store.take(key, rule, now);
      const expected = takeToken(model.get(key), rule, now);
      if (answer.allowed) expect(expected.decision.allowed, `step ${step}, ${key}`).toBe(true);
      // A new key refused because the store is full leaves nothing behind, in the store as in the model.
      if (answer.allowed === expected.decision.allowed) model.set(key, expected.bucket);
    }
  });

  it('rejects a maxKeys that is not a positive integer', () => {
    expect(() => createMemoryRateLimitStore({ maxKeys: 0 })).toThrow(/maxKeys/);
    expect(() => createMemoryRateLimitStore({ maxKeys: 1.5 })).toThrow(/maxKeys/);
  });
});
