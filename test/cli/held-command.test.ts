import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFileHeldLeadStore, HELD_LEADS_FILE } from '../../src/relay/stores/file-held-lead-store';
import type { HeldLead } from '../../src/relay/stores/held-lead-store';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import { runCli } from './cli-harness';

const TOKEN = 'held-test-token-3c9d';
const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
const RECEIVED = Date.UTC(2026, 4, 1, 10, 0);
const ONE_LINE = /^flowmatix-leads: [^\n]+\n$/;

const lead = (key: string, email: string, receivedAt = RECEIVED): HeldLead => ({
  id: `held:${key}`,
  key,
  receivedAt,
  lead: {
    botId: 'b',
    customerId: 'c',
    name: 'Ada Lovelace',
    email,
    phone: '9876543210',
    dialCode: '+91',
    tags: ['web'],
    notes: [{ title: 'Contact us', description: 'Sent from /contact, "urgent"' }],
    attributes: [{ key: 'plan', value: 'pro' }],
  },
});

describe('flowmatix-leads held', () => {
  let dir: string;
  let env: Record<string, string>;
  let running: RunningSandbox;
  const held = (...argv: string[]) => runCli(['held', ...argv], { env });
  // The relay's clock: far enough in the future that the 30-day retention keeps the seeded leads.
  const seed = async (...leads: HeldLead[]) => {
    const store = createFileHeldLeadStore({ dir, now: () => RECEIVED });
    for (const entry of leads) await store.put(entry);
    await store.close?.();
  };

  beforeAll(async () => {
    running = await startSandbox({ port: 0, token: TOKEN });
  });
  afterAll(() => running.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowmatix-held-cli-'));
    env = { FLOWMATIX_DATA_DIR: dir, FLOWMATIX_HELD_TTL_DAYS: '3650' };
    running.sandbox.reset();
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('lists held leads as a table, oldest first', async () => {
    await seed(lead('k-1', 'ada@example.com'), lead('k-2', 'bob@example.com', RECEIVED + 60_000));
    const result = await held('list');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'KEY  RECEIVED (UTC)    NAME          EMAIL            PHONE           STATUS  CHAT UUID',
      'k-1  2026-05-01 10:00  Ada Lovelace  ada@example.com  +91 9876543210  held',
      'k-2  2026-05-01 10:01  Ada Lovelace  bob@example.com  +91 9876543210  held',
      '',
    ]);
  });

  it('says on stderr where it looked when there are none, and creates nothing there', async () => {
    const result = await held('list');
    expect(result).toEqual({ code: 0, stdout: '', stderr: `No held leads in ${join(dir, HELD_LEADS_FILE)}.\n` });
    expect(await held('list', '--format', 'json')).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('lists the records as JSON, and as CSV, from --since on', async () => {
    await seed(lead('k-1', 'ada@example.com'), lead('k-2', 'bob@example.com', RECEIVED + 86_400_000));
    const json = await held('list', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual([
      lead('k-1', 'ada@example.com'),
      lead('k-2', 'bob@example.com', RECEIVED + 86_400_000),
    ]);
    const csv = await held('list', '--format', 'csv', '--since', '2026-05-02');
    expect(csv.stdout).toBe(
      'key,received_at,bot_id,customer_id,name,email,dial_code,phone,status,chat_uuid\r\n' +
        "k-2,2026-05-02T10:00:00.000Z,b,c,Ada Lovelace,bob@example.com,'+91,9876543210,held,\r\n",
    );
    const later = await held('list', '--since', '2026-05-01T10:00:01Z', '--format', 'json');
    expect(JSON.parse(later.stdout)).toHaveLength(1);
  });

  it('exports every field as JSON by default, or as CSV', async () => {
    await seed(lead('k-1', 'ada@example.com'));
    expect(JSON.parse((await held('export')).stdout)).toEqual([lead('k-1', 'ada@example.com')]);
    const csv = (await held('export', '--format', 'csv')).stdout;
    expect(csv.split('\r\n')[0]).toBe(
      'key,received_at,bot_id,customer_id,name,email,dial_code,phone,status,chat_uuid,' +
        'attached_at,forwarded_at,tags,notes,attributes,id',
    );
    expect(csv).toContain(',web,"Contact us: Sent from /contact, ""urgent""",plan=pro,held:k-1\r\n');
  });

  it('attaches a held lead to a chat upstream, marks it, and refuses a second time', async () => {
    await seed(lead('k-1', 'ada@example.com'));
    const attachEnv = { ...env, FLOWMATIX_API_URL: running.url, FLOWMATIX_TOKEN: TOKEN };
    const first = await runCli(['held', 'attach', '--key', 'k-1', '--uuid', UUID], { env: attachEnv });
    expect(first).toEqual({
      code: 0,
      stdout: `Attached held lead k-1 to chat ${UUID} (bot b, customer c) at ${running.url}\n`,
      stderr: '',
    });
    const [chat] = running.sandbox.chats();
    expect(chat?.uuid).toBe(UUID);
    expect(chat?.profile?.userDetails).toMatchObject({ name: 'Ada Lovelace', contact: { email: 'ada@example.com' } });

    const listed = JSON.parse((await held('list', '--format', 'json')).stdout) as HeldLead[];
    expect(listed[0]?.attached).toEqual({ uuid: UUID, at: expect.any(Number) as number });
    expect((await held('list')).stdout).toContain(`attached  ${UUID}`);

    const again = await runCli(['held', 'attach', '--key', 'k-1', '--uuid', UUID], { env: attachEnv });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(ONE_LINE);
    expect(again.stderr).toContain(`the held lead "k-1" is already attached to chat ${UUID} `);
    expect(running.sandbox.chats()).toHaveLength(1);
  });

  it('says so when the key is unknown, and sends nothing', async () => {
    const attachEnv = { ...env, FLOWMATIX_API_URL: running.url, FLOWMATIX_TOKEN: TOKEN };
    const result = await runCli(['held', 'attach', '--key', 'nope', '--uuid', UUID], { env: attachEnv });
    expect(result.code).toBe(1);
    const where = join(dir, HELD_LEADS_FILE);
    expect(result.stderr).toBe(
      `flowmatix-leads: no held lead has the key "nope" in ${where} (see flowmatix-leads held list)\n`,
    );
    expect(running.sandbox.chats()).toHaveLength(0);
  });

  it('keeps the lead held when the upstream refuses it', async () => {
    await seed(lead('k-1', 'ada@example.com'));
    const result = await runCli(['held', 'attach', '--key', 'k-1', '--uuid', UUID], {
      env: { ...env, FLOWMATIX_API_URL: running.url, FLOWMATIX_TOKEN: 'wrong-token' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(ONE_LINE);
    const [kept] = JSON.parse((await held('list', '--format', 'json')).stdout) as HeldLead[];
    expect(kept?.attached).toBeUndefined();
  });

  it('erases every held lead of an email, whatever its case, from the file itself', async () => {
    await seed(lead('k-1', 'Ada@Example.com'), lead('k-2', 'bob@example.com'), lead('k-3', 'ada@example.COM'));
    expect(await held('delete', '--email', 'ADA@example.com')).toEqual({
      code: 0,
      stdout: `Deleted 2 held leads with email ADA@example.com from ${join(dir, HELD_LEADS_FILE)}\n`,
      stderr: '',
    });
    const bytes = readFileSync(join(dir, HELD_LEADS_FILE), 'utf8').toLowerCase();
    expect(bytes).not.toContain('ada@example.com');
    expect(bytes).toContain('bob@example.com');
    expect((await held('delete', '--email', 'ada@example.com')).stdout).toMatch(/^Deleted 0 held leads with email/);
  });

  it.each([
    [[], /held needs a command first: list, export, attach, delete/],
    [['lsit'], /unknown held command "lsit"/],
    [['list', '--format', 'xml'], /--format is "table" or "json" or "csv", not "xml"/],
    [['export', '--format', 'table'], /--format is "json" or "csv", not "table"/],
    [['list', '--since', '2026-02-31'], /--since is a day such as 2026-05-01/],
    [['list', '--since', 'yesterday'], /--since is a day/],
    [['list', '--email', 'x'], /unknown option --email/],
    [['attach', '--uuid', UUID], /--key is required/],
    [['attach', '--key', 'k'], /--uuid is required/],
    [['attach', '--key', 'k', '--uuid', 'not-a-uuid'], /--uuid is a UUID/],
    [['delete'], /--email is required/],
    [['delete', 'ada@example.com'], /unexpected argument "ada@example.com"/],
  ])('held %j: one line, exit 2', async (argv, message) => {
    const result = await held(...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(message);
  });

  it('refuses a retention that is not a number of days', async () => {
    const result = await runCli(['held', 'list'], { env: { ...env, FLOWMATIX_HELD_TTL_DAYS: 'a month' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'flowmatix-leads: FLOWMATIX_HELD_TTL_DAYS: expected a number of days above 0, got "a month"\n',
    );
  });

  it('prints its help with every command', async () => {
    const result = await held('list', '--help');
    expect(result.code).toBe(0);
    for (const command of ['held list', 'held export', 'held attach', 'held delete']) {
      expect(result.stdout).toContain(command);
    }
  });
});
