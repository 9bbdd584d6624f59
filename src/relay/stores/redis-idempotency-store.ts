import type { Redis } from 'ioredis';
import type { IdempotencyBeginResult, IdempotencyStore, StoredResponse } from './idempotency-store';

/** Options of {@link createRedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** Put before every key, so that the relay's keys are easy to find and never meet another application's. Default `flowmatix:`. */
  prefix?: string;
}

const BEGIN = 'flowmatixIdempotencyBegin';
const RELEASE = 'flowmatixIdempotencyRelease';

// Values are readable in redis-cli: "pending <fingerprint>" while a request holds the key, "done <json>" after.
const PENDING = 'pending ';
const DONE = 'done ';

// SET NX with GET would need Redis 7; the script gives the same answer in one round trip on any Redis with Lua:
// the value found, or nothing after taking the key.
const BEGIN_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then
  return current
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`;

// Only a pending key is forgotten: a completed one must keep answering repeats.
const RELEASE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, 1, ${PENDING.length}) == '${PENDING}' then
  redis.call('DEL', KEYS[1])
end
return 0
`;

type BeginCommand = (key: string, value: string, ttlMs: string) => Promise<string | null>;
type ReleaseCommand = (key: string) => Promise<number>;

interface DoneEntry {
  fingerprint: string;
  response: StoredResponse;
}

const milliseconds = (ttlMs: number): string => {
  if (!(Number.isFinite(ttlMs) && ttlMs > 0))
    throw new RangeError(`ttlMs must be a positive number, got ${String(ttlMs)}`);
  return String(Math.ceil(ttlMs));
};

const isDoneEntry = (value: unknown): value is DoneEntry => {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<DoneEntry>;
  return (
    typeof entry.fingerprint === 'string' &&
    typeof entry.response === 'object' &&
    entry.response !== null &&
    typeof entry.response.status === 'number'
  );
};

const readEntry = (key: string, value: string): { fingerprint: string; response?: StoredResponse } => {
  if (value.startsWith(PENDING)) return { fingerprint: value.slice(PENDING.length) };
  if (value.startsWith(DONE)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.slice(DONE.length));
    } catch {
      parsed = undefined;
    }
    if (isDoneEntry(parsed)) return parsed;
  }
  // Someone else's data under our key: refuse to guess, and let the relay's storeFailure policy decide.
  throw new Error(`Redis key ${key} holds a value that is not an idempotency entry`);
};

/**
 * An {@link IdempotencyStore} in Redis, shared by every relay process that uses the same Redis: a retried lead
 * reaches Flowmatix once even when the retry lands on another process. `begin` takes a key atomically (a Lua
 * script with `SET … PX`: of any number of concurrent callers, on any process, exactly one gets `new`);
 * `complete` is one `SET … PX`; `release` deletes the key only while it is still pending; `peek` is one `GET`.
 * Every key expires: a pending one after the pending time the relay asks for, a completed one after the
 * idempotency TTL (24 h).
 *
 * Keys are `{prefix}{key}`; the relay's keys are already hashes (`idem:<sha-256>`), so Redis never holds a visitor's
 * raw key nor a lead. A Redis restarted without persistence forgets every key: a retry after that goes upstream
 * again. When Redis cannot answer, calls reject and the relay applies its `storeFailure` policy. A call given up
 * after the command timeout may still run when a stuck Redis wakes up: a `begin` can then leave its key pending
 * until the pending time ends, and a retry with that key waits for it.
 *
 * @example
 * const redis = new Redis('redis://10.0.0.7:6379', FAIL_FAST_REDIS_OPTIONS);
 * const relay = createRelay({ token, bots, idempotencyStore: createRedisIdempotencyStore(redis) });
 */
export const createRedisIdempotencyStore = (
  redis: Redis,
  options: RedisIdempotencyStoreOptions = {},
): IdempotencyStore => {
  const prefix = options.prefix ?? 'flowmatix:';
  redis.defineCommand(BEGIN, { numberOfKeys: 1, lua: BEGIN_SCRIPT });
  redis.defineCommand(RELEASE, { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  const commands = redis as unknown as Record<typeof BEGIN, BeginCommand> & Record<typeof RELEASE, ReleaseCommand>;
  const begin = commands[BEGIN].bind(redis);
  const release = commands[RELEASE].bind(redis);
  return {
    async begin(key, fingerprint, ttlMs): Promise<IdempotencyBeginResult> {
      const fullKey = `${prefix}${key}`;
      const found = await begin(fullKey, `${PENDING}${fingerprint}`, milliseconds(ttlMs));
      if (found === null) return { state: 'new' };
      const entry = readEntry(fullKey, found);
      if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
      return entry.response ? { state: 'done', response: entry.response } : { state: 'pending' };
    },
    async complete(key, fingerprint, response, ttlMs) {
      const entry: DoneEntry = { fingerprint, response };
      await redis.set(`${prefix}${key}`, `${DONE}${JSON.stringify(entry)}`, 'PX', milliseconds(ttlMs));
    },
    async release(key) {
      await release(`${prefix}${key}`);
    },
    async peek(key, fingerprint) {
      const fullKey = `${prefix}${key}`;
      const found = await redis.get(fullKey);
      if (found === null) return undefined;
      const entry = readEntry(fullKey, found);
      return entry.response && entry.fingerprint === fingerprint ? entry.response : undefined;
    },
  };
};
