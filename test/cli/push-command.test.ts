import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import { runCli } from './cli-harness';

const TOKEN = 'push-test-token-8a1f';
const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';

describe('flowmatix-leads push', () => {
  let running: RunningSandbox;
  let env: Record<string, string>;
  const push = (...argv: string[]) => runCli(['push', '--uuid', UUID, ...argv], { env });
  const details = () => running.sandbox.chats()[0]?.profile?.userDetails;

  beforeAll(async () => {
    running = await startSandbox({ port: 0, token: TOKEN });
    env = {
      FLOWMATIX_API_URL: running.url,
      FLOWMATIX_TOKEN: TOKEN,
      FLOWMATIX_BOT_ID: 'b',
      FLOWMATIX_CUSTOMER_ID: 'c',
    };
  });
  afterAll(() => running.close());
  beforeEach(() => running.sandbox.reset());

  it('sends name, email and a phone split into number and dial code', async () => {
    const result = await push(
      ...['--name', '  Ada   Lovelace ', '--email', 'Ada@Example.COM', '--phone', '+91 98765 43210'],
    );
    expect(result).toEqual({
      code: 0,
      stdout: `Updated chat ${UUID} (bot b, customer c) at ${running.url}\n`,
      stderr: '',
    });
    expect(details()).toMatchObject({
      name: 'Ada Lovelace',
      contact: { email: 'Ada@example.com', phone: { number: '9876543210', prefix: '91' } },
    });
  });

  it('shows the API URL without its credentials or query', async () => {
    const { port } = new URL(running.url);
    const withSecrets = { ...env, FLOWMATIX_API_URL: `http://user:pw@127.0.0.1:${port}/?t=secret` };
    const result = await runCli(['push', '--uuid', UUID, '--name', 'Ada'], { env: withSecrets });
    expect(result).toEqual({
      code: 0,
      stdout: `Updated chat ${UUID} (bot b, customer c) at http://127.0.0.1:${port}\n`,
      stderr: '',
    });
  });

  it('applies --dial-code to a phone without one', async () => {
    await push('--phone', '(415) 555-0132', '--dial-code', '1');
    expect(details()?.contact?.phone).toEqual({ number: '4155550132', prefix: '1' });
  });

  it('sends a phone without dial code as it is, with a note on stderr', async () => {
    const result = await push('--phone', '98765 43210');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Note: the phone has no dial code; give it a +CC prefix or pass --dial-code.\n');
    expect(details()?.contact?.phone).toEqual({ number: '9876543210' });
  });

  it('sends repeated tags, notes and attributes', async () => {
    await push(
      '--tag',
      'web',
      '--tag',
      'vip',
      '--note',
      'Called: left a voicemail',
      '--note',
      'Prefers email',
      '--attribute',
      'plan=pro',
      '--attribute',
      'formula=a=b',
    );
    const chat = running.sandbox.chats()[0];
    expect(chat?.profile?.userDetails?.tags).toEqual(['web', 'vip']);
    expect(chat?.profile?.notes?.map(({ title, description }) => ({ title, description }))).toEqual([
      { title: 'Called', description: 'left a voicemail' },
      { title: 'Note', description: 'Prefers email' },
    ]);
    expect(chat?.profile?.userDetails?.attributes).toEqual([
      { key: 'plan', value: 'pro' },
      { key: 'formula', value: 'a=b' },
    ]);
  });

  it('updates the same chat on a second push', async () => {
    await push('--name', 'Ada', '--tag', 'web');
    await push('--email', 'ada@example.com', '--tag', 'vip');
    expect(running.sandbox.chats()).toHaveLength(1);
    expect(details()).toMatchObject({ name: 'Ada', tags: ['web', 'vip'], contact: { email: 'ada@example.com' } });
  });

  it.each([
    [[], '--uuid is required: the UUID of the visitor whose chat to update'],
    [['--uuid', 'abc'], '--uuid is a UUID (8-4-4-4-12 hex digits), not "abc"'],
    [['--uuid', UUID, '--dial-code', '+999'], '--dial-code is + and a country calling code such as +91, not "+999"'],
    [['--uuid', UUID, '--phone', 'call me'], '--phone "call me" is not a phone number'],
    [['--uuid', UUID, '--attribute', 'plan'], '--attribute is KEY=VALUE, not "plan"'],
    [['--uuid', UUID, '--email', 'nope'], '--email: must be an email address'],
    [['--uuid', UUID, '--tag', ' '], '--tag #1: must not be empty'],
    [['--uuid', UUID, '--note', `${'x'.repeat(201)}: y`], '--note #1 title: '],
    [['--uuid', UUID, '--name'], '--name needs a value (use --name=VALUE for a value that starts with -)'],
  ])('refuses %j with exit 2 and sends nothing', async (argv, message) => {
    const result = await runCli(['push', ...argv], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`flowmatix-leads: ${message}`);
    expect(result.stderr).toMatch(/\(see flowmatix-leads push --help\)\n$/);
    expect(running.sandbox.puts()).toBe(0);
  });

  it('exits 1 when the API fails, with its reason on one line', async () => {
    running.sandbox.setFaults({ injectStatus: { status: 400, times: 1 } });
    const result = await push('--name', 'Ada');
    running.sandbox.setFaults({});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^flowmatix-leads: PUT http:\/\/127\.0\.0\.1:\d+\/inbox\/direct\/lead answered 400 Bad Request: Injected status 400\n$/,
    );
  });

  it('uses FLOWMATIX_TOKEN_HEADER for the PUT token header', async () => {
    const result = await runCli(['push', '--uuid', UUID, '--name', 'Ada'], {
      env: { ...env, FLOWMATIX_TOKEN_HEADER: 'authorization' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('answered 401');
    expect(result.stderr).toContain('check FLOWMATIX_TOKEN, and FLOWMATIX_TOKEN_HEADER if set');
    expect(result.stderr).not.toContain(TOKEN);
  });
});
