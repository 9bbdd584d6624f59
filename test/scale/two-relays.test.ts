import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import { spawnServer, type SpawnedServer } from './spawn-server';
import { startRedisServer, type RedisServer } from './start-redis-server';

const BOT = { botId: 'bot-1', customerId: 'customer-1' };
const IP_RULE = { capacity: 10, refillPerSecond: 0.001 };

interface Balancer {
  url: string;
  /** Requests sent to each backend so far. */
  hits: number[];
  close(): Promise<void>;
}

/**
 * A round-robin reverse proxy as a load balancer in front of relays: it keeps Host, appends the address it
 * received the request from to X-Forwarded-For and says which scheme and host the client used.
 */
const startBalancer = async (backends: string[]): Promise<Balancer> => {
  const hits = backends.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const index = next % backends.length;
    next += 1;
    hits[index] = (hits[index] ?? 0) + 1;
    const target = new URL(backends[index] ?? '');
    const forwardedFor = [incoming.headers['x-forwarded-for'], incoming.socket.remoteAddress]
      .filter(Boolean)
      .join(', ');
    const proxied = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: {
          ...incoming.headers,
          'x-forwarded-for': forwardedFor,
          'x-forwarded-proto': 'http',
          'x-forwarded-host': incoming.headers.host,
        },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.once('error', () => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end('bad gateway');
    });
    incoming.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** POSTs a lead from a given loopback address (127.0.0.2, 127.0.0.3…), as distinct visitors would. */
const postLead = (
  url: string,
  from: string,
  lead: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const target = new URL('/api/flowmatix/lead', url);
    const body = JSON.stringify(lead);
    const outgoing = request(
      target,
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: {
          origin: url,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (answer) => {
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => (text += chunk));
        answer.on('end', () =>
          resolve({
            status: answer.statusCode ?? 0,
            headers: answer.headers,
            body: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });

const lead = (uuid = randomUUID()) => ({ uuid, ...BOT, email: 'ada@example.com' });

let redis: RedisServer;
let sandbox: RunningSandbox;
let relays: SpawnedServer[] = [];
let balancer: Balancer;

beforeAll(async () => {
  [redis, sandbox] = await Promise.all([startRedisServer(), startSandbox({ port: 0 })]);
  const env = {
    FLOWMATIX_TOKEN: sandbox.token,
    FLOWMATIX_API_URL: sandbox.url,
    FLOWMATIX_BOTS: `${BOT.botId}:${BOT.customerId}`,
    FLOWMATIX_TRUST_PROXY: '1',
    FLOWMATIX_REDIS_URL: redis.url,
    PORT: '0',
    RELAY_RATE_LIMIT: JSON.stringify({ ip: IP_RULE }),
  };
  const start = () =>
    spawnServer(process.execPath, ['--import', 'tsx', 'test/scale/fixtures/relay-server.ts'], { env });
  relays = await Promise.all([start(), start()]);
  balancer = await startBalancer(relays.map((relay) => relay.url));
});

afterAll(async () => {
  await balancer?.close();
  await Promise.all(relays.map((relay) => relay.stop()));
  await sandbox?.close();
  await redis?.stop();
});

describe('two relay processes sharing Redis behind a round-robin balancer', () => {
  it('limits a burst over the limit, split across both relays, as one', async () => {
    const hitsBefore = [...balancer.hits];
    const answers = await Promise.all(Array.from({ length: 16 }, () => postLead(balancer.url, '127.0.0.2', lead())));
    expect(balancer.hits.map((hits, index) => hits - (hitsBefore[index] ?? 0))).toEqual([8, 8]);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(IP_RULE.capacity);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited).toHaveLength(16 - IP_RULE.capacity);
    expect(limited[0]?.body).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(limited[0]?.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited[0]?.headers.ratelimit).toMatch(/^"ip";r=0;t=\d+$/);
    expect(sandbox.sandbox.puts()).toBe(IP_RULE.capacity);
  });

  it('counts the address the balancer saw (trustProxy), not the balancer, nor what the client claims', async () => {
    // Both relays see every request come from the balancer; only X-Forwarded-For tells the visitors apart.
    const other = await postLead(balancer.url, '127.0.0.3', lead());
    expect(other.status).toBe(200);
    const spoofed = await Promise.all([
      postLead(balancer.url, '127.0.0.2', lead(), { 'x-forwarded-for': '198.51.100.9' }),
      postLead(balancer.url, '127.0.0.2', lead(), { 'x-forwarded-for': '198.51.100.10' }),
    ]);
    expect(spoofed.map((answer) => answer.status)).toEqual([429, 429]);
  });

  it('sends one upstream PUT for the same Idempotency-Key reaching both relays at once', async () => {
    sandbox.sandbox.reset();
    // Upstream slow enough that the second request arrives while the first is in flight on the other relay.
    sandbox.sandbox.setFaults({ latencyMs: 400 });
    try {
      const hitsBefore = [...balancer.hits];
      const same = lead();
      const key = randomUUID();
      const answers = await Promise.all([
        postLead(balancer.url, '127.0.0.4', same, { 'idempotency-key': key }),
        postLead(balancer.url, '127.0.0.4', same, { 'idempotency-key': key }),
      ]);
      expect(balancer.hits.map((hits, index) => hits - (hitsBefore[index] ?? 0))).toEqual([1, 1]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
      expect(sandbox.sandbox.puts()).toBe(1);

      const later = await Promise.all([
        postLead(balancer.url, '127.0.0.4', same, { 'idempotency-key': key }),
        postLead(balancer.url, '127.0.0.4', same, { 'idempotency-key': key }),
      ]);
      expect(later.map((answer) => answer.headers['idempotent-replayed'])).toEqual(['true', 'true']);
      expect(sandbox.sandbox.puts()).toBe(1);
      expect(sandbox.sandbox.chats().filter((chat) => chat.uuid === same.uuid)).toHaveLength(1);
    } finally {
      sandbox.sandbox.setFaults({});
    }
  });
});
