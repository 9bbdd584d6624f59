import { describe, expect, it } from 'vitest';
import type { HeldLead, HeldLeadStore } from '../../../src/relay/stores/held-lead-store';

/** A store under test, its clock (what `receivedAt` should be now) and a way to move that clock on. */
export interface HeldLeadStoreFixture {
  store: HeldLeadStore;
  now: () => number;
  /** Moves the store's clock (or waits) by `ms`. */
  advance: (ms: number) => Promise<void>;
}

/** The retention every store of the contract is created with. */
export const CONTRACT_TTL_MS = 1_000;

/** A held lead received at `receivedAt`; `id` and `key` from `name`. */
export const heldLead = (name: string, receivedAt: number, email = `${name}@example.com`): HeldLead => ({
  id: `held:${name}`,
  key: `key-${name}`,
  receivedAt,
  lead: {
    botId: 'b',
    customerId: 'c',
    name: `Person ${name}`,
    email,
    tags: [],
    notes: [{ title: 'Contact us', description: 'Sent from /contact' }],
    attributes: [{ key: 'plan', value: 'pro' }],
  },
});

/**
 * The behaviour every {@link HeldLeadStore} shares. Memory and file stores run it under the node project; Redis
 * under the scale project. `createStore(ttlMs)` gives a fresh, empty store each time.
 */
export const describeHeldLeadStoreContract = (
  name: string,
  createStore: (ttlMs: number) => Promise<HeldLeadStoreFixture>,
) => {
  describe(`${name} (held-lead store contract)`, () => {
    it('keeps a new lead once: a second put with its id answers false and changes nothing', async () => {
      const { store, now } = await createStore(CONTRACT_TTL_MS);
      const lead = heldLead('a', now());
      expect(await store.put(lead)).toBe(true);
      expect(await store.put({ ...lead, key: 'other' })).toBe(false);
      expect(await store.get(lead.id)).toEqual(lead);
      expect(await store.get('held:unknown')).toBeUndefined();
    });

    it('creates an id exactly once when puts race', async () => {
      const { store, now } = await createStore(CONTRACT_TTL_MS);
      const lead = heldLead('race', now());
      const results = await Promise.all(Array.from({ length: 8 }, () => store.put(lead)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.list()).toHaveLength(1);
    });

    it('merges an update into the entry, and answers false for an unknown id', async () => {
      const { store, now } = await createStore(CONTRACT_TTL_MS);
      const lead = heldLead('a', now());
      await store.put(lead);
      const at = now();
      expect(await store.update(lead.id, { forwardAttempts: 1, nextForwardAt: at + 500 })).toBe(true);
      expect(await store.update(lead.id, { attached: { uuid: '7e88d192-9b20-4035-9b68-d4ac3d58a34f', at } })).toBe(
        true,
      );
      expect(await store.update(lead.id, { forwarded: { at } })).toBe(true);
      expect(await store.get(lead.id)).toEqual({
        ...lead,
        forwardAttempts: 1,
        nextForwardAt: at + 500,
        attached: { uuid: '7e88d192-9b20-4035-9b68-d4ac3d58a34f', at },
        forwarded: { at },
      });
      expect(await store.update('held:unknown', { forwarded: { at } })).toBe(false);
      expect(await store.get('held:unknown')).toBeUndefined();
    });

    it('lists every entry oldest first', async () => {
      const { store, now } = await createStore(CONTRACT_TTL_MS);
      const start = now();
      await store.put(heldLead('first', start - 20));
      await store.put(heldLead('second', start - 10));
      await store.put(heldLead('third', start));
      expect((await store.list()).map((lead) => lead.id)).toEqual(['held:first', 'held:second', 'held:third']);
    });

    it('hands out copies: changing one changes nothing kept', async () => {
      const { store, now } = await createStore(CONTRACT_TTL_MS);
      const lead = heldLead('a', now());
      await store.put(lead);
      lead.lead.name = 'changed after put';
      const got = await store.get(lead.id);
      expect(got?.lead.name).toBe('Person a');
      if (got) got.lead.name = 'changed after get';
      const [listed] = await store.list();
      expect(listed?.lead.name).toBe('Person a');
    });

    it('deletes entries for good and answers how many were kept', async () => {
      const { store, now } = await createStore(CONTRACT_TTL_MS);
      await store.put(heldLead('a', now()));
      await store.put(heldLead('b', now()));
      await store.put(heldLead('c', now()));
      expect(await store.delete(['held:a', 'held:c', 'held:unknown'])).toBe(2);
      expect(await store.get('held:a')).toBeUndefined();
      expect((await store.list()).map((lead) => lead.id)).toEqual(['held:b']);
      expect(await store.update('held:a', { forwarded: { at: now() } })).toBe(false);
      expect(await store.delete([])).toBe(0);
      expect(await store.delete(['held:a'])).toBe(0);
    });

    it('lets an entry expire ttlMs after it was received: not answered, not updated, its id free again', async () => {
      const { store, now, advance } = await createStore(CONTRACT_TTL_MS);
      const old = heldLead('old', now());
      await store.put(old);
      await advance(CONTRACT_TTL_MS / 2);
      const young = heldLead('young', now());
      await store.put(young);
      await advance(CONTRACT_TTL_MS / 2 + 100);
      expect(await store.get(old.id)).toBeUndefined();
      expect((await store.list()).map((lead) => lead.id)).toEqual([young.id]);
      expect(await store.update(old.id, { forwarded: { at: now() } })).toBe(false);
      const again = heldLead('old', now());
      expect(await store.put(again)).toBe(true);
      expect(await store.get(old.id)).toEqual(again);
    });
  });
};
