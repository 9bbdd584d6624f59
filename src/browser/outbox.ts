import type { LeadSnapshot } from '../shared/lead-snapshot';
import type { LeadDraft } from './lead-draft';

/** The sessionStorage key of the outbox. UUID discovery must skip it: it is full of idempotency keys. */
export const OUTBOX_KEY = 'flowmatix-leads:outbox';

const HOUR_MS = 3_600_000;
const TTL_MS = 24 * HOUR_MS;
const MAX_ENTRIES = 50;
const MAX_CHARS = 256 * 1024;

/**
 * A lead waiting for the relay's 2xx. `awaiting-confirm` ones wait for the page's confirm event first; `held` ones
 * were accepted by the relay without the visitor UUID (202) and wait for it, to be sent again with it.
 */
export interface OutboxEntry {
  key: string;
  /** The body to send: a snapshot, or a lead in the named-fields shape (an older companion's outbox). */
  draft: LeadSnapshot | LeadDraft;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: 'pending' | 'awaiting-confirm' | 'held';
}

/** Why an entry left the outbox without a 2xx. */
export type DropCode = 'expired' | 'evicted';

/** The outbox. Every call reads and writes storage synchronously, so two companions on a page see one list. */
export interface Outbox {
  /** Live entries, oldest first; expired ones are dropped on the way. */
  list(): OutboxEntry[];
  /** Appends an entry, dropping the oldest ones beyond the count and size caps. */
  add(entry: OutboxEntry): void;
  /** Changes an entry's fields, or removes it (`null`). */
  update(key: string, change: Partial<OutboxEntry> | null): void;
}

// Any other shape (another version, another script, a hand edit) is skipped, never trusted.
const isEntry = (e: OutboxEntry | null): e is OutboxEntry =>
  e?.draft instanceof Object && typeof e.key == 'string' && Number.isFinite(e.createdAt + e.attempts + e.nextAttemptAt);

/**
 * The outbox over sessionStorage (it survives the navigation a submit starts, and belongs to the tab).
 * Never throws: content it cannot read is ignored; on a quota error it drops the oldest entries and tries again;
 * storage that is missing or refuses a lone entry is replaced by memory until it accepts a write again.
 *
 * @example
 * const outbox = createOutbox(sessionStorage, Date.now, (entry, code) => console.warn(code, entry.key));
 */
export const createOutbox = (
  storage: Storage | undefined,
  now: () => number,
  onDrop: (entry: OutboxEntry, code: DropCode) => void,
): Outbox => {
  let memory: OutboxEntry[] | undefined;

  const edit = (change?: (list: OutboxEntry[]) => void): OutboxEntry[] => {
    const dropped: [OutboxEntry, DropCode][] = [];
    const drop = (code: DropCode) => dropped.push([list.shift()!, code]);
    let list: OutboxEntry[];
    try {
      // Anything but an array of entries (`{}`, `"x"`, `null`) fails `.filter` and counts as empty.
      list = (memory || JSON.parse(storage!.getItem(OUTBOX_KEY)!) || []).filter(isEntry);
    } catch {
      list = [];
    }
    // Times from storage are bounded (a clock set back, a hand edit): an entry never waits beyond the longest retry.
    list = list.filter(
      (e) =>
        ((e.nextAttemptAt = Math.min(e.nextAttemptAt, now() + HOUR_MS)), (e.createdAt = Math.min(e.createdAt, now()))) + TTL_MS > now() ||
        !dropped.push([e, 'expired']),
    );
    change?.(list);
    while (list.length > MAX_ENTRIES || (list[1] && JSON.stringify(list).length > MAX_CHARS)) drop('evicted');
    for (;;) {
      try {
        if (list[0]) storage!.setItem(OUTBOX_KEY, JSON.stringify(list));
        else storage!.removeItem(OUTBOX_KEY);
        memory = undefined;
        break;
      } catch (error) {
        if (!list[1] || !/quota/i.test((error as Error).name)) {
          memory = list;
          break;
        }
        drop('evicted');
      }
    }
    // Events go out after the write: a listener that captures another lead must find the outbox settled.
    for (const [entry, code] of dropped) onDrop(entry, code);
    return list;
  };

  return {
    list: () => edit(),
    add: (entry) => edit((list) => list.push(entry)),
    update: (key, change) =>
      edit((list) => {
        const i = list.findIndex((e) => e.key == key);
        if (i >= 0) change ? Object.assign(list[i]!, change) : list.splice(i, 1);
      }),
  };
};
