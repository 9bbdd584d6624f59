import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRelay } from '../../src/relay/core/create-relay';
import { createMemoryRateLimitStore } from '../../src/relay/stores/rate-limit-store';
import { createRedisStores, type RedisStores } from '../../src/relay/stores/redis';
import type { RelayLogEntry } from '../../src/relay/core/relay-log-entry';
import type { RelayOptions } from '../../src/relay/core/relay-options';
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox';
import { startRedisServer, type RedisServer } from './start-redis-server';

const RELAY = 'http://relay.test';
const BOT = { botId: 'bot-1', customerId: 'customer-1' };

let server: RedisServer;
let stores: RedisStores;
let sandbox: Sandbox;
let running = true;

beforeAll(async () => {
  server = await startRedisServer();
  stores = createRedisStores(server.url, { redisOptions: { commandTimeout: 300 } });
  await stores.ready();
  sandbox = createSandbox();
});

afterAll(async () => {
  await stores?.close();
  await server?.stop();
});

beforeEach(async () => {
  sandbox.reset();
  if (!running) {
    await server.restart();
    running = true;
  }
  await stores.ready(10_000);
});

const killRedis = async () => {
  await server.kill();
  running = false;
};

const relayWith = (options: Partial<RelayOptions>) => {
  const logs: RelayLogEntry[] = [];
  const app = createRelay({
    token: sandbox.token,
    apiUrl: 'http://sandbox.test',
    fetch: sandbox.fetch,
    bots: [BOT],
    rateLimitStore: stores.rateLimitStore,
    idempotencyStore: stores.idempotencyStore,
    logger: (entry) => logs.push(entry),
    ...options,
  });
  return { app, logs };
};

const leadRequest = (uuid: string, idempotencyKey?: string) =>
  new Request(`${RELAY}/api/flowmatix/lead`, {
    method: 'POST',
    headers: {
      origin: RELAY,
      'content-type': 'application/json',
      ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
    },
    body: JSON.stringify({ uuid, ...BOT, email: 'ada@example.com' }),
  });

describe('Redis store failure', () => {
  it('Redis down, storeFailure open: the lead is delivered without limits or duplicate check, with a warning', async () => {
    const { app, logs } = relayWith({ storeFailure: 'open' });
    await killRedis();
    const response = await app.fetch(leadRequest(randomUUID(), randomUUID()));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    expect(sandbox.puts()).toBe(1);
    expect(logs[0]).toMatchObject({ level: 'warn', outcome: 'ok' });
    expect(logs[0]?.message).toMatch(/store failed/);
  });

  it('Redis down, storeFailure closed: 503 unavailable from the rate limiter, and nothing goes upstream', async () => {
    const { app, logs } = relayWith({ storeFailure: 'closed' });
    await killRedis();
    const response = await app.fetch(leadRequest(randomUUID()));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).not.toBeNull();
    expect(await response.json()).toMatchObject({ ok: false, code: 'unavailable' });
    expect(sandbox.puts()).toBe(0);
    expect(logs[0]?.message).toMatch(/rate-limit store failed/);
  });

  it('Redis down, storeFailure closed: 503 unavailable from the idempotency store too', async () => {
    const { app, logs } = relayWith({ storeFailure: 'closed', rateLimitStore: createMemoryRateLimitStore() });
    await killRedis();
    const response = await app.fetch(leadRequest(randomUUID(), randomUUID()));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'unavailable' });
    expect(sandbox.puts()).toBe(0);
    expect(logs[0]?.message).toMatch(/idempotency store failed/);
  });

  it('Redis frozen: the relay gives up on it after the command timeout and answers under its policy', async () => {
    const open = relayWith({ storeFailure: 'open' });
    const closed = relayWith({ storeFailure: 'closed' });
    server.pause();
    try {
      const startedAt = Date.now();
      const [served, refused] = await Promise.all([
        open.app.fetch(leadRequest(randomUUID(), randomUUID())),
        closed.app.fetch(leadRequest(randomUUID(), randomUUID())),
      ]);
      expect(served.status).toBe(200);
      expect(refused.status).toBe(503);
      // A few store calls in a row at most (the replay look-up, two limits, the idempotency claim) before the lead
      // goes upstream.
      expect(Date.now() - startedAt).toBeLessThan(3_000);
    } finally {
      server.resume();
    }
    expect(sandbox.puts()).toBe(1);
  });

  it('Redis restarting mid-test: the policy applies while it is down, and limits and idempotency hold again after', async () => {
    const { app } = relayWith({
      storeFailure: 'closed',
      // One token: a replay of a delivered lead is answered before the limits and spends none.
      rateLimit: { ip: false, uuid: { capacity: 1, refillPerSecond: 0.001 }, bot: false },
    });
    const uuid = randomUUID();
    const key = randomUUID();
    expect((await app.fetch(leadRequest(uuid, key))).status).toBe(200);

    await killRedis();
    expect((await app.fetch(leadRequest(uuid, key))).status).toBe(503);

    await server.restart();
    running = true;
    await stores.ready(10_000);
    // The restarted Redis is empty: the key is new again and the bucket full again.
    const first = await app.fetch(leadRequest(uuid, key));
    const replay = await app.fetch(leadRequest(uuid, key));
    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(sandbox.puts()).toBe(2);
    const limited = await app.fetch(leadRequest(uuid, randomUUID()));
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
  });
});
