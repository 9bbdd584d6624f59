import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeldLead } from '../../src/relay/held-lead-store';

// `flowmatix-leads sandbox --unknown-uuid …` and `flowmatix-leads relay` with FLOWMATIX_UNATTACHED=mint, each in a
// process of its own from the sources, as a site owner tries the policy before using it on the real API.
const CLI = ['--import', 'tsx', 'test/scale/fixtures/cli.ts'];
// Generous: two shared cores, and tsx compiles the sources on each start.
const START_MS = 60_000;
const TOKEN = 'sandbox-mint-test-token';

interface Server {
  url: string;
  child: ChildProcess;
  output(): string;
}

const start = (args: string[], env: Record<string, string>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args[0]} was not listening after ${START_MS} ms:\n${output}`));
    }, START_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited (${String(code ?? signal)}) before listening:\n${output}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: url.replace(/\/$/, ''), child, output: () => output });
    });
  });

const stop = (server: Server | undefined): Promise<void> =>
  new Promise((resolve) => {
    const child = server?.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const heldList = (env: Record<string, string>): Promise<HeldLead[]> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [...CLI, 'held', 'list', '--format', 'json'], { env, timeout: START_MS }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as HeldLead[]),
    );
  });

const chatsOf = async (sandbox: Server, email: string): Promise<{ uuid: string }[]> => {
  const query = new URLSearchParams({ botId: 'b', customerId: 'c', page: '1', type: 'lead' });
  const response = await fetch(`${sandbox.url}/inbox/direct/chats?${query}`, { headers: { 'x-bot-token': TOKEN } });
  const { data } = (await response.json()) as { data: { uuid: string; profile?: { userDetails?: { contact?: { email?: string } } } }[] };
  return data.filter((chat) => chat.profile?.userDetails?.contact?.email === email);
};

describe.each(['accept', 'reject'] as const)('FLOWMATIX_UNATTACHED=mint against `sandbox --unknown-uuid %s`', (mode) => {
  let sandbox: Server | undefined;
  let relay: Server | undefined;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowmatix-mint-'));
    const base = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    sandbox = await start(['sandbox', '--port', '0', '--token', TOKEN, '--unknown-uuid', mode], base);
    env = {
      ...base,
      FLOWMATIX_TOKEN: TOKEN,
      FLOWMATIX_API_URL: sandbox.url,
      FLOWMATIX_BOTS: 'b:c',
      FLOWMATIX_UNATTACHED: 'mint',
      FLOWMATIX_DATA_DIR: join(dir, 'data'),
    };
    relay = await start(['relay', '--port', '0'], env);
  }, 2 * START_MS);

  afterAll(async () => {
    await Promise.all([stop(relay), stop(sandbox)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it(mode === 'accept' ? 'creates a chat under a minted UUID: 200 minted' : 'falls back to holding the lead: 202 held', async () => {
    const email = `mint-${mode}@example.com`;
    const response = await fetch(`${relay!.url}/api/flowmatix/lead`, {
      method: 'POST',
      headers: { origin: relay!.url, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ botId: 'b', customerId: 'c', name: 'Ada Lovelace', email }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    const held = (await heldList(env)).filter((lead) => lead.lead.email === email);
    const chats = await chatsOf(sandbox!, email);

    if (mode === 'accept') {
      expect(response.status, relay!.output()).toBe(200);
      expect(body).toMatchObject({ ok: true, minted: true });
      expect(chats).toHaveLength(1);
      expect(held).toEqual([]);
    } else {
      expect(response.status, relay!.output()).toBe(202);
      expect(body).toMatchObject({ ok: true, held: true });
      expect(chats).toEqual([]);
      expect(held).toHaveLength(1);
      // The operator learns why from the relay's log line, which carries no personal data.
      expect(relay!.output()).toMatch(/"outcome":"held"/);
      expect(relay!.output()).not.toContain(email);
    }
  });
});
