import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, preview, type Plugin, type PreviewServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileHeldLeadStore } from '../../../src/relay/stores/file-held-lead-store';
import { flowmatixRelay } from '../../../src/relay/adapters/vite';
import { createSandbox } from '../../../src/sandbox/create-sandbox';
import { startSandbox } from '../../../src/sandbox/start-sandbox';
import { BOT, expectTokenNeverObserved, lead, observe, TOKEN, UUID } from '../core/relay-harness';

const root = mkdtempSync(join(tmpdir(), 'flowmatix-vite-'));
const companionFile = join(root, 'companion.js');
const sandbox = createSandbox({ token: TOKEN });
const plugin = () =>
  flowmatixRelay({
    token: sandbox.token,
    fetch: sandbox.fetch,
    bots: [BOT],
    companion: companionFile,
    logger: (entry) => observe(JSON.stringify(entry)),
  });

let dev: ViteDevServer;
let devUrl: string;
let previewServer: PreviewServer;
let previewUrl: string;

const urlOf = (address: ReturnType<NonNullable<ViteDevServer['httpServer']>['address']>): string =>
  typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';

beforeAll(async () => {
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>site</title>');
  writeFileSync(companionFile, 'window.companionLoaded = true;');
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>built</title>');
  dev = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1', strictPort: false, ws: false },
    plugins: [plugin()],
  });
  await dev.listen();
  devUrl = urlOf(dev.httpServer?.address() ?? null);
  previewServer = await preview({
    root,
    configFile: false,
    logLevel: 'silent',
    preview: { port: 0, host: '127.0.0.1' },
    plugins: [plugin()],
  });
  previewUrl = urlOf(previewServer.httpServer.address());
});

afterAll(async () => {
  await dev?.close();
  await new Promise((resolve) => previewServer?.httpServer.close(resolve));
  rmSync(root, { recursive: true, force: true });
  expectTokenNeverObserved();
});

const post = async (base: string, origin: string) => {
  const response = await fetch(`${base}/api/flowmatix/lead`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify(lead({ name: 'Ada' })),
  });
  const text = await response.text();
  observe(text);
  observe(JSON.stringify([...response.headers]));
  return { status: response.status, headers: response.headers };
};

describe('adapters: Vite', () => {
  it('relays a lead on the dev server', async () => {
    sandbox.reset();
    expect((await post(devUrl, devUrl)).status).toBe(200);
    expect(sandbox.chats().map((chat) => chat.uuid)).toEqual([UUID]);
  });

  it('answers before Vite, so Vite adds no CORS header, even for a localhost origin Vite would allow', async () => {
    const answer = await post(devUrl, 'http://localhost:5173');
    expect(answer.status).toBe(403);
    expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('serves the companion file, always revalidated during development', async () => {
    const response = await fetch(`${devUrl}/flowmatix-leads.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('window.companionLoaded = true;');
  });

  it('leaves every other path to Vite', async () => {
    const response = await fetch(`${devUrl}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>site</title>');
  });

  it('relays a lead on the preview server', async () => {
    sandbox.reset();
    expect((await post(previewUrl, previewUrl)).status).toBe(200);
    expect(sandbox.puts()).toBe(1);
    expect(await (await fetch(`${previewUrl}/`)).text()).toContain('<title>built</title>');
  });
});

/** Starts a dev server in `projectRoot` with `plugin`, runs `use` with its base URL, and closes it. */
const withDevServer = async <T>(projectRoot: string, plugin: Plugin, use: (base: string) => Promise<T>): Promise<T> => {
  const server = await createServer({
    root: projectRoot,
    configFile: false,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1', strictPort: false, ws: false },
    plugins: [plugin],
  });
  try {
    await server.listen();
    return await use(urlOf(server.httpServer?.address() ?? null));
  } finally {
    await server.close();
  }
};

/** Starts a dev server in `projectRoot` with `plugin`, posts one lead through it, and answers the status. */
const postThroughDevServer = (projectRoot: string, plugin: Plugin): Promise<number> =>
  withDevServer(projectRoot, plugin, async (base) => (await post(base, base)).status);

describe('adapters: Vite, with no fetch given', () => {
  it('delivers over Node’s own HTTP client to the API URL', async () => {
    const api = await startSandbox({ port: 0, token: TOKEN });
    try {
      const plugin = flowmatixRelay({
        token: TOKEN,
        apiUrl: api.url,
        bots: [BOT],
        companion: false,
        logger: (entry) => observe(JSON.stringify(entry)),
      });
      expect(await postThroughDevServer(root, plugin)).toBe(200);
      expect(api.sandbox.chats().map((chat) => chat.uuid)).toEqual([UUID]);
    } finally {
      await api.close();
    }
  });
});

describe('adapters: Vite, configured from the project’s .env files', () => {
  it('reads FLOWMATIX_* from .env and the mode’s file, the process environment winning', async () => {
    const api = await startSandbox({ port: 0, token: TOKEN });
    const project = mkdtempSync(join(tmpdir(), 'flowmatix-vite-env-'));
    writeFileSync(join(project, 'index.html'), '<!doctype html><title>site</title>');
    writeFileSync(
      join(project, '.env'),
      `FLOWMATIX_TOKEN=${TOKEN}\nFLOWMATIX_API_URL=http://127.0.0.1:9/unreachable\n`,
    );
    writeFileSync(join(project, '.env.development'), `FLOWMATIX_BOTS=${BOT.botId}:${BOT.customerId}\n`);
    const before = process.env.FLOWMATIX_API_URL;
    process.env.FLOWMATIX_API_URL = api.url;
    try {
      const plugin = flowmatixRelay({ companion: false, logger: (entry) => observe(JSON.stringify(entry)) });
      expect(await postThroughDevServer(project, plugin)).toBe(200);
      expect(api.sandbox.chats().map((chat) => chat.uuid)).toEqual([UUID]);
    } finally {
      if (before === undefined) delete process.env.FLOWMATIX_API_URL;
      else process.env.FLOWMATIX_API_URL = before;
      await api.close();
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('adapters: Vite, leads without a chat UUID', () => {
  it('holds them in the file of FLOWMATIX_DATA_DIR (from .env), where flowmatix-leads held reads them', async () => {
    const project = mkdtempSync(join(tmpdir(), 'flowmatix-vite-held-'));
    const dataDir = join(project, 'held-data');
    writeFileSync(join(project, 'index.html'), '<!doctype html><title>site</title>');
    writeFileSync(join(project, '.env'), `FLOWMATIX_DATA_DIR=${dataDir}\n`);
    const plugin = flowmatixRelay({
      token: sandbox.token,
      fetch: sandbox.fetch,
      bots: [BOT],
      companion: false,
      logger: (entry) => observe(JSON.stringify(entry)),
    });
    try {
      await withDevServer(project, plugin, async (base) => {
        const { uuid: _uuid, ...unattached } = lead({ email: 'ada@example.com' });
        const response = await fetch(`${base}/api/flowmatix/lead`, {
          method: 'POST',
          headers: { origin: base, 'content-type': 'application/json', 'idempotency-key': 'vite-held-1' },
          body: JSON.stringify(unattached),
        });
        observe(await response.clone().text());
        expect(response.status).toBe(202);
        expect(await response.json()).toMatchObject({ ok: true, held: true });
      });
      const [held] = await createFileHeldLeadStore({ dir: dataDir }).list();
      expect(held).toMatchObject({ key: 'vite-held-1', lead: { email: 'ada@example.com' } });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
