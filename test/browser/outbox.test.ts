import { describe, expect, it } from 'vitest';
import { createOutbox, OUTBOX_KEY, type DropCode, type OutboxEntry } from '../../src/browser/outbox';
import { MemoryStorage } from './delivery-fakes';

const T0 = Date.parse('2026-03-01T10:00:00Z');

const entry = (key: string, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  key,
  draft: { email: `${key}@example.com` },
  createdAt: T0,
  attempts: 0,
  nextAttemptAt: 0,
  state: 'pending',
  ...extra,
});

const setup = (storage: Storage | undefined = new MemoryStorage(), now = () => T0) => {
  const drops: [string, DropCode][] = [];
  const outbox = createOutbox(storage, now, (dropped, code) => drops.push([dropped.key, code]));
  return { outbox, drops, storage };
};

const keys = (list: OutboxEntry[]) => list.map((e) => e.key);

describe('createOutbox', () => {
  it('stores entries in sessionStorage under its own key, oldest first', () => {
    const { outbox, storage } = setup();
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    expect(keys(JSON.parse(storage!.getItem(OUTBOX_KEY)!))).toEqual(['a', 'b']);
    expect(keys(outbox.list())).toEqual(['a', 'b']);
  });

  it('reads what another outbox on the same storage wrote (a reload, or a second copy of the script)', () => {
    const storage = new MemoryStorage();
    setup(storage).outbox.add(entry('a'));
    expect(keys(setup(storage).outbox.list())).toEqual(['a']);
  });

  it('updates and removes entries, and clears its key when empty', () => {
    const { outbox, storage } = setup();
    outbox.add(entry('a'));
    outbox.update('a', { attempts: 2, nextAttemptAt: T0 + 5 });
    expect(outbox.list()[0]).toMatchObject({ attempts: 2, nextAttemptAt: T0 + 5 });
    outbox.update('missing', null);
    outbox.update('a', null);
    expect(outbox.list()).toEqual([]);
    expect(storage!.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('drops entries older than 24 hours as expired', () => {
    let now = T0;
    const { outbox, drops } = setup(new MemoryStorage(), () => now);
    outbox.add(entry('old'));
    outbox.add(entry('new', { createdAt: T0 + 1_000 }));
    now = T0 + 24 * 3_600_000;
    expect(keys(outbox.list())).toEqual(['new']);
    expect(drops).toEqual([['old', 'expired']]);
  });

  it('ignores content it cannot read', () => {
    for (const junk of ['{oops', '"text"', '{"key":"a"}', '42', 'null']) {
      const storage = new MemoryStorage();
      storage.setItem(OUTBOX_KEY, junk);
      const { outbox, drops } = setup(storage);
      expect(outbox.list()).toEqual([]);
      outbox.add(entry('a'));
      expect(keys(outbox.list())).toEqual(['a']);
      expect(drops).toEqual([]);
    }
  });

  it('keeps at most 50 entries', () => {
    const { outbox, drops } = setup();
    for (let i = 0; i < 53; i++) outbox.add(entry(`k${i}`));
    expect(outbox.list()).toHaveLength(50);
    expect(drops).toEqual([
      ['k0', 'evicted'],
      ['k1', 'evicted'],
      ['k2', 'evicted'],
    ]);
  });

  it('keeps a lone entry even when it is larger than the size cap', () => {
    const { outbox } = setup();
    outbox.add(entry('huge', { draft: { name: 'x'.repeat(300 * 1024) } }));
    expect(keys(outbox.list())).toEqual(['huge']);
  });

  it('evicts the oldest on a quota error instead of throwing', () => {
    const { outbox, drops, storage } = setup(new MemoryStorage(400));
    for (const key of ['a', 'b', 'c', 'd']) outbox.add(entry(key));
    const kept = keys(JSON.parse(storage!.getItem(OUTBOX_KEY)!));
    expect(kept.length).toBeGreaterThan(1);
    expect(drops.length).toBeGreaterThan(0);
    expect([...drops.map(([key]) => key), ...kept]).toEqual(['a', 'b', 'c', 'd']);
    expect(drops.every(([, code]) => code === 'evicted')).toBe(true);
  });

  it('falls back to memory when storage refuses a lone entry, and back to storage when it accepts again', () => {
    const storage = new MemoryStorage(150);
    const { outbox, drops } = setup(storage);
    outbox.add(entry('a', { draft: { name: 'x'.repeat(200) } }));
    expect(keys(outbox.list())).toEqual(['a']);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    outbox.update('a', { draft: {} });
    expect(keys(JSON.parse(storage.getItem(OUTBOX_KEY)!))).toEqual(['a']);
    expect(drops).toEqual([]);
  });

  it('works in memory when there is no storage or it throws on every call', () => {
    const throwing = new Proxy(new MemoryStorage(), {
      get: () => () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    for (const storage of [undefined, throwing]) {
      const { outbox, drops } = setup(storage);
      outbox.add(entry('a'));
      outbox.add(entry('b'));
      outbox.update('a', null);
      expect(keys(outbox.list())).toEqual(['b']);
      expect(drops).toEqual([]);
    }
  });

  it('reports drops only after the write, so a listener sees a settled outbox', () => {
    const storage = new MemoryStorage();
    const seen: string[][] = [];
    const outbox = createOutbox(
      storage,
      () => T0,
      () => seen.push(keys(outbox.list())),
    );
    for (let i = 0; i < 51; i++) outbox.add(entry(`k${i}`));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(50);
    expect(seen[0]).not.toContain('k0');
  });
});

describe('createOutbox writes', () => {
  const counted = () => {
    const storage = new MemoryStorage();
    let writes = 0;
    const setItem = storage.setItem.bind(storage);
    const removeItem = storage.removeItem.bind(storage);
    storage.setItem = (key, value) => (writes++, setItem(key, value));
    storage.removeItem = (key) => (writes++, removeItem(key));
    return { storage, writes: () => writes };
  };

  it('never when it is only read', () => {
    const { storage, writes } = counted();
    const { outbox } = setup(storage);
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    const before = writes();
    for (let i = 0; i < 5; i++) outbox.list();
    expect(writes()).toBe(before);
  });

  it('once per change: an add, an update, a removal', () => {
    const { storage, writes } = counted();
    const { outbox } = setup(storage);
    outbox.add(entry('a'));
    expect(writes()).toBe(1);
    outbox.update('a', { attempts: 1 });
    expect(writes()).toBe(2);
    outbox.update('a', null);
    expect(writes()).toBe(3);
  });

  it('once to drop what expired, then no more', () => {
    let now = T0;
    const { storage, writes } = counted();
    const { outbox, drops } = setup(storage, () => now);
    outbox.add(entry('a'));
    now = T0 + 24 * 3_600_000;
    outbox.list();
    outbox.list();
    expect(writes()).toBe(2);
    expect(drops).toEqual([['a', 'expired']]);
  });
});
