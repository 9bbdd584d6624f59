import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/start-sandbox';

const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
const directory = mkdtempSync(join(tmpdir(), 'flowmatix-sandbox-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const put = (url: string, token: string, body: unknown) =>
  fetch(`${url}/inbox/direct/lead`, {
    method: 'PUT',
    headers: { 'x-bp-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('startSandbox', () => {
  it('serves the sandbox on 127.0.0.1 and stops on close()', async () => {
    const running = await startSandbox({ port: 0, token: 'loopback' });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.token).toBe('loopback');
    const response = await put(running.url, 'loopback', { uuid: UUID, botId: 'b', customerId: 'c', name: 'Ada' });
    expect(response.status).toBe(200);
    expect(running.sandbox.puts()).toBe(1);
    await running.close();
    await running.close();
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
  });

  it('keeps chats in the persist file across a restart', async () => {
    const persistPath = join(directory, 'chats.json');
    const first = await startSandbox({ port: 0, persistPath });
    expect((await put(first.url, first.token, { uuid: UUID, botId: 'b', customerId: 'c', name: 'Ada' })).status).toBe(
      200,
    );
    await first.close();
    const second = await startSandbox({ port: 0, persistPath });
    try {
      expect(second.sandbox.chats()).toMatchObject([{ uuid: UUID, profile: { userDetails: { name: 'Ada' } } }]);
    } finally {
      await second.close();
    }
  });

  it('rejects when the port is taken', async () => {
    const first = await startSandbox({ port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startSandbox({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  it('refuses both a persist file and a store', async () => {
    const { createMemoryStore } = await import('../../src/sandbox/sandbox-store');
    await expect(startSandbox({ port: 0, persistPath: 'x.json', store: createMemoryStore() })).rejects.toThrow(
      TypeError,
    );
  });
});
