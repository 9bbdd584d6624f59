import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/sandbox/create-file-store';
import type { SandboxRecord } from '../../src/sandbox/sandbox-store';

const record = (uuid: string, name: string): SandboxRecord => ({
  botId: 'b',
  customerId: 'c',
  chat: { uuid, profile: { userDetails: { name } } },
});

describe('createFileStore', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'flowmatix-store-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('starts empty without a file, and a second store on the same file reads what the first saved', () => {
    const path = join(directory, 'nested', 'chats.json');
    const first = createFileStore(path);
    expect(first.list()).toEqual([]);
    first.save(record('u1', 'Ada'));
    first.save(record('u2', 'Grace'));
    first.save(record('u1', 'Ada Lovelace'));
    expect(createFileStore(path).list()).toEqual([record('u1', 'Ada Lovelace'), record('u2', 'Grace')]);
  });

  it('writes through a temporary file and leaves none behind', () => {
    const path = join(directory, 'chats.json');
    createFileStore(path).save(record('u1', 'Ada'));
    expect(readdirSync(directory)).toEqual(['chats.json']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, chats: [record('u1', 'Ada')] });
  });

  it('clear() empties the file too', () => {
    const path = join(directory, 'chats.json');
    const store = createFileStore(path);
    store.save(record('u1', 'Ada'));
    store.clear();
    expect(createFileStore(path).list()).toEqual([]);
  });

  it('refuses a file that is not a sandbox file rather than overwrite it', () => {
    const path = join(directory, 'notes.json');
    writeFileSync(path, '{"mine": true}');
    expect(() => createFileStore(path)).toThrow(/is not a sandbox file/);
    expect(readFileSync(path, 'utf8')).toBe('{"mine": true}');
  });

  it('keeps memory unchanged, and no temporary file, when the file cannot be replaced', () => {
    const path = join(directory, 'chats.json');
    const store = createFileStore(path);
    store.save(record('u1', 'Ada'));
    // A non-empty directory where the file was: the rename fails, whoever runs the test.
    rmSync(path);
    mkdirSync(path);
    writeFileSync(join(path, 'keep'), '');
    expect(() => store.save(record('u2', 'Grace'))).toThrow();
    expect(store.list()).toEqual([record('u1', 'Ada')]);
    expect(readdirSync(directory)).toEqual(['chats.json']);
  });
});
