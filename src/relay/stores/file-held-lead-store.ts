import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../../shared/sleep';
import { DEFAULT_HELD_TTL_MS, type HeldLead, type HeldLeadChange, type HeldLeadStore } from './held-lead-store';

/** Options of {@link createFileHeldLeadStore}. */
export interface FileHeldLeadStoreOptions {
  /** The data directory (`FLOWMATIX_DATA_DIR`), created on the first write if missing. */
  dir: string;
  /** How long an entry is kept after it was received. Default 30 days. */
  ttlMs?: number;
  /** The clock of the retention, in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Told about lines of the file that are skipped and about upkeep that failed. Default `console.warn`. */
  onWarning?: (message: string) => void;
}

/** The file's name in the data directory. */
export const HELD_LEADS_FILE = 'held-leads.jsonl';

const FILE_VERSION = 1;
// A lock older than this is left over from a process that died holding it: appends and compactions take
// milliseconds, a compaction of a month of leads well under a second.
const LOCK_STALE_MS = 5_000;
const LOCK_WAIT_MS = 8_000;
// Expired entries are erased in batches, each at most this long after it expired, not one rewrite per entry.
const EXPIRY_BATCH_MS = 60_000;
const HEADER_BYTES = 256;
const NEWLINE = 0x0a;

type FileRecord =
  | { op: 'file'; version: number; id: string }
  | { op: 'put'; lead: HeldLead }
  | { op: 'update'; id: string; change: HeldLeadChange };

type WriteOp =
  | { type: 'put'; lead: HeldLead }
  | { type: 'update'; id: string; change: HeldLeadChange }
  | { type: 'delete'; ids: readonly string[] }
  | { type: 'compact' };

interface Task {
  op: WriteOp;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
  settled?: boolean;
}

/** What this process has read of the file: which file (header id and inode), how far, as of which stat. */
interface Seen {
  fileId: string;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** Bytes read up to the end of the last complete line. */
  offset: number;
  lines: number;
}

type Changes =
  | { kind: 'unchanged' }
  | { kind: 'gone' }
  | { kind: 'read'; reload: boolean; text: string; consumed: number; stats: Stats; fileId?: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isHeldLead = (value: unknown): value is HeldLead =>
  isObject(value) &&
  typeof value.id === 'string' &&
  typeof value.key === 'string' &&
  typeof value.receivedAt === 'number' &&
  Number.isFinite(value.receivedAt) &&
  isObject(value.lead);

const parseRecord = (line: string): FileRecord | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (value.op === 'put' && isHeldLead(value.lead)) return value as FileRecord;
  if (value.op === 'update' && typeof value.id === 'string' && isObject(value.change)) return value as FileRecord;
  if (value.op === 'file' && typeof value.id === 'string' && typeof value.version === 'number') {
    return value as FileRecord;
  }
  return undefined;
};

const line = (record: FileRecord): string => `${JSON.stringify(record)}\n`;

const sameStats = (seen: Seen, stats: Stats): boolean =>
  seen.ino === stats.ino &&
  seen.size === stats.size &&
  seen.mtimeMs === stats.mtimeMs &&
  seen.ctimeMs === stats.ctimeMs;

const isCode = (error: unknown, ...codes: string[]): boolean =>
  codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');

const readAt = async (handle: FileHandle, start: number, end: number): Promise<Buffer> => {
  const buffer = Buffer.alloc(Math.max(0, end - start));
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
};

const headerIdOf = (text: string): string | undefined => {
  const record = parseRecord(text);
  return record?.op === 'file' ? record.id : undefined;
};

// A renamed file is durable once its directory is; some systems (Windows) cannot open a directory to sync it.
const syncDirectory = async (dir: string): Promise<void> => {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isCode(error, 'EISDIR', 'EPERM', 'EINVAL', 'EACCES')) throw error;
  } finally {
    await handle?.close();
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
};

/**
 * A lock left by a process that is gone: older than a few seconds, or taken by a process of this machine that no
 * longer runs (a relay killed mid-write). A pid is only trusted on the host that wrote it: containers that share
 * the directory have their own pids.
 */
const isStaleLock = async (path: string): Promise<boolean> => {
  try {
    const [stats, content] = await Promise.all([stat(path), readFile(path, 'utf8')]);
    if (Date.now() - stats.mtimeMs > LOCK_STALE_MS) return true;
    const [pid, host] = content.trim().split(' ');
    return host === hostname() && Number(pid) > 0 && !isAlive(Number(pid));
  } catch (error) {
    // Released meanwhile: not stale, just free.
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
};

/**
 * A {@link HeldLeadStore} in an append-only JSON-lines file, `held-leads.jsonl` in `dir`, for a relay on one
 * machine (`flowmatix-leads relay`, the Vite plugin) and the `flowmatix-leads held` commands beside it. Node only.
 *
 * - Durable: each change is appended and fsynced before its promise resolves (changes that arrive together share
 *   one write and one fsync), so a lead the relay answered 202 for survives a crash or `kill -9`.
 * - Shared: every process that opens the same directory sees the others' changes (each call costs one `stat`;
 *   new bytes are read, a replaced file is read again), and writers take turns through a lock file beside it.
 * - Repaired on reading: a line cut short by a crash, or any line that is not a record, is skipped with a warning;
 *   the other lines are kept.
 * - Compacted: the live entries are rewritten to a new file (fsynced, renamed over the old one, directory fsynced)
 *   when superseded lines outnumber them, right after a `delete` (so the person's data leaves the file at once),
 *   and within a minute of an entry's expiry (expired entries are erased from the file, not just hidden).
 *
 * Not for a relay that runs as several machines (use Redis), nor for edge runtimes (no file system).
 *
 * @example
 * const heldLeadStore = createFileHeldLeadStore({ dir: process.env.FLOWMATIX_DATA_DIR ?? '.flowmatix-leads' });
 * const relay = createRelay({ token, bots, heldLeadStore });
 */
export const createFileHeldLeadStore = (options: FileHeldLeadStoreOptions): HeldLeadStore => {
  const { dir, ttlMs = DEFAULT_HELD_TTL_MS, now = Date.now } = options;
  const warn = options.onWarning ?? ((message: string) => console.warn(`[flowmatix-leads] ${message}`));
  if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be a positive number of ms, got ${String(ttlMs)}`);
  const file = join(dir, HELD_LEADS_FILE);
  const lockFile = `${file}.lock`;

  // The entries as the file says, in file order, expired ones included until a compaction erases them.
  let index = new Map<string, HeldLead>();
  let records = 0;
  let oldest = Number.POSITIVE_INFINITY;
  let seen: Seen | undefined;
  // Bumped whenever the state is dropped: a read that started before must not apply what it read.
  let generation = 0;

  const isLive = (lead: HeldLead | undefined, at: number): lead is HeldLead =>
    lead !== undefined && lead.receivedAt + ttlMs > at;
  const expiryDue = (at: number): boolean => oldest + ttlMs + EXPIRY_BATCH_MS <= at;

  const reset = (): void => {
    index = new Map();
    records = 0;
    oldest = Number.POSITIVE_INFINITY;
    seen = undefined;
    generation += 1;
  };

  const readChanges = async (): Promise<Changes> => {
    const known = seen;
    let stats: Stats;
    try {
      stats = await stat(file);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return known ? { kind: 'gone' } : { kind: 'unchanged' };
      throw error;
    }
    if (known && sameStats(known, stats)) return { kind: 'unchanged' };
    const handle = await open(file, 'r');
    try {
      stats = await handle.stat();
      let reload = !known || stats.ino !== known.ino || stats.size < known.offset;
      // The same inode number can come back for a later file after a compaction: the header tells them apart.
      if (!reload && known) {
        const header = (await readAt(handle, 0, Math.min(HEADER_BYTES, stats.size))).toString('utf8');
        reload = (headerIdOf(header.slice(0, header.indexOf('\n') + 1 || undefined)) ?? '') !== known.fileId;
      }
      const start = reload ? 0 : (known?.offset ?? 0);
      const bytes = await readAt(handle, start, stats.size);
      const consumed = bytes.lastIndexOf(NEWLINE) + 1;
      return { kind: 'read', reload, text: bytes.subarray(0, consumed).toString('utf8'), consumed, stats };
    } finally {
      await handle.close();
    }
  };

  const apply = (changes: Changes): void => {
    if (changes.kind === 'unchanged') return;
    if (changes.kind === 'gone') {
      reset();
      return;
    }
    const { stats } = changes;
    if (changes.reload || !seen) reset();
    const base = changes.reload || !seen ? { fileId: '', offset: 0, lines: 0 } : seen;
    let { fileId, lines } = base;
    const texts = changes.text === '' ? [] : changes.text.slice(0, -1).split('\n');
    for (const text of texts) {
      lines += 1;
      if (text.trim() === '') continue;
      const record = parseRecord(text);
      if (record?.op === 'file' && lines === 1) {
        fileId = record.id;
        continue;
      }
      records += 1;
      if (record?.op === 'put') {
        if (!index.has(record.lead.id)) {
          index.set(record.lead.id, record.lead);
          oldest = Math.min(oldest, record.lead.receivedAt);
        }
      } else if (record?.op === 'update') {
        const lead = index.get(record.id);
        if (lead) Object.assign(lead, record.change);
      } else {
        // Never the line itself: it may hold a person's data.
        warn(`${file}: line ${lines} is not a held-lead record; skipped, the other lines are kept`);
      }
    }
    seen = {
      fileId,
      ino: stats.ino,
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
      offset: base.offset + changes.consumed,
      lines,
    };
  };

  const syncOnce = async (): Promise<void> => {
    for (;;) {
      const started = generation;
      const changes = await readChanges();
      if (started !== generation) continue;
      apply(changes);
      return;
    }
  };

  // Reads are coalesced: a caller waits for at most one read that started after it asked.
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const sync = (): Promise<void> => {
    if (!running) {
      running = syncOnce().finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return sync();
      });
    return queued;
  };

  let madeDir: Promise<unknown> | undefined;
  const makeDir = (): Promise<unknown> => {
    madeDir ??= mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      madeDir = undefined;
      throw error;
    });
    return madeDir;
  };

  const lock = async (): Promise<void> => {
    await makeDir();
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const handle = await open(lockFile, 'wx', 0o600);
        try {
          await handle.writeFile(`${process.pid} ${hostname()}\n`);
        } finally {
          await handle.close();
        }
        return;
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
      if (await isStaleLock(lockFile)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw new Error(`${lockFile} has been held by another process for over ${LOCK_WAIT_MS / 1000} s`);
      }
      await sleep(Math.min(2 ** attempt, 40) + Math.random() * 5);
    }
  };
  const unlock = (): Promise<void> => rm(lockFile, { force: true });

  /** Appends lines after what has been read (under the lock), fsyncs them, and reads them back in. */
  const append = async (lines: string[]): Promise<void> => {
    const handle = await open(file, 'a', 0o600);
    let created = false;
    try {
      const stats = await handle.stat();
      created = stats.size === 0;
      // A line a crashed writer left without its newline would swallow the first record written after it.
      const torn = !created && seen !== undefined && stats.ino === seen.ino && stats.size > seen.offset;
      const header = created ? line({ op: 'file', version: FILE_VERSION, id: randomBytes(8).toString('hex') }) : '';
      await handle.write(`${torn ? '\n' : ''}${header}${lines.join('')}`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (created) await syncDirectory(dir);
    await sync();
  };

  /** Rewrites the live entries, minus `erase`, to a new file that replaces the old one (under the lock). */
  const compact = async (at: number, erase: ReadonlySet<string> = new Set()): Promise<void> => {
    const live = [...index.values()].filter((lead) => isLive(lead, at) && !erase.has(lead.id));
    const temporary = join(dir, `${HELD_LEADS_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const content = [
      line({ op: 'file', version: FILE_VERSION, id: randomBytes(8).toString('hex') }),
      ...live.map((lead) => line({ op: 'put', lead })),
    ].join('');
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    reset();
    await syncDirectory(dir);
    // A compaction that crashed before its rename left its copy behind, with the data it was meant to erase.
    for (const name of await readdir(dir)) {
      if (name.startsWith(`${HELD_LEADS_FILE}.`) && name.endsWith('.tmp')) await rm(join(dir, name), { force: true });
    }
    await sync();
  };

  const settle = (task: Task, value: unknown): void => {
    task.settled = true;
    task.resolve(value as never);
  };

  /** Runs queued changes in order under one lock: puts and updates in one append, deletes by compaction. */
  const runBatch = async (batch: Task[]): Promise<void> => {
    const at = now();
    await lock();
    try {
      await sync();
      // A put whose id is kept but expired replaces it: the expired one must leave the file first.
      const putsExpired = batch.some(
        ({ op }) => op.type === 'put' && index.has(op.lead.id) && !isLive(index.get(op.lead.id), at),
      );
      if (putsExpired) await compact(at);

      let lines: string[] = [];
      let waiting: [Task, unknown][] = [];
      const staged = new Map<string, HeldLead>();
      const flush = async () => {
        if (lines.length > 0) await append(lines);
        for (const [task, value] of waiting) settle(task, value);
        lines = [];
        waiting = [];
        staged.clear();
      };
      for (const task of batch) {
        const { op } = task;
        if (op.type === 'put') {
          const current = staged.get(op.lead.id) ?? index.get(op.lead.id);
          const created = !isLive(current, at);
          if (created) {
            const lead = structuredClone(op.lead);
            staged.set(lead.id, lead);
            lines.push(line({ op: 'put', lead }));
          }
          waiting.push([task, created]);
        } else if (op.type === 'update') {
          const current = staged.get(op.id) ?? index.get(op.id);
          const found = isLive(current, at);
          if (found) {
            const change = structuredClone(op.change);
            staged.set(op.id, { ...structuredClone(current), ...change });
            lines.push(line({ op: 'update', id: op.id, change }));
          }
          waiting.push([task, found]);
        } else {
          await flush();
          if (op.type === 'delete') {
            const erase = new Set(op.ids.filter((id) => index.has(id)));
            const kept = [...erase].filter((id) => isLive(index.get(id), at)).length;
            if (erase.size > 0) await compact(at, erase);
            settle(task, kept);
          } else {
            if (expiryDue(at)) await compact(at);
            settle(task, undefined);
          }
        }
      }
      await flush();
      if (records > 2 * index.size || expiryDue(at)) {
        try {
          await compact(at);
        } catch (error) {
          warn(`${file}: compaction failed, retried after the next change: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      // What is in memory may no longer match the file: read it again from the start next time.
      reset();
      for (const task of batch) if (!task.settled) task.reject(error);
    } finally {
      await unlock();
    }
  };

  let queue: Task[] = [];
  let draining: Promise<void> = Promise.resolve();
  let isDraining = false;
  const drain = async (): Promise<void> => {
    isDraining = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        await runBatch(batch).catch((error: unknown) => {
          for (const task of batch) if (!task.settled) task.reject(error);
        });
      }
    } finally {
      isDraining = false;
    }
  };
  const submit = <T>(op: WriteOp): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ op, resolve: resolve as (value: never) => void, reject });
      if (!isDraining) draining = drain();
    });

  let compactionQueued = false;
  const eraseExpiredLater = (at: number): void => {
    if (compactionQueued || !expiryDue(at)) return;
    compactionQueued = true;
    submit<void>({ type: 'compact' })
      .catch((error: unknown) => warn(`${file}: cannot erase expired held leads: ${(error as Error).message}`))
      .finally(() => {
        compactionQueued = false;
      });
  };

  return {
    put(lead) {
      return submit<boolean>({ type: 'put', lead });
    },
    async get(id) {
      await sync();
      const at = now();
      eraseExpiredLater(at);
      const lead = index.get(id);
      return isLive(lead, at) ? structuredClone(lead) : undefined;
    },
    update(id, change) {
      return submit<boolean>({ type: 'update', id, change });
    },
    async list() {
      await sync();
      const at = now();
      if (expiryDue(at)) {
        await submit<void>({ type: 'compact' }).catch((error: unknown) =>
          warn(`${file}: cannot erase expired held leads: ${(error as Error).message}`),
        );
      }
      return [...index.values()]
        .filter((lead) => isLive(lead, at))
        .sort((a, b) => a.receivedAt - b.receivedAt)
        .map((lead) => structuredClone(lead));
    },
    delete(ids) {
      return submit<number>({ type: 'delete', ids: [...ids] });
    },
    async close() {
      await draining;
    },
  };
};
