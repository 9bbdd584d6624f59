import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeldLead } from '../../src/relay/stores/held-lead-store';
import { CLI_START_MS, runCli, startCliServer, stopCliServer, type CliServer } from './start-cli-server';

// `flowmatix-leads sandbox --unknown-uuid …` and `flowmatix-leads relay` with FLOWMATIX_UNATTACHED=mint, each in a
// process of its own from the sources, as a site owner tries the policy before using it on the real API.
const TOKEN = 'sandbox-mint-test-token';

const heldList = async (env: Record<string, string>): Promise<HeldLead[]> => {
  const { code, stdout, stderr } = await runCli(['held', 'list', '--format', 'json'], env);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as HeldLead[];
};

const chatsOf = async (sandbox: CliServer, email: string): Promise<{ uuid: string }[]> => {
  const query = new URLSearchParams({ botId: 'b', customerId: 'c', page: '1', type: 'lead' });
  const response = await fetch(`${sandbox.url}/inbox/direct/chats?${query}`, { headers: { 'x-bot-token': TOKEN } });
  const { data } = (await response.json()) as {
    data: { uuid: string; profile?: { userDetails?: { contact?: { email?: string } } } }[];
  };
  return data.filter((chat) => chat.profile?.userDetails?.contact?.email === email);
};

describe.each(['accept', 'reject'] as const)(
  'FLOWMATIX_UNATTACHED=mint against `sandbox --unknown-uuid %s`',
  (mode) => {
    let sandbox: CliServer | undefined;
    let relay: CliServer | undefined;
    let dir: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'flowmatix-mint-'));
      const base = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
      sandbox = await startCliServer(['sandbox', '--port', '0', '--token', TOKEN, '--unknown-uuid', mode], base);
      env = {
        ...base,
        FLOWMATIX_TOKEN: TOKEN,
        FLOWMATIX_API_URL: sandbox.url,
        FLOWMATIX_BOTS: 'b:c',
        FLOWMATIX_UNATTACHED: 'mint',
        FLOWMATIX_DATA_DIR: join(dir, 'data'),
      };
      relay = await startCliServer(['relay', '--port', '0'], env);
    }, 2 * CLI_START_MS);

    afterAll(async () => {
      await Promise.all([stopCliServer(relay?.child), stopCliServer(sandbox?.child)]);
      rmSync(dir, { recursive: true, force: true });
    });

    it(
      mode === 'accept' ? 'creates a chat under a minted UUID: 200 minted' : 'falls back to holding the lead: 202 held',
      async () => {
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
      },
    );
  },
);
