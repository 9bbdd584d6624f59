import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat } from '../../src/shared/chat';
import { createFlowmatixClient } from '../../src/flowmatix/create-flowmatix-client';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import { runCli } from './cli-harness';

const TOKEN = 'list-test-token-3b9e';
const uuidAt = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

describe('flowmatix-leads list', () => {
  let running: RunningSandbox;
  let env: Record<string, string>;

  beforeAll(async () => {
    let second = 0;
    running = await startSandbox({
      port: 0,
      token: TOKEN,
      pageSize: 2,
      now: () => new Date(Date.UTC(2024, 4, 1, 10, 0, (second += 1))),
    });
    env = {
      FLOWMATIX_API_URL: running.url,
      FLOWMATIX_TOKEN: TOKEN,
      FLOWMATIX_BOT_ID: 'b',
      FLOWMATIX_CUSTOMER_ID: 'c',
    };
    const client = createFlowmatixClient({ token: TOKEN, apiUrl: running.url });
    const base = { botId: 'b', customerId: 'c' };
    await client.updateLead({ ...base, uuid: uuidAt(1), name: 'Ada', email: 'ada@example.com', tags: ['web', 'vip'] });
    const formula = '=HYPERLINK("http://evil")';
    await client.updateLead({ ...base, uuid: uuidAt(2), name: formula, phone: '9876543210', dialCode: '+91' });
    await client.updateLead({ ...base, uuid: uuidAt(3), email: 'grace@example.com' });
    await client.updateLead({ ...base, uuid: uuidAt(4), tags: ['visitor'] });
  });
  afterAll(() => running.close());

  it('prints page 1 of the leads as JSON, in the API shape, most recent first', async () => {
    const result = await runCli(['list', '--format', 'json'], { env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const chats = JSON.parse(result.stdout) as Chat[];
    expect(chats.map((chat) => chat.uuid)).toEqual([uuidAt(3), uuidAt(2)]);
    expect(chats[1]?.profile?.userDetails?.contact?.phone).toEqual({ number: '9876543210', prefix: '91' });
  });

  it('prints another page with --page and every page with --all', async () => {
    const page2 = JSON.parse((await runCli(['list', '--page', '2', '--format', 'json'], { env })).stdout) as Chat[];
    expect(page2.map((chat) => chat.uuid)).toEqual([uuidAt(1)]);
    const all = JSON.parse((await runCli(['list', '--all', '--format', 'json'], { env })).stdout) as Chat[];
    expect(all.map((chat) => chat.uuid)).toEqual([uuidAt(3), uuidAt(2), uuidAt(1)]);
  });

  it('lists the chats without contact details with --type non-lead', async () => {
    const result = await runCli(['list', '--type', 'non-lead', '--format', 'json'], { env });
    expect((JSON.parse(result.stdout) as Chat[]).map((chat) => chat.uuid)).toEqual([uuidAt(4)]);
  });

  it('prints a table with aligned columns by default', async () => {
    const result = await runCli(['list', '--all'], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^UUID {34}NAME {2,}EMAIL {2,}PHONE {2,}TAGS {2,}UPDATED \(UTC\)$/);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('+91 9876543210');
    expect(lines[3]).toMatch(/Ada +ada@example\.com +web, vip +2024-05-01 10:00$/);
    const column = (line: string | undefined, text: string) => line?.indexOf(text);
    expect(column(lines[3], 'ada@example.com')).toBe(column(lines[0], 'EMAIL'));
  });

  it('prints CSV with a header, CRLF and defused formulas', async () => {
    const result = await runCli(['list', '--all', '--format', 'csv'], { env });
    const records = result.stdout.split('\r\n');
    expect(records[0]).toBe('uuid,name,email,phone_prefix,phone_number,tags,status,created_at,updated_at');
    expect(records[2]).toMatch(new RegExp(`^${uuidAt(2)},"'=HYPERLINK\\(""http://evil""\\)",,91,9876543210,,OPEN,`));
    expect(records[3]).toMatch(new RegExp(`^${uuidAt(1)},Ada,ada@example.com,,,"web, vip",OPEN,`));
    expect(records.at(-1)).toBe('');
  });

  it('shows progress on stderr with --all only when stderr is a terminal', async () => {
    const tty = await runCli(['list', '--all', '--format', 'json'], { env, tty: true });
    expect(tty.stderr).toContain('\rReading page 2… 3 chats');
    expect(tty.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(JSON.parse(tty.stdout)).toHaveLength(3);
    expect((await runCli(['list', '--all', '--format', 'json'], { env, tty: false })).stderr).toBe('');
  });

  it('says so on stderr when a page is empty', async () => {
    const result = await runCli(['list', '--page', '9'], { env });
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'No lead chats on page 9.\n' });
    expect((await runCli(['list', '--page', '9', '--format', 'json'], { env })).stdout).toBe('[]\n');
  });

  it('takes the bot and customer from flags over the environment', async () => {
    const result = await runCli(['list', '--bot-id', 'other', '--customer-id', 'c', '--format', 'json'], { env });
    expect(result.stdout).toBe('[]\n');
  });

  it.each([
    [['--type', 'leads'], '--type is "lead" or "non-lead", not "leads"'],
    [['--format', 'xml'], '--format is "table" or "json" or "csv", not "xml"'],
    [['--page', '0'], '--page is a whole number from 1, not "0"'],
    [['--page', 'two'], '--page is a whole number from 1, not "two"'],
    [['--page', '2', '--all'], 'use --page or --all, not both'],
    [['--colour'], 'unknown option --colour'],
  ])('refuses %j with exit 2', async (argv, message) => {
    const result = await runCli(['list', ...argv], { env });
    const stderr = `flowmatix-leads: ${message} (see flowmatix-leads list --help)\n`;
    expect(result).toEqual({ code: 2, stdout: '', stderr });
  });

  it('exits 1 naming the missing variable', async () => {
    const { FLOWMATIX_TOKEN: _token, ...withoutToken } = env;
    const noToken = await runCli(['list'], { env: withoutToken });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^flowmatix-leads: FLOWMATIX_TOKEN is not set/);
    const { FLOWMATIX_BOT_ID: _bot, ...withoutBot } = env;
    expect(await runCli(['list'], { env: withoutBot })).toMatchObject({
      code: 1,
      stderr: 'flowmatix-leads: FLOWMATIX_BOT_ID is not set (or pass --bot-id)\n',
    });
  });

  it('exits 1 with one line when the API refuses the token, without printing it', async () => {
    const wrong = 'wrong-token-71c2';
    const result = await runCli(['list'], { env: { ...env, FLOWMATIX_TOKEN: wrong } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^flowmatix-leads: GET http:\/\/127\.0\.0\.1:\d+\/inbox\/direct\/chats answered 401/);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).not.toContain(wrong);
  });
});
