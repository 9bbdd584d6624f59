import type { Redis } from 'ioredis';
import { DEFAULT_HELD_TTL_MS, type HeldLead, type HeldLeadChange, type HeldLeadStore } from './held-lead-store';

/** Options of {@link createRedisHeldLeadStore}. */
export interface RedisHeldLeadStoreOptions {
  /** Put before every key. Default `flowmatix:` (entries `flowmatix:held:<sha-256>`, index `flowmatix:held-leads`). */
  prefix?: string;
  /** How long an entry is kept after it was received. Default 30 days. */
  ttlMs?: number;
}

const PUT = 'flowmatixHeldPut';
const UPDATE = 'flowmatixHeldUpdate';

// The fields of an entry's hash besides `entry` (id, key, receivedAt, lead): what `update` may change.
const CHANGE_FIELDS = ['attached', 'forwarded', 'forwardAttempts', 'nextForwardAt'] as const;

// Set-if-absent, with its expiry and its place in the index, in one step; the index loses what has expired.
const PUT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'entry', ARGV[1], unpack(ARGV, 7))
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[6]) then
  redis.call('PEXPIREAT', KEYS[2], ARGV[2])
end
return 1
`;

// Only an entry that is still kept is changed: an update never brings back an expired or deleted one.
const UPDATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

type PutCommand = (
  entryKey: string,
  indexKey: string,
  entry: string,
  expiresAt: string,
  score: string,
  id: string,
  cutoff: string,
  ttl: string,
  ...changes: string[]
) => Promise<number>;
type UpdateCommand = (entryKey: string, ...fieldsAndValues: string[]) => Promise<number>;

const LIST_BATCH = 500;

const changeFields = (change: HeldLeadChange): string[] =>
  CHANGE_FIELDS.flatMap((name) => (change[name] === undefined ? [] : [name, JSON.stringify(change[name])]));

const readEntry = (key: string, fields: Record<string, string>): HeldLead | undefined => {
  if (fields.entry === undefined) return undefined;
  try {
    const lead = JSON.parse(fields.entry) as HeldLead;
    for (const name of CHANGE_FIELDS) {
      const value = fields[name];
      if (value !== undefined) Object.assign(lead, { [name]: JSON.parse(value) as unknown });
    }
    return lead;
  } catch {
    // Someone else's data under our key: refuse to guess.
    throw new Error(`Redis key ${key} holds a value that is not a held lead`);
  }
};

/**
 * A {@link HeldLeadStore} in Redis, shared by every relay process and `flowmatix-leads held` command on the same
 * Redis. Each entry is a hash `{prefix}held:<sha-256>` (field `entry` is the lead as JSON, the other fields what
 * changed since) that Redis deletes by itself when its retention ends (`PEXPIREAT receivedAt + ttlMs`); a sorted
 * set `{prefix}held-leads` (score: when received) lists them, and loses expired ids on every `put` and `list`.
 * `put` is atomic set-if-absent (a Lua script): of concurrent puts with one id, on any process, one creates it.
 *
 * How long Redis keeps data depends on its own persistence (RDB/AOF): a Redis without it forgets held leads when
 * it restarts. When Redis cannot answer, calls reject (the relay answers 503 and the browser retries).
 *
 * @example
 * const redis = new Redis(process.env.FLOWMATIX_REDIS_URL, FAIL_FAST_REDIS_OPTIONS);
 * const relay = createRelay({ token, bots, heldLeadStore: createRedisHeldLeadStore(redis) });
 */
export const createRedisHeldLeadStore = (redis: Redis, options: RedisHeldLeadStoreOptions = {}): HeldLeadStore => {
  const prefix = options.prefix ?? 'flowmatix:';
  const ttlMs = options.ttlMs ?? DEFAULT_HELD_TTL_MS;
  if (!(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new RangeError(`ttlMs must be a positive number of ms, got ${String(ttlMs)}`);
  }
  const indexKey = `${prefix}held-leads`;
  const keyOf = (id: string): string => `${prefix}${id}`;
  redis.defineCommand(PUT, { numberOfKeys: 2, lua: PUT_SCRIPT });
  redis.defineCommand(UPDATE, { numberOfKeys: 1, lua: UPDATE_SCRIPT });
  const commands = redis as unknown as Record<typeof PUT, PutCommand> & Record<typeof UPDATE, UpdateCommand>;
  const putScript = commands[PUT].bind(redis);
  const updateScript = commands[UPDATE].bind(redis);
  const cutoff = (): string => String(Date.now() - ttlMs);

  return {
    async put(lead) {
      const { attached, forwarded, forwardAttempts, nextForwardAt, ...entry } = lead;
      const expiresAt = Math.ceil(lead.receivedAt + ttlMs);
      return (
        (await putScript(
          keyOf(lead.id),
          indexKey,
          JSON.stringify(entry),
          String(expiresAt),
          String(lead.receivedAt),
          lead.id,
          cutoff(),
          String(expiresAt - Date.now()),
          ...changeFields({ attached, forwarded, forwardAttempts, nextForwardAt }),
        )) === 1
      );
    },
    async get(id) {
      const key = keyOf(id);
      return readEntry(key, await redis.hgetall(key));
    },
    async update(id, change) {
      const pairs = changeFields(change);
      if (pairs.length === 0) return (await redis.exists(keyOf(id))) === 1;
      return (await updateScript(keyOf(id), ...pairs)) === 1;
    },
    async list() {
      await redis.zremrangebyscore(indexKey, '-inf', cutoff());
      const ids = await redis.zrange(indexKey, 0, -1);
      const leads: HeldLead[] = [];
      const gone: string[] = [];
      for (let start = 0; start < ids.length; start += LIST_BATCH) {
        const batch = ids.slice(start, start + LIST_BATCH);
        const pipeline = redis.pipeline();
        for (const id of batch) pipeline.hgetall(keyOf(id));
        const results = (await pipeline.exec()) ?? [];
        batch.forEach((id, position) => {
          const [error, fields] = results[position] ?? [new Error('no answer')];
          if (error) throw error;
          const lead = readEntry(keyOf(id), fields as Record<string, string>);
          if (lead) leads.push(lead);
          else gone.push(id);
        });
      }
      // Expired by Redis (or deleted) since it was indexed.
      if (gone.length > 0) await redis.zrem(indexKey, ...gone);
      return leads;
    },
    async delete(ids) {
      if (ids.length === 0) return 0;
      const results = await redis
        .multi()
        .del(...ids.map(keyOf))
        .zrem(indexKey, ...ids)
        .exec();
      const [error, deleted] = results?.[0] ?? [new Error('the delete was not run')];
      if (error) throw error;
      return Number(deleted);
    },
  };
};
