import { resolve } from 'node:path';
import { createFileHeldLeadStore, HELD_LEADS_FILE } from './file-held-lead-store';
import { DEFAULT_HELD_TTL_MS, type HeldLeadStore } from './held-lead-store';
import { loadRedisStores } from './load-redis-stores';
import type { RedisStores } from './redis';
import { relayOptionsFromEnv } from '../core/relay-options-from-env';

/** Where held leads are kept when `FLOWMATIX_DATA_DIR` is not set, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.flowmatix-leads';

/** Options of {@link openHeldLeadStore}. */
export interface OpenHeldLeadStoreOptions {
  /** What a relative `FLOWMATIX_DATA_DIR` is relative to. Default the working directory. */
  cwd?: string;
  /** The retention. Default `FLOWMATIX_HELD_TTL_DAYS`, else 30 days. */
  ttlMs?: number;
  /**
   * Redis stores already made for `FLOWMATIX_REDIS_URL` (with the retention as their `heldTtlMs`): their
   * held-lead store is used and their connection left to the caller.
   */
  redisStores?: RedisStores;
  /** Told about skipped lines of the file and failed upkeep. */
  onWarning?: (message: string) => void;
}

/** A held-lead store from the environment, with where it is (for people to read) and how to let it go. */
export interface OpenedHeldLeadStore {
  store: HeldLeadStore;
  /** `Redis (FLOWMATIX_REDIS_URL)` or the file's absolute path. */
  where: string;
  /** Resolves once the store can answer (Redis connected); rejects after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** Waits for pending writes and closes the Redis connection this opened, if any. */
  close(): Promise<void>;
}

/**
 * The retention of `FLOWMATIX_HELD_TTL_DAYS` (default 30 days), in milliseconds, read exactly as
 * `relayOptionsFromEnv` reads it, and without the other variables: a command that only reads held leads does not
 * fail on them.
 *
 * @example
 * heldTtlMsFromEnv({ FLOWMATIX_HELD_TTL_DAYS: '7' }); // 604_800_000
 */
export const heldTtlMsFromEnv = (env: Readonly<Record<string, string | undefined>>): number =>
  relayOptionsFromEnv({ FLOWMATIX_HELD_TTL_DAYS: env.FLOWMATIX_HELD_TTL_DAYS }).heldTtlMs ?? DEFAULT_HELD_TTL_MS;

/**
 * The held-lead store the relay and `flowmatix-leads held` share: in Redis when `FLOWMATIX_REDIS_URL` is set
 * (every relay on it sees the same leads), else the file `held-leads.jsonl` in `FLOWMATIX_DATA_DIR` (default
 * `./.flowmatix-leads/`). Node only.
 *
 * @example
 * const held = await openHeldLeadStore(process.env);
 * await held.ready();
 * const relay = createRelay({ ...options, heldLeadStore: held.store });
 */
export const openHeldLeadStore = async (
  env: Readonly<Record<string, string | undefined>>,
  options: OpenHeldLeadStoreOptions = {},
): Promise<OpenedHeldLeadStore> => {
  const ttlMs = options.ttlMs ?? heldTtlMsFromEnv(env);
  const redisUrl = env.FLOWMATIX_REDIS_URL?.trim();
  if (options.redisStores || redisUrl) {
    const stores = options.redisStores ?? (await loadRedisStores(redisUrl ?? '', { heldTtlMs: ttlMs }));
    const owned = options.redisStores === undefined;
    return {
      store: stores.heldLeadStore,
      where: 'Redis (FLOWMATIX_REDIS_URL)',
      ready: (timeoutMs) => stores.ready(timeoutMs),
      close: () => (owned ? stores.close() : Promise.resolve()),
    };
  }
  const dir = resolve(options.cwd ?? process.cwd(), env.FLOWMATIX_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  const store = createFileHeldLeadStore({
    dir,
    ttlMs,
    ...(options.onWarning && { onWarning: options.onWarning }),
  });
  return {
    store,
    where: resolve(dir, HELD_LEADS_FILE),
    ready: () => Promise.resolve(),
    close: async () => store.close?.(),
  };
};
