import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/start-sandbox';
import { runCli, type CliRun, type RunOptions } from './cli-harness';

const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
const directory = mkdtempSync(join(tmpdir(), 'flowmatix-cli-sandbox-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Starts `flowmatix-leads sandbox` in-process, hands its URL and token to `use`, then stops it. */
const withSandboxCommand = async (
  argv: string[],
  use: (url: string, token: string) => Promise<void>,
  options: RunOptions = {},
): Promise<CliRun> => {
  const controller = new AbortController();
  let printed = '';
  let ready: (value: [string, string]) => void = () => undefined;
  const started = new Promise<[string, string]>((resolve) => (ready = resolve));
  const running = runCli(['sandbox', ...argv], {
    ...options,
    signal: controller.signal,
    onStdout: (chunk) => {
      printed += chunk;
      const url = /listening on (\S+)/.exec(printed)?.[1];
      const token = /^Token: (\S+)$/m.exec(printed)?.[1];
      if (url && token) ready([url, token]);
    },
  });
  const [url, token] = await Promise.race([
    started,
    running.then((result) => Promise.reject(new Error(`sandbox exited: ${result.stderr}`))),
  ]);
  try {
    await use(url, token);
  } finally {
    controller.abort();
  }
  return running;
};

const putLead = (url: string, token: string) =>
  fetch(`${url}/inbox/direct/lead`, {
    method: 'PUT',
    headers: { 'x-bp-token': token, 'content-type': 'application/json' },
    body: JSON.stringify({ uuid: UUID, botId: 'b', customerId: 'c', name: 'Ada' }),
  });

/** What the widget does when the visitor opens the chat: from then on the sandbox knows the uuid. */
const registerVisitor = (url: string) =>
  fetch(`${url}/widget/visitors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ uuid: UUID, botId: 'b', customerId: 'c' }),
  });

describe('flowmatix-leads sandbox', () => {
  it('prints its URL, its token and the exports to use them, serves until stopped, then exits 0', async () => {
    const result = await withSandboxCommand(['--port', '0', '--token', 'cli-token'], async (url, token) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(token).toBe('cli-token');
      expect((await registerVisitor(url)).status).toBe(204);
      expect((await putLead(url, token)).status).toBe(200);
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  export FLOWMATIX_API_URL=http://127.0.0.1:');
    expect(result.stdout).toContain('  export FLOWMATIX_TOKEN=cli-token\n');
    expect(result.stdout).toContain('Chats: in memory only');
    expect(result.stdout.endsWith('Sandbox stopped.\n')).toBe(true);
  });

  it('makes up a token when none is given', async () => {
    await withSandboxCommand(['--port', '0'], async (_url, token) => {
      expect(token).toMatch(/^sandbox-[\da-f]{32}$/);
    });
  });

  it('never uses FLOWMATIX_TOKEN as its own token, so the real token is never printed', async () => {
    const real = 'real-token-never-printed-6d2e';
    const result = await withSandboxCommand(
      ['--port', '0'],
      async (_url, token) => {
        expect(token).not.toBe(real);
      },
      { env: { FLOWMATIX_TOKEN: real } },
    );
    expect(result.stdout).not.toContain(real);
  });

  it('keeps chats in the --persist file', async () => {
    const file = join(directory, 'persist.json');
    await withSandboxCommand(['--port', '0', '--persist', file], async (url, token) => {
      await registerVisitor(url);
      expect((await putLead(url, token)).status).toBe(200);
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ chats: [{ chat: { uuid: UUID } }] });
  });

  it('by default answers 404 in the vendor envelope for a uuid it never saw, until it is registered', async () => {
    const result = await withSandboxCommand(['--port', '0'], async (url, token) => {
      const refused = await putLead(url, token);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({ success: false, message: 'Chat not found for uuid', code: 404 });
      expect((await registerVisitor(url)).status).toBe(204);
      expect((await putLead(url, token)).status).toBe(200);
    });
    expect(result.stdout).toContain('Unknown UUIDs: 404 until registered with POST /widget/visitors');
  });

  it('accepts a PUT for any uuid with --unknown-uuid accept', async () => {
    const result = await withSandboxCommand(['--port', '0', '--unknown-uuid', 'accept'], async (url, token) => {
      expect((await putLead(url, token)).status).toBe(200);
    });
    expect(result.stdout).toContain('Unknown UUIDs: accepted, a PUT creates the chat');
  });

  it('plays --latency and --failure-rate', async () => {
    const argv = ['--port', '0', '--latency', '150', '--failure-rate', '1'];
    const result = await withSandboxCommand(argv, async (url, token) => {
      const started = performance.now();
      expect((await putLead(url, token)).status).toBe(503);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });
    expect(result.stdout).toContain('Faults: latency 150 ms, failure rate 1');
  });

  it.each([
    [['--port', '70000'], '--port is a whole number from 0 to 65535, not "70000"'],
    [['--latency', 'soon'], '--latency is MS or MIN-MAX in whole ms, not "soon"'],
    [['--latency', '80-20'], '--latency is MS or MIN-MAX in whole ms, not "80-20"'],
    [['--failure-rate', '1.5'], '--failure-rate is a share from 0 to 1, not "1.5"'],
    [['--page-size', '0'], '--page-size is a whole number from 1 to 1000, not "0"'],
    [['--token', ''], '--token cannot be empty'],
    [['--unknown-uuid', 'maybe'], '--unknown-uuid is "reject" or "accept", not "maybe"'],
    [['--unknown-uuid', ''], '--unknown-uuid is "reject" or "accept", not ""'],
  ])('refuses %j with exit 2', async (argv, message) => {
    expect(await runCli(['sandbox', ...argv])).toEqual({
      code: 2,
      stdout: '',
      stderr: `flowmatix-leads: ${message} (see flowmatix-leads sandbox --help)\n`,
    });
  });

  it('says which port is taken', async () => {
    const other = await startSandbox({ port: 0 });
    try {
      const port = new URL(other.url).port;
      expect(await runCli(['sandbox', '--port', port])).toEqual({
        code: 1,
        stdout: '',
        stderr: `flowmatix-leads: port ${port} is already in use on 127.0.0.1: choose another with --port (0 picks a free one)\n`,
      });
    } finally {
      await other.close();
    }
  });

  it('refuses a --persist file that is not a sandbox file', async () => {
    const file = join(directory, 'package.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{"name":"mine"}');
    const result = await runCli(['sandbox', '--port', '0', '--persist', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `flowmatix-leads: ${file} is not a sandbox file (version 1); move it away or choose another file\n`,
    );
  });
});
