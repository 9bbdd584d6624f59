import type { UpstreamLead } from '../../shared/lead';
import { sha256Hex } from '../core/sha256-hex';
import { createExpiringLru } from './expiring-lru';

/**
 * A lead the relay accepted without a chat UUID (the visitor never opened the chat), kept until it expires.
 * It may be attached to a chat later (the same lead came back with a UUID, or `held attach` pushed it) and
 * forwarded to the owner's `forwardUrl`; neither removes it before its retention ends.
 */
export interface HeldLead {
  /** The relay's id for it: derived from the bot and the idempotency key, so a repeat finds the same entry. */
  id: string;
  /** The idempotency key the browser sent (`held attach --key`), or the request id when it sent none. */
  key: string;
  /** When the relay first received it (ms since the epoch). */
  receivedAt: number;
  /** The body the relay would PUT upstream, all but the UUID: defaults, consent and dropped-field notes included. */
  lead: Omit<UpstreamLead, 'uuid'>;
  /** The chat it was delivered to, and when. */
  attached?: { uuid: string; at: number };
  /** When the forward URL answered 2xx. */
  forwarded?: { at: number };
  /** Forwarding attempts made so far, and when the next one is due (ms). */
  forwardAttempts?: number;
  nextForwardAt?: number;
}

/**
 * The id of a held lead: derived from its bot (`botId:customerId`) and idempotency key, so that a repeat of the lead,
 * and the same lead coming back later with a uuid, find the one entry. Hashed, so an id reveals neither.
 *
 * @example
 * heldLeadId('64f0a1:65b2c3', 'k-1'); // 'held:' + 64 hex digits
 */
export const heldLeadId = (bot: string, idempotencyKey: string): string =>
  `held:${sha256Hex(`${bot}\n${idempotencyKey}`)}`;

/** What may change on a kept lead. */
export type HeldLeadChange = Partial<Pick<HeldLead, 'attached' | 'forwarded' | 'forwardAttempts' | 'nextForwardAt'>>;

/**
 * Where the relay keeps leads it holds. Implementations: in memory (this file), an append-only file
 * (`createFileHeldLeadStore`, Node) and Redis (`createRedisHeldLeadStore`). A store deletes an entry once
 * `receivedAt + ttlMs` has passed: expired entries are never answered and are removed from its medium, not hidden.
 * Every promise resolves once the change is durable in that medium; a store that cannot read or write rejects.
 *
 * @example
 * const created = await store.put({ id, key, receivedAt: Date.now(), lead });
 * await store.update(id, { attached: { uuid, at: Date.now() } });
 */
export interface HeldLeadStore {
  /** Keeps `lead` unless an entry with its id is kept already. Answers whether it was new. */
  put(lead: HeldLead): Promise<boolean>;
  /** The entry with this id, if it is kept and not expired. */
  get(id: string): Promise<HeldLead | undefined>;
  /** Merges `change` into the entry. Answers `false` when there is no such entry. */
  update(id: string, change: HeldLeadChange): Promise<boolean>;
  /** Every entry kept, oldest first. */
  list(): Promise<HeldLead[]>;
  /** Deletes these entries for good. Answers how many were kept. */
  delete(ids: readonly string[]): Promise<number>;
  /** Releases what the store holds open (files, connections). */
  close?(): Promise<void>;
}

/** Options of {@link createMemoryHeldLeadStore}. */
export interface MemoryHeldLeadStoreOptions {
  /** How long an entry is kept after it was received. Default 30 days. */
  ttlMs?: number;
  /** Entries kept at most; the oldest go first. Default 10,000. */
  maxEntries?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** The default retention of held leads: 30 days. */
export const DEFAULT_HELD_TTL_MS = 30 * 24 * 3_600_000;

/**
 * A {@link HeldLeadStore} in this process's memory: lost on restart, not shared between processes. For tests and
 * edge runtimes, where a forward URL should receive held leads instead.
 *
 * @example
 * const relay = createRelay({ token, bots, heldLeadStore: createMemoryHeldLeadStore({ ttlMs: 86_400_000 }) });
 */
export const createMemoryHeldLeadStore = (options: MemoryHeldLeadStoreOptions = {}): HeldLeadStore => {
  const { ttlMs = DEFAULT_HELD_TTL_MS, maxEntries = 10_000, now = Date.now } = options;
  if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be a positive number of ms, got ${String(ttlMs)}`);
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${String(maxEntries)}`);
  }
  // In the order received, which is the order they expire in.
  const entries = createExpiringLru<HeldLead>();
  const copy = (lead: HeldLead): HeldLead => structuredClone(lead);
  /** The time now, after dropping what expired and what is beyond `maxEntries`. */
  const sweep = (): number => {
    const time = now();
    entries.trim(maxEntries, time);
    return time;
  };

  return {
    put(lead) {
      const time = sweep();
      if (entries.get(lead.id, time)) return Promise.resolve(false);
      entries.set(lead.id, copy(lead), lead.receivedAt + ttlMs);
      sweep();
      return Promise.resolve(true);
    },
    get(id) {
      const lead = entries.get(id, sweep());
      return Promise.resolve(lead && copy(lead));
    },
    update(id, change) {
      const lead = entries.get(id, sweep());
      if (lead) Object.assign(lead, structuredClone(change));
      return Promise.resolve(lead !== undefined);
    },
    list() {
      return Promise.resolve(entries.values(sweep()).map(copy));
    },
    delete(ids) {
      const time = sweep();
      let deleted = 0;
      for (const id of ids) if (entries.get(id, time) && entries.delete(id)) deleted++;
      return Promise.resolve(deleted);
    },
  };
};
