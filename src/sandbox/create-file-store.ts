import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createMemoryStore, type SandboxRecord, type SandboxStore } from './sandbox-store';

const FILE_VERSION = 1;

const isRecord = (value: unknown): value is SandboxRecord => {
  const record = value as Partial<SandboxRecord> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.botId === 'string' &&
    typeof record.customerId === 'string' &&
    typeof record.chat === 'object' &&
    record.chat !== null &&
    typeof record.chat.uuid === 'string'
  );
};

const readRecords = (path: string): SandboxRecord[] => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let content: { version?: unknown; chats?: unknown } | undefined;
  try {
    content = JSON.parse(text) as typeof content;
  } catch {
    content = undefined;
  }
  // Refuse rather than start empty: the next save would overwrite whatever the file held.
  if (content?.version !== FILE_VERSION || !Array.isArray(content.chats) || !content.chats.every(isRecord)) {
    throw new Error(`${path} is not a sandbox file (version ${FILE_VERSION}); move it away or choose another file`);
  }
  return content.chats;
};

const writeRecords = (path: string, records: SandboxRecord[]): void => {
  mkdirSync(dirname(path), { recursive: true });
  // Written beside the target and renamed over it: a crash leaves the old file or the new one, never half of one.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify({ version: FILE_VERSION, chats: records }, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
};

/**
 * A store kept in a JSON file: read once at creation, rewritten after every change. Writes are synchronous, so
 * the sandbox answers a PUT only once the file holds it, and a write that fails leaves both file and memory as
 * they were. Meant for a development sandbox's few hundred chats, not for volume.
 *
 * @example
 * const store = createFileStore('.flowmatix-sandbox.json');
 */
export const createFileStore = (path: string): SandboxStore => {
  const memory = createMemoryStore(readRecords(path));
  return {
    list: memory.list,
    get: memory.get,
    save(record) {
      const next = createMemoryStore(memory.list());
      next.save(record);
      writeRecords(path, next.list());
      memory.save(record);
    },
    clear() {
      writeRecords(path, []);
      memory.clear();
    },
  };
};
