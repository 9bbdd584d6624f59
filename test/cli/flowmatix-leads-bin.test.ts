import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, ROOT } from '../helpers/build-once';

// The CLI as users run it: the built dist/cli.js through bin/flowmatix-leads.js, in its own process.
const BIN = join(ROOT, 'bin/flowmatix-leads.js');
const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
const BASE_ENV = { PATH: process.env.PATH ?? '' };
// Each test starts one or more Node processes: a busy two-core machine can take seconds for each.
const SPAWNED_MS = 60_000;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

const cli = (args: string[], env: Record<string, string> = {}): Promise<Exit> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...BASE_ENV, ...env }, timeout: SPAWNED_MS },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('bin/flowmatix-leads.js (spawned)', { timeout: SPAWNED_MS }, () => {
  beforeAll(() => buildOnce(), 180_000);

  it('prints the help with every command, exit 0', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: flowmatix-leads <command> \[options\]/);
    for (const name of ['relay', 'sandbox', 'list', 'push', 'held', 'doctor'])
      expect(result.stdout).toContain(`\n  ${name} `);
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('answers an unknown command with one line and exit 2', async () => {
    const result = await cli(['lsit']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^flowmatix-leads: unknown command "lsit" \(commands: [a-z, ]+\) \(see [^)]+\)\n$/);
  });

  it('answers a failure with one line and exit 1, no stack trace', async () => {
    const env = { FLOWMATIX_TOKEN: 'x', FLOWMATIX_BOT_ID: 'b', FLOWMATIX_CUSTOMER_ID: 'c' };
    const result = await cli(['list'], { ...env, FLOWMATIX_API_URL: 'http://127.0.0.1:9' });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(2);
    noStackTrace(result.stderr);
  });

  describe('the quick start: sandbox, push, list', () => {
    let sandbox: ChildProcessWithoutNullStreams;
    let output = '';
    let url = '';
    let token = '';

    beforeAll(async () => {
      // The CLI sandbox refuses a uuid no widget registered, as the vendor may: push makes a chat for a new one.
      sandbox = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--unknown-uuid', 'accept'], { env: BASE_ENV });
      sandbox.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      sandbox.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      for (let waited = 0; waited < SPAWNED_MS - 5_000 && !/^Token: /m.test(output); waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
      token = /^Token: (\S+)$/m.exec(output)?.[1] ?? '';
    }, SPAWNED_MS);
    afterAll(() => {
      if (sandbox.exitCode === null) sandbox.kill('SIGKILL');
    });

    it('pushes "+91 98765 43210" and lists it back with phone {number: "9876543210", prefix: "91"}', async () => {
      expect(url, output).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const env = { FLOWMATIX_API_URL: url, FLOWMATIX_TOKEN: token, FLOWMATIX_BOT_ID: 'b', FLOWMATIX_CUSTOMER_ID: 'c' };
      const push = await cli(
        ['push', '--uuid', UUID, '--name', 'Ada', '--email', 'ada@example.com', '--phone', '+91 98765 43210'],
        env,
      );
      expect(push).toMatchObject({ code: 0, stderr: '' });
      const list = await cli(['list', '--type', 'lead', '--format', 'json'], env);
      expect(list).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(list.stdout)).toMatchObject([
        {
          uuid: UUID,
          profile: {
            userDetails: {
              name: 'Ada',
              contact: { email: 'ada@example.com', phone: { number: '9876543210', prefix: '91' } },
            },
          },
        },
      ]);
    });

    it('never prints a refused token', async () => {
      const wrong = 'spawned-wrong-token-2e7a';
      const env = { FLOWMATIX_API_URL: url, FLOWMATIX_BOT_ID: 'b', FLOWMATIX_CUSTOMER_ID: 'c' };
      const result = await cli(['list'], { ...env, FLOWMATIX_TOKEN: wrong });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('answered 401');
      expect(result.stderr + result.stdout).not.toContain(wrong);
      noStackTrace(result.stderr);
    });

    it('stops on SIGTERM with exit 0', async () => {
      const exited = new Promise<number | null>((resolve) => sandbox.once('exit', (code) => resolve(code)));
      sandbox.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('Sandbox stopped.');
    });
  });
});
