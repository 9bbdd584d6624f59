import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeldLead } from '../../src/relay/stores/held-lead-store';
import { runCli, startCliServer, stopCliServer, type CliServer } from './start-cli-server';
import { startRedisServer, type RedisServer } from './start-redis-server';

// The CLI from the sources in processes of its own: the relay is killed as a crash would kill it, and the
// held commands read what it left, as an operator would after a restart.
const baseEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', FLOWMATIX_BOTS: 'b:c' });

const startRelay = (env: Record<string, string>): Promise<CliServer> =>
  startCliServer(['relay', '--sandbox', '--port', '0'], env);

/** POSTs a lead without a uuid, answered 202; SIGKILLs the relay right away; `held list` must still show it. */
const holdThenKill = async (env: Record<string, string>) => {
  const relay = await startRelay(env);
  const key = randomUUID();
  let status = 0;
  let body: unknown;
  try {
    const response = await fetch(`${relay.url}/api/flowmatix/lead`, {
      method: 'POST',
      headers: { origin: relay.url, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ botId: 'b', customerId: 'c', name: 'Ada Lovelace', email: 'ada@example.com' }),
    });
    status = response.status;
    body = await response.json();
  } finally {
    await stopCliServer(relay.child, 'SIGKILL');
  }
  expect(status, relay.output()).toBe(202);
  expect(body).toMatchObject({ ok: true, held: true });

  const listed = await runCli(['held', 'list', '--format', 'json'], env);
  expect(listed.stderr).toBe('');
  expect(listed.code).toBe(0);
  const leads = JSON.parse(listed.stdout) as HeldLead[];
  expect(leads).toHaveLength(1);
  expect(leads[0]).toMatchObject({ key, lead: { botId: 'b', customerId: 'c', email: 'ada@example.com' } });
  expect(leads[0]?.lead).not.toHaveProperty('uuid');

  // And the person can be erased from the same store, by the email in any case.
  const erased = await runCli(['held', 'delete', '--email', 'ADA@example.com'], env);
  expect(erased.stdout).toMatch(/^Deleted 1 held lead with email ADA@example.com from /);
  expect(JSON.parse((await runCli(['held', 'list', '--format', 'json'], env)).stdout)).toEqual([]);
};

describe('a lead held by `flowmatix-leads relay` survives SIGKILL right after its 202', () => {
  let redis: RedisServer;
  let dir: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    dir = mkdtempSync(join(tmpdir(), 'flowmatix-held-kill-'));
  });
  afterAll(async () => {
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('in the file store of FLOWMATIX_DATA_DIR', async () => {
    await holdThenKill({ ...baseEnv(), FLOWMATIX_DATA_DIR: join(dir, 'data') });
    expect(readFileSync(join(dir, 'data', 'held-leads.jsonl'), 'utf8')).not.toContain('ada@example.com');
  });

  it('in Redis (FLOWMATIX_REDIS_URL)', async () => {
    await holdThenKill({ ...baseEnv(), FLOWMATIX_REDIS_URL: redis.url });
    const probe = new Redis(redis.url);
    try {
      const values = await Promise.all((await probe.keys('flowmatix:held*')).map((key) => probe.dump(key)));
      expect(values.join('')).not.toContain('ada@example.com');
    } finally {
      probe.disconnect();
    }
  });
});
