import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createRedisStores, type RedisStores } from '../../src/relay/stores/redis';
import { startRedisServer, type RedisServer } from './start-redis-server';

/** A file's Redis: its server, the stores on it, and whether a test left the server down. */
export interface RedisFixture {
  server: RedisServer;
  stores: RedisStores;
  /** A test that kills Redis sets this to false; the next test brings the server back before it starts. */
  running: boolean;
}

/**
 * Starts a redis-server for the calling test file, with stores whose commands time out fast, and stops it after
 * the file. Fields are set once `beforeAll` has run.
 */
export const useRedisStores = (): RedisFixture => {
  const fixture = { running: true } as RedisFixture;
  beforeAll(async () => {
    fixture.server = await startRedisServer();
    fixture.stores = createRedisStores(fixture.server.url, { redisOptions: { commandTimeout: 300 } });
    await fixture.stores.ready();
  });
  afterAll(async () => {
    await fixture.stores?.close();
    await fixture.server?.stop();
  });
  beforeEach(async () => {
    if (!fixture.running) {
      await fixture.server.restart();
      fixture.running = true;
    }
    await fixture.stores.ready(10_000);
  });
  return fixture;
};
