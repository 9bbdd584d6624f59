import { describe, expect, it } from 'vitest';
import { createExpiringLru } from '../../../src/relay/stores/expiring-lru';

describe('createExpiringLru', () => {
  it('answers a value until it expires, then drops it', () => {
    const lru = createExpiringLru<string>();
    lru.set('a', 'A', 100);
    expect([lru.get('a', 99), lru.size]).toEqual(['A', 1]);
    expect([lru.get('a', 100), lru.size]).toEqual([undefined, 0]);
  });

  it('trims expired entries from the old end, then the least recently set beyond the limit', () => {
    const lru = createExpiringLru<string>();
    lru.set('old', 'x', 10);
    lru.set('a', 'x', 1_000);
    lru.set('b', 'x', 1_000);
    lru.set('a', 'y', 1_000); // set again: now the most recent
    lru.set('c', 'x', 1_000);
    lru.trim(2, 50);
    expect([lru.get('b', 50), lru.get('a', 50), lru.get('c', 50)]).toEqual([undefined, 'y', 'x']);
  });

  it('keeps the oldest live entry it stopped at, and drops it once it has expired', () => {
    const lru = createExpiringLru<number>();
    lru.set('first', 1, 100);
    lru.set('second', 2, 1_000);
    lru.trim(5, 0);
    lru.set('third', 3, 1_000);
    lru.delete('second');
    lru.trim(5, 200);
    expect([lru.size, lru.values(200)]).toEqual([1, [3]]);
  });

  it('lists only live values, least recently set first', () => {
    const lru = createExpiringLru<string>();
    lru.set('a', 'A', 1_000);
    lru.set('b', 'B', 10);
    lru.set('c', 'C', 1_000);
    lru.set('a', 'A2', 1_000);
    expect(lru.values(50)).toEqual(['C', 'A2']);
  });

  it('reclaims an expired entry among the oldest, or answers when the earliest of them expires', () => {
    const lru = createExpiringLru<string>();
    lru.set('a', 'A', 300);
    lru.set('b', 'B', 200);
    lru.set('c', 'C', 100);
    // Only a and b are looked at: neither has expired, so both move to the recent end.
    expect(lru.reclaim(2, 150)).toBe(200);
    expect(lru.size).toBe(3);
    // c is now the oldest and has expired.
    expect(lru.reclaim(2, 150)).toBeUndefined();
    expect([lru.size, lru.get('c', 0)]).toEqual([2, undefined]);
  });

  it('walks a long churn of sets and trims in order, whatever the map deleted behind its walk', () => {
    const lru = createExpiringLru<number>();
    const model: number[] = [];
    for (let index = 0; index < 20_000; index += 1) {
      const key = index % 7 === 0 && model.length > 0 ? (model[Math.floor(model.length / 2)] as number) : index;
      if (model.includes(key)) model.splice(model.indexOf(key), 1);
      model.push(key);
      lru.set(String(key), key, Number.POSITIVE_INFINITY);
      lru.trim(50, 0);
      if (model.length > 50) model.shift();
    }
    expect(lru.values(0)).toEqual(model);
  });
});
