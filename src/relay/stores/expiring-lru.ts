/**
 * A map whose entries each carry an expiry time, kept in the order they were last set: the one bounded memory of
 * the in-memory stores. It never evicts on its own; a store decides what may go, with `trim` (expired entries,
 * then the least recently set) or `reclaim` (expired entries only, for a store that must refuse rather than
 * forget).
 */
export interface ExpiringLru<V> {
  /** Entries held, expired ones included until something drops them. */
  readonly size: number;
  /** The value under `key` if it has not expired; an expired entry is dropped. Does not count as a use. */
  get(key: string, now: number): V | undefined;
  /** Sets `key`, which becomes the most recently set entry. */
  set(key: string, value: V, expiresAt: number): void;
  delete(key: string): boolean;
  /** The values that have not expired, least recently set first. */
  values(now: number): V[];
  /** Drops expired entries from the least recently set end, and the least recently set live ones beyond `limit`. */
  trim(limit: number, now: number): void;
  /**
   * Drops one expired entry among the `looks` least recently set ones and answers `undefined`; when none of them
   * has expired, moves them to the recent end (the next call looks at others) and answers the earliest time one
   * of them expires.
   */
  reclaim(looks: number, now: number): number | undefined;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Creates an {@link ExpiringLru}. Every operation is O(1), `trim` and `reclaim` per entry dropped or looked at.
 *
 * @example
 * const buckets = createExpiringLru<TokenBucket>();
 * if (buckets.size >= maxKeys && buckets.reclaim(8, now) !== undefined) refuse();
 * buckets.set(key, bucket, fullAt);
 */
export const createExpiringLru = <V>(): ExpiringLru<V> => {
  const entries = new Map<string, Entry<V>>();
  // One iterator serves every walk from the old end: a fresh one would step over every entry deleted since the
  // Map's table was last compacted (thousands once a store is full, ~10 µs a lead). Every key it passed was deleted
  // or set again (so is ahead of it), except `head`, the oldest, which a walk looked at and kept.
  let walk = entries.keys();
  let head: string | undefined;
  const oldest = (): string | undefined => {
    if (head !== undefined) return head;
    let next = walk.next();
    // An iterator that reached the end stays there: start again from the front.
    if (next.done) next = (walk = entries.keys()).next();
    head = next.done ? undefined : next.value;
    return head;
  };
  const drop = (key: string): boolean => {
    if (key === head) head = undefined;
    return entries.delete(key);
  };

  return {
    get size() {
      return entries.size;
    },
    get(key, now) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt > now) return entry.value;
      drop(key);
      return undefined;
    },
    set(key, value, expiresAt) {
      drop(key);
      entries.set(key, { value, expiresAt });
    },
    delete: drop,
    values(now) {
      const live: V[] = [];
      for (const entry of entries.values()) if (entry.expiresAt > now) live.push(entry.value);
      return live;
    },
    trim(limit, now) {
      for (let key = oldest(); key !== undefined; key = oldest()) {
        if (entries.size <= limit && (entries.get(key) as Entry<V>).expiresAt > now) return;
        drop(key);
      }
    },
    reclaim(looks, now) {
      let earliest = Number.POSITIVE_INFINITY;
      for (let look = Math.min(looks, entries.size); look > 0; look -= 1) {
        const key = oldest() as string;
        const entry = entries.get(key) as Entry<V>;
        drop(key);
        if (entry.expiresAt <= now) return undefined;
        entries.set(key, entry);
        earliest = Math.min(earliest, entry.expiresAt);
      }
      return earliest === Number.POSITIVE_INFINITY ? undefined : earliest;
    },
  };
};
