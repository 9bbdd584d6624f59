import type { LeadInput } from '../shared/lead';
import type { LeadSnapshot } from '../shared/lead-snapshot';

/** The sessionStorage key of the outbox. UUID discovery must skip it: it is full of idempotency keys. */
export const OUTBOX_KEY = 'flowmatix-leads:outbox';

const HOUR_MS = 3_600_000;
const TTL_MS = 24 * HOUR_MS;
const MAX_ENTRIES = 50;
const MAX_CHARS = 256 * 1024;

/**
 * A lead as the companion captures it: identity may still be missing (the widget creates the visitor UUID only
 * when the bot is opened, and its tag may load after us), so delivery completes it before sending.
 */
export type LeadDraft = Omit<LeadInput, 'uuid' | 'botId' | 'customerId'> &
  Partial<Pick<LeadInput, 'uuid' | 'botId' | 'customerId'>>;

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

/** The outbox. Every call reads storage synchronously, so two companions on a page see one list. */
export interface Outbox {
  /** Live entries, oldest first. Writes only to drop entries that expired, or to bound times read from storage. */
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
 * The outbox over sessionStorage (it survives the navigation a submit starts, and belongs to the tab). Reading
 * never writes; each change is one write. Never throws: content it cannot read is ignored; on a quota error it
 * drops the oldest entries and tries again; storage that is missing or refuses a lone entry is replaced by memory
 * until it accepts a write again.
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

  // Live entries, the expired ones, and whether a time had to be bounded (a clock set back, a hand edit: an entry
  // never waits beyond the longest retry). Bounded times are written back once, or they would move with the clock.
  const read = (): [OutboxEntry[], OutboxEntry[], boolean] => {
    let list: OutboxEntry[];
    try {
      // Anything but an array of entries (`{}`, `"x"`, `null`) fails `.filter` and counts as empty.
      list = (memory || JSON.parse(storage!.getItem(OUTBOX_KEY)!) || []).filter(isEntry);
    } catch {
      list = [];
    }
    const expired: OutboxEntry[] = [];
    let bounded = false;
    const live = list.filter((e) => {
      const { createdAt, nextAttemptAt } = e;
      e.nextAttemptAt = Math.min(nextAttemptAt, now() + HOUR_MS);
      e.createdAt = Math.min(createdAt, now());
      bounded ||= e.createdAt != createdAt || e.nextAttemptAt != nextAttemptAt;
      return e.createdAt + TTL_MS > now() || !expired.push(e);
    });
    return [live, expired, bounded];
  };

  // Writes the list once, evicting the oldest beyond the caps or on a quota error; then reports the drops, so that
  // a listener that captures another lead finds the outbox settled.
  const write = (list: OutboxEntry[], expired: OutboxEntry[]) => {
    const evicted: OutboxEntry[] = [];
    while (list.length > MAX_ENTRIES || (list[1] && JSON.stringify(list).length > MAX_CHARS))
      evicted.push(list.shift()!);
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
        evicted.push(list.shift()!);
      }
    }
    for (const entry of expired) onDrop(entry, 'expired');
    for (const entry of evicted) onDrop(entry, 'evicted');
  };

  const edit = (change: (list: OutboxEntry[]) => void) => {
    const [list, expired] = read();
    change(list);
    write(list, expired);
  };

  return {
    list() {
      const [list, expired, bounded] = read();
      if (expired[0] || bounded) write(list, expired);
      return list;
    },
    add: (entry) => edit((list) => list.push(entry)),
    update: (key, change) =>
      edit((list) => {
        const i = list.findIndex((e) => e.key == key);
        if (i >= 0) change ? Object.assign(list[i]!, change) : list.splice(i, 1);
      }),
  };
};
