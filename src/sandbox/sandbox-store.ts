import type { Chat } from '../shared/chat';

/** A chat and the bot and customer it belongs to (the list answer does not show them, the filter needs them). */
export interface SandboxRecord {
  botId: string;
  customerId: string;
  chat: Chat;
}

/**
 * Where a sandbox keeps its chats. A chat is identified by its bot, customer and uuid, so one bot's traffic never
 * touches another's. Every method is synchronous: the sandbox answers only after a change is stored.
 */
export interface SandboxStore {
  /** Every record, in the order chats were first stored. */
  list(): SandboxRecord[];
  get(botId: string, customerId: string, uuid: string): SandboxRecord | undefined;
  /** Stores a record, replacing the one with the same identity. When it throws, the store is unchanged. */
  save(record: SandboxRecord): void;
  clear(): void;
}

const keyOf = (botId: string, customerId: string, uuid: string): string => JSON.stringify([botId, customerId, uuid]);

/**
 * The default store: a `Map` in memory, optionally seeded.
 *
 * @example
 * const sandbox = createSandbox({ store: createMemoryStore(savedRecords) });
 */
export const createMemoryStore = (records: Iterable<SandboxRecord> = []): SandboxStore => {
  const byKey = new Map<string, SandboxRecord>();
  const save = (record: SandboxRecord): void => {
    byKey.set(keyOf(record.botId, record.customerId, record.chat.uuid), record);
  };
  for (const record of records) save(record);
  return {
    list: () => [...byKey.values()],
    get: (botId, customerId, uuid) => byKey.get(keyOf(botId, customerId, uuid)),
    save,
    clear: () => byKey.clear(),
  };
};
