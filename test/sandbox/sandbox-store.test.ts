import { describe, expect, it } from 'vitest';
import { createMemoryStore, type SandboxRecord } from '../../src/sandbox/sandbox-store';

const record = (botId: string, uuid: string, name?: string): SandboxRecord => ({
  botId,
  customerId: 'c',
  chat: { uuid, ...(name && { profile: { userDetails: { name } } }) },
});

describe('createMemoryStore', () => {
  it('replaces a record with the same bot, customer and uuid, keeping its place', () => {
    const store = createMemoryStore([record('b', 'u1'), record('b', 'u2')]);
    store.save(record('b', 'u1', 'Ada'));
    expect(store.list().map((saved) => saved.chat.uuid)).toEqual(['u1', 'u2']);
    expect(store.get('b', 'c', 'u1')?.chat.profile?.userDetails?.name).toBe('Ada');
  });

  it('keeps the same uuid under two bots as two records', () => {
    const store = createMemoryStore();
    store.save(record('b1', 'u'));
    store.save(record('b2', 'u'));
    expect(store.list()).toHaveLength(2);
    expect(store.get('b3', 'c', 'u')).toBeUndefined();
  });

  it('clear() empties it', () => {
    const store = createMemoryStore([record('b', 'u')]);
    store.clear();
    expect(store.list()).toEqual([]);
  });
});
