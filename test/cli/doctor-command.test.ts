import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import { runCli } from './cli-harness';

const TOKEN = 'doctor-test-token-c41d';

describe('flowmatix-leads doctor', () => {
  let running: RunningSandbox;
  let env: Record<string, string>;

  beforeAll(async () => {
    running = await startSandbox({ port: 0, token: TOKEN });
    env = { FLOWMATIX_API_URL: running.url, FLOWMATIX_TOKEN: TOKEN, FLOWMATIX_BOT_ID: 'b', FLOWMATIX_CUSTOMER_ID: 'c' };
  });
  afterAll(() => running.close());

  it('reports every check ok and exits 0 when the API answers', async () => {
    const result = await runCli(['doctor'], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      'ok    token         FLOWMATIX_TOKEN is set',
      `ok    api url       ${running.url}`,
      'ok    bot/customer  bot b, customer c',
      expect.stringMatching(/^ok {4}api {11}answered in \d+ ms \(0 lead chats on page 1\)$/),
    ]);
    expect(result.stdout).not.toContain(TOKEN);
  });

  it('fails the checks that miss their variables and does not call the API', async () => {
    const result = await runCli(['doctor'], { env: { FLOWMATIX_BOT_ID: 'b' } });
    expect(result).toEqual({
      code: 1,
      stdout: [
        'fail  token         FLOWMATIX_TOKEN is not set',
        'ok    api url       https://api.v7.flowmatix.ai (the default; FLOWMATIX_API_URL is not set)',
        'fail  bot/customer  FLOWMATIX_CUSTOMER_ID is not set',
        'fail  api           not tried: needs the token, API URL, bot and customer above',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('fails the API check with the reason when the token is refused, without printing the token', async () => {
    const wrong = 'wrong-doctor-token-0f3a';
    const result = await runCli(['doctor'], { env: { ...env, FLOWMATIX_TOKEN: wrong } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^fail {2}api {11}GET http:\/\/127\.0\.0\.1:\d+\/inbox\/direct\/chats answered 401/m);
    expect(result.stdout).not.toContain(wrong);
  });

  it('shows the API URL without its credentials or query', async () => {
    const apiUrl = 'http://user:pw@127.0.0.1:1/?t=secret';
    const result = await runCli(['doctor'], { env: { ...env, FLOWMATIX_API_URL: apiUrl } });
    expect(result.stdout).toContain('ok    api url       http://127.0.0.1:1\n');
    expect(result.stdout).toMatch(/^fail {2}api {11}GET http:\/\/127\.0\.0\.1:1\/inbox\/direct\/chats could not/m);
    expect(result.stdout).not.toMatch(/user|pw|secret/);
  });

  it('fails the API URL check for a URL that is not http(s)', async () => {
    const result = await runCli(['doctor'], { env: { ...env, FLOWMATIX_API_URL: 'ftp://example.com' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'fail  api url       FLOWMATIX_API_URL: The Flowmatix API URL must start with http',
    );
  });

  it('fails the API check when nothing listens', async () => {
    const closed = await startSandbox({ port: 0 });
    await closed.close();
    const result = await runCli(['doctor'], { env: { ...env, FLOWMATIX_API_URL: closed.url } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^fail {2}api {11}GET .* could not be reached: ECONNREFUSED$/m);
  });

  it('takes no options', async () => {
    expect((await runCli(['doctor', '--fix'], { env })).code).toBe(2);
  });
});
