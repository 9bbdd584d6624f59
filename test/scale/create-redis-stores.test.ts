import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStores, FAIL_FAST_REDIS_OPTIONS } from '../../src/relay/stores/redis';
import { RelayConfigurationError } from '../../src/relay/core/relay-configuration-error';
import { freePort, startRedisServer, type RedisServer } from './start-redis-server';

let server: RedisServer;

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('createRedisStores (Redis)', () => {
  it('connects from FLOWMATIX_REDIS_URL and shares one connection between both stores, under flowmatix:', async () => {
    const stores = createRedisStores(server.url);
    try {
      await stores.ready();
      const key = randomUUID();
      await stores.rateLimitStore.take(`rl:ip:${key}`, { capacity: 2, refillPerSecond: 1 }, 0);
      expect(await stores.idempotencyStore.begin(`idem:${key}`, 'f', 30_000)).toEqual({ state: 'new' });
      expect((await stores.redis.keys(`flowmatix:*${key}`)).sort()).toEqual([
        `flowmatix:idem:${key}`,
        `flowmatix:rl:ip:${key}`,
      ]);
    } finally {
      await stores.close();
    }
    expect(stores.redis.status).toBe('end');
  });

  it('uses a client it is given, with the prefix it is given, and leaves the client open on close', async () => {
    const redis = new Redis(server.url, FAIL_FAST_REDIS_OPTIONS);
    try {
      const stores = createRedisStores(redis, { prefix: 'site-b:' });
      await stores.ready();
      const key = randomUUID();
      await stores.rateLimitStore.take(`rl:bot:${key}`, { capacity: 2, refillPerSecond: 1 }, 0);
      expect(await redis.exists(`site-b:rl:bot:${key}`)).toBe(1);
      await stores.close();
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('refuses a URL that is not redis:// or rediss://, without repeating it (it may hold a password)', () => {
    const attempt = () => createRedisStores('https://user:s3cret@redis.example:6379');
    expect(attempt).toThrow(RelayConfigurationError);
    expect(attempt).toThrow(/FLOWMATIX_REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/);
    expect(attempt).not.toThrow(/s3cret/);
    expect(() => createRedisStores('not a url')).toThrow(/FLOWMATIX_REDIS_URL/);
  });

  it('fails store calls at once, and ready() after its timeout, when nothing listens at the URL', async () => {
    const stores = createRedisStores(`redis://127.0.0.1:${await freePort()}`);
    try {
      const startedAt = Date.now();
      await expect(stores.rateLimitStore.take('rl:ip:x', { capacity: 1, refillPerSecond: 1 }, 0)).rejects.toThrow();
      await expect(stores.idempotencyStore.begin('idem:x', 'f', 1_000)).rejects.toThrow();
      expect(Date.now() - startedAt).toBeLessThan(500);
      await expect(stores.ready(200)).rejects.toThrow(/not ready within 200 ms/);
    } finally {
      await stores.close();
    }
  });
});
