import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileHeldLeadStore, HELD_LEADS_FILE } from '../../../src/relay/stores/file-held-lead-store';
import { describeHeldLeadStoreContract, heldLead } from './held-lead-store-contract';

const DAY = 86_400_000;
const directories: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'flowmatix-held-'));
  directories.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

const fileOf = (dir: string): string => join(dir, HELD_LEADS_FILE);
const bytesOf = (dir: string): string => readFileSync(fileOf(dir), 'utf8');

/** A store on `dir` with its own clock, and the warnings it gave. */
const open = (dir: string, options: { ttlMs?: number; time?: { value: number } } = {}) => {
  const time = options.time ?? { value: Date.UTC(2026, 0, 1) };
  const warnings: string[] = [];
  const store = createFileHeldLeadStore({
    dir,
    ttlMs: options.ttlMs ?? 30 * DAY,
    now: () => time.value,
    onWarning: (message) => warnings.push(message),
  });
  return { store, time, warnings };
};

describeHeldLeadStoreContract('createFileHeldLeadStore', async (ttlMs) => {
  const { store, time } = open(freshDir(), { ttlMs });
  return {
    store,
    now: () => time.value,
    advance: (ms) => {
      time.value += ms;
      return Promise.resolve();
    },
  };
});

describe('createFileHeldLeadStore', () => {
  it('creates nothing until the first write, then the directory and a JSON-lines file for its owner', async () => {
    const dir = join(freshDir(), 'data', 'held');
    const { store, time } = open(dir);
    expect(await store.list()).toEqual([]);
    expect(await store.get('held:a')).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
    await store.put(heldLead('a', time.value));
    await store.close?.();
    const lines = bytesOf(dir).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { op: string }).op)).toEqual(['file', 'put']);
    expect(statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([HELD_LEADS_FILE]);
  });

  it('finds everything again when opened anew', async () => {
    const dir = freshDir();
    const first = open(dir);
    const lead = heldLead('a', first.time.value);
    await first.store.put(lead);
    await first.store.put(heldLead('b', first.time.value + 1));
    await first.store.update(lead.id, { forwarded: { at: first.time.value + 5 } });
    await first.store.close?.();

    const second = open(dir, { time: first.time });
    expect(await second.store.get(lead.id)).toEqual({ ...lead, forwarded: { at: first.time.value + 5 } });
    expect((await second.store.list()).map((entry) => entry.id)).toEqual(['held:a', 'held:b']);
    expect(await second.store.put(lead)).toBe(false);
  });

  it("sees another store's writes on the same directory (relay and CLI), and never loses either's", async () => {
    const dir = freshDir();
    const relay = open(dir);
    const cli = open(dir, { time: relay.time });
    await relay.store.put(heldLead('a', relay.time.value));
    expect(await cli.store.get('held:a')).toMatchObject({ key: 'key-a' });
    expect(await cli.store.update('held:a', { attached: { uuid: 'u', at: 1 } })).toBe(true);
    expect((await relay.store.get('held:a'))?.attached).toEqual({ uuid: 'u', at: 1 });

    // Both write at once: every put lands in the file, each id once.
    const puts = Array.from({ length: 40 }, (_, index) => [
      relay.store.put(heldLead(`r${index}`, relay.time.value + index)),
      cli.store.put(heldLead(`c${index}`, relay.time.value + index)),
      cli.store.put(heldLead(`r${index}`, relay.time.value + index)),
    ]).flat();
    const created = await Promise.all(puts);
    expect(created.filter(Boolean)).toHaveLength(80);
    expect(await relay.store.list()).toHaveLength(81);
    expect(await cli.store.list()).toHaveLength(81);

    expect(await cli.store.delete(['held:a'])).toBe(1);
    expect(await relay.store.get('held:a')).toBeUndefined();
    expect(await relay.store.put(heldLead('after', relay.time.value))).toBe(true);
    expect(await cli.store.get('held:after')).toBeDefined();
  });

  it('skips a corrupt line and a line cut short by a crash with a warning, keeping every other line', async () => {
    const dir = freshDir();
    const writer = open(dir);
    await writer.store.put(heldLead('a', writer.time.value));
    appendFileSync(fileOf(dir), 'not json at all\n{"op":"put","lead":{"id":1}}\n');
    await writer.store.put(heldLead('b', writer.time.value));
    // kill -9 in the middle of an append: half a line, no newline.
    appendFileSync(fileOf(dir), '{"op":"put","lead":{"id":"held:torn","key":"k","receivedAt":1,"lead":{"email":"to');

    const reader = open(dir, { time: writer.time });
    expect((await reader.store.list()).map((lead) => lead.id)).toEqual(['held:a', 'held:b']);
    expect(reader.warnings).toEqual([
      `${fileOf(dir)}: line 3 is not a held-lead record; skipped, the other lines are kept`,
      `${fileOf(dir)}: line 4 is not a held-lead record; skipped, the other lines are kept`,
    ]);
    expect(reader.warnings.join('\n')).not.toContain('example.com');

    // The next write starts on a line of its own: the torn one cannot swallow it.
    expect(await reader.store.put(heldLead('c', writer.time.value))).toBe(true);
    const again = open(dir, { time: writer.time });
    expect((await again.store.list()).map((lead) => lead.id)).toEqual(['held:a', 'held:b', 'held:c']);
    expect(again.warnings).toHaveLength(3);
  });

  it('erases expired entries from the bytes of the file, not just from answers', async () => {
    const dir = freshDir();
    const { store, time } = open(dir, { ttlMs: DAY });
    await store.put(heldLead('old', time.value, 'old.person@example.com'));
    time.value += DAY / 2;
    await store.put(heldLead('young', time.value, 'young.person@example.com'));
    time.value += DAY / 2 + 1;
    // Hidden at once…
    expect(await store.get('held:old')).toBeUndefined();
    // …and erased within the minute after.
    time.value += 60_000;
    expect((await store.list()).map((lead) => lead.id)).toEqual(['held:young']);
    expect(bytesOf(dir)).not.toContain('old.person@example.com');
    expect(bytesOf(dir)).toContain('young.person@example.com');
  });

  it('erases expired entries on the hot path too, in the background', async () => {
    const dir = freshDir();
    const { store, time } = open(dir, { ttlMs: DAY });
    await store.put(heldLead('old', time.value, 'old.person@example.com'));
    time.value += DAY + 60_000;
    expect(await store.get('held:old')).toBeUndefined();
    await store.close?.();
    expect(bytesOf(dir)).not.toContain('old.person@example.com');
  });

  it('removes the email of a deleted lead from the file at once, updates included', async () => {
    const dir = freshDir();
    const { store, time } = open(dir);
    await store.put(heldLead('ada', time.value, 'ada@example.com'));
    await store.put(heldLead('bob', time.value, 'bob@example.com'));
    await store.update('held:ada', { forwardAttempts: 1 });
    expect(await store.delete(['held:ada'])).toBe(1);
    await store.close?.();
    expect(bytesOf(dir)).not.toContain('ada@example.com');
    expect(bytesOf(dir)).not.toContain('held:ada');
    expect(bytesOf(dir)).toContain('bob@example.com');
    expect(readdirSync(dir)).toEqual([HELD_LEADS_FILE]);
  });

  it('compacts itself once superseded lines outnumber live entries', async () => {
    const dir = freshDir();
    const { store, time } = open(dir);
    await store.put(heldLead('a', time.value));
    for (let attempt = 1; attempt <= 10; attempt += 1) await store.update('held:a', { forwardAttempts: attempt });
    await store.close?.();
    const lines = bytesOf(dir).trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(3);
    expect((await store.get('held:a'))?.forwardAttempts).toBe(10);
  });

  it('keeps serving another store after a compaction replaced the file under it', async () => {
    const dir = freshDir();
    const one = open(dir);
    const two = open(dir, { time: one.time });
    for (const name of ['a', 'b', 'c']) await one.store.put(heldLead(name, one.time.value));
    expect(await two.store.list()).toHaveLength(3);
    for (let round = 0; round < 5; round += 1) {
      await one.store.delete([`held:x${round}`]);
      await one.store.put(heldLead(`n${round}`, one.time.value));
      await one.store.delete([`held:n${round}`]);
    }
    expect((await two.store.list()).map((lead) => lead.id)).toEqual(['held:a', 'held:b', 'held:c']);
    await two.store.put(heldLead('d', one.time.value));
    expect((await one.store.list()).map((lead) => lead.id)).toEqual(['held:a', 'held:b', 'held:c', 'held:d']);
  });

  it('takes over a lock left by a process that died holding it', async () => {
    const dir = freshDir();
    const { store, time } = open(dir);
    await store.put(heldLead('a', time.value));
    // A pid that is not running on this machine.
    writeFileSync(`${fileOf(dir)}.lock`, `2147483646 ${hostname()}\n`);
    expect(await store.put(heldLead('b', time.value))).toBe(true);
    await store.close?.();
    expect(existsSync(`${fileOf(dir)}.lock`)).toBe(false);
  });

  it('answers get from memory after one stat when nothing changed', async () => {
    const dir = freshDir();
    const { store, time } = open(dir);
    // Puts that arrive together share one append and one fsync.
    const puts = Array.from({ length: 2_000 }, (_, index) => store.put(heldLead(`p${index}`, time.value)));
    expect((await Promise.all(puts)).every(Boolean)).toBe(true);
    const started = performance.now();
    for (let index = 0; index < 2_000; index += 1) await store.get(`held:p${index}`);
    const perGetMs = (performance.now() - started) / 2_000;
    // A stat costs tens of microseconds; reading the ~500 KB file each time would cost milliseconds.
    expect(perGetMs).toBeLessThan(1);
  });
});
