import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { relayCommand } from '../../src/cli/relay-command';
import { startRedisServer, type RedisServer } from './start-redis-server';

const BOTS = 'b:c';

let server: RedisServer;
let probe: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  probe = new Redis(server.url);
});

afterAll(async () => {
  probe?.disconnect();
  await server?.stop();
});

beforeEach(async () => {
  await probe.flushall();
});

const capture = () => {
  let text = '';
  return {
    stream: {
      write: (chunk: string) => {
        text += chunk;
        return true;
      },
    },
    text: () => text,
  };
};

/** `flowmatix-leads relay --sandbox --port 0` in-process, until `stop()`. */
const startRelay = async (env: Record<string, string>) => {
  const stdout = capture();
  const stderr = capture();
  const controller = new AbortController();
  const exit = relayCommand.run(['--sandbox', '--port', '0'], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env,
    signal: controller.signal,
  });
  exit.catch(() => undefined);
  let url = '';
  await vi.waitFor(
    async () => {
      url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1] ?? '';
      if (!url) await Promise.race([exit, Promise.resolve()]);
      expect(url, stdout.text() + stderr.text()).not.toBe('');
    },
    { timeout: 10_000, interval: 20 },
  );
  return {
    url,
    stdout,
    stderr,
    stop: () => {
      controller.abort();
      return exit;
    },
  };
};

const postLead = (url: string, uuid: string, idempotencyKey?: string) =>
  fetch(`${url}/api/flowmatix/lead`, {
    method: 'POST',
    headers: {
      origin: url,
      'content-type': 'application/json',
      ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
    },
    body: JSON.stringify({ uuid, botId: 'b', customerId: 'c', email: 'ada@example.com' }),
  });

const clientCount = async (): Promise<number> =>
  String(await probe.client('LIST'))
    .trim()
    .split('\n').length;

describe('flowmatix-leads relay with FLOWMATIX_REDIS_URL (Redis)', () => {
  it('keeps its rate limits and idempotency keys in that Redis, and says so', async () => {
    const relay = await startRelay({ FLOWMATIX_BOTS: BOTS, FLOWMATIX_REDIS_URL: server.url });
    try {
      expect(relay.stdout.text()).toMatch(
        /stores: +Redis \(FLOWMATIX_REDIS_URL\), shared by every relay on it; if it fails: open/,
      );
      expect(relay.stderr.text()).toBe('');
      expect((await postLead(relay.url, randomUUID(), randomUUID())).status).toBe(200);
      expect(await probe.keys('flowmatix:idem:*')).toHaveLength(1);
      // A bucket expires once it would be full again: the bot's (600, 10 per second) after 100 ms, so it is not
      // looked for; the address's and the visitor's last seconds.
      const buckets = (await probe.keys('flowmatix:rl:*')).map((key) => key.split(':').slice(0, 3).join(':'));
      expect(buckets).toEqual(expect.arrayContaining(['flowmatix:rl:ip', 'flowmatix:rl:uuid']));
    } finally {
      expect(await relay.stop()).toBe(0);
    }
  });

  it('shares idempotency keys between two relays started from the CLI on one Redis', async () => {
    const env = { FLOWMATIX_BOTS: BOTS, FLOWMATIX_REDIS_URL: server.url };
    const [first, second] = await Promise.all([startRelay(env), startRelay(env)]);
    try {
      const uuid = randomUUID();
      const key = randomUUID();
      const original = await postLead(first.url, uuid, key);
      expect(original.status).toBe(200);
      expect(original.headers.get('idempotent-replayed')).toBeNull();
      const repeat = await postLead(second.url, uuid, key);
      expect(repeat.status).toBe(200);
      expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('closes its Redis connection when it stops, and when its configuration is refused', async () => {
    const before = await clientCount();
    const relay = await startRelay({ FLOWMATIX_BOTS: BOTS, FLOWMATIX_REDIS_URL: server.url });
    await vi.waitFor(async () => expect(await clientCount()).toBe(before + 1));
    await relay.stop();
    await vi.waitFor(async () => expect(await clientCount()).toBe(before));

    const refused = relayCommand.run(['--sandbox', '--port', '0'], {
      stdout: capture().stream,
      stderr: capture().stream,
      env: { FLOWMATIX_REDIS_URL: server.url },
    });
    await expect(refused).rejects.toThrow(/FLOWMATIX_BOTS/);
    await vi.waitFor(async () => expect(await clientCount()).toBe(before));
  });

  it('starts while Redis is down with a warning, serves under FLOWMATIX_STORE_FAILURE, and uses Redis once it is up', async () => {
    const spare = await startRedisServer();
    await spare.kill();
    const env = { FLOWMATIX_BOTS: BOTS, FLOWMATIX_REDIS_URL: spare.url };
    const [open, closed] = await Promise.all([
      startRelay({ ...env, FLOWMATIX_STORE_FAILURE: 'open' }),
      startRelay({ ...env, FLOWMATIX_STORE_FAILURE: 'closed' }),
    ]);
    try {
      expect(open.stderr.text()).toBe(
        'flowmatix-leads: warning: Redis (FLOWMATIX_REDIS_URL) is not reachable yet; until it is, requests are served without rate limits or duplicate checks (FLOWMATIX_STORE_FAILURE=open)\n',
      );
      expect(closed.stderr.text()).toMatch(
        /^flowmatix-leads: warning: Redis \(FLOWMATIX_REDIS_URL\) is not reachable yet; until it is, requests are served with 503 unavailable \(FLOWMATIX_STORE_FAILURE=closed\)\n$/,
      );
      expect(closed.stdout.text()).toMatch(/if it fails: closed \(FLOWMATIX_STORE_FAILURE\)/);

      expect((await postLead(open.url, randomUUID(), randomUUID())).status).toBe(200);
      const refused = await postLead(closed.url, randomUUID(), randomUUID());
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).not.toBeNull();
      expect(await refused.json()).toMatchObject({ ok: false, code: 'unavailable' });
      // The health check does not depend on Redis: the relay is serving, under its policy.
      expect((await fetch(`${closed.url}/api/flowmatix/health`)).status).toBe(200);

      await spare.restart();
      const uuid = randomUUID();
      const key = randomUUID();
      await vi.waitFor(async () => expect((await postLead(closed.url, uuid, key)).status).toBe(200), {
        timeout: 10_000,
        interval: 250,
      });
      const replay = await postLead(closed.url, uuid, key);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    } finally {
      await Promise.all([open.stop(), closed.stop()]);
      await spare.stop();
    }
  });
});
