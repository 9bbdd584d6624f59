import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import { bundleEdgeEntry, importsLeftIn, type EdgeBundle } from './bundle-edge-entry';
import { edgeRuntimeBin, installEdgeRuntimes } from './install-edge-runtimes';
import { spawnServer, type SpawnedServer } from './spawn-server';

const BOT = { botId: 'bot-1', customerId: 'customer-1' };

let sandbox: RunningSandbox;
const bundles: EdgeBundle[] = [];

// `npm run test:scale` installs the runtimes before the suite starts; run alone, this file installs them itself.
beforeAll(async () => {
  await installEdgeRuntimes();
  sandbox = await startSandbox({ port: 0 });
}, 600_000);

afterAll(async () => {
  await sandbox?.close();
  await Promise.all(bundles.map((bundle) => bundle.remove()));
});

const relayEnv = () => ({
  FLOWMATIX_TOKEN: sandbox.token,
  FLOWMATIX_API_URL: sandbox.url,
  FLOWMATIX_BOTS: `${BOT.botId}:${BOT.customerId}`,
});

const bundle = async (entry: string): Promise<EdgeBundle> => {
  const built = await bundleEdgeEntry(entry);
  bundles.push(built);
  return built;
};

/** A capnp text literal (the values here are plain ASCII: JSON's escapes are capnp's). */
const capnpText = (value: string) => JSON.stringify(value);

/**
 * The same two cases on every runtime: a valid lead from the relay's own origin reaches the sandbox over
 * loopback, a cross-origin one is refused before anything goes upstream.
 */
const describeSmoke = (runtime: string, entry: string, start: (bundle: EdgeBundle) => Promise<SpawnedServer>) => {
  describe(`${runtime} smoke`, () => {
    let built: EdgeBundle;
    let relay: SpawnedServer;

    beforeAll(async () => {
      built = await bundle(entry);
      relay = await start(built);
    });

    afterAll(async () => {
      await relay?.stop();
    });

    const post = (origin: string, uuid: string, headers: Record<string, string> = {}) =>
      fetch(`${relay.url}/api/flowmatix/lead`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ uuid, ...BOT, name: 'Ada Lovelace', email: 'ada@example.com' }),
      });

    it(`${runtime} smoke: the relay bundle imports no module at all (the relay entry is Fetch-only)`, () => {
      expect(importsLeftIn(built.code)).toEqual([]);
      expect(built.code).toContain('forbidden_origin');
    });

    it(`${runtime} smoke: relays a valid lead to the sandbox over loopback`, async () => {
      const uuid = randomUUID();
      const before = sandbox.sandbox.puts();
      const response = await post(relay.url, uuid);
      const body = (await response.json()) as Record<string, unknown>;
      expect({ status: response.status, body, output: response.ok ? '' : relay.output() }).toMatchObject({
        status: 200,
        body: { ok: true, requestId: expect.any(String) },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(sandbox.sandbox.puts()).toBe(before + 1);
      expect(sandbox.sandbox.chats().find((chat) => chat.uuid === uuid)).toMatchObject({
        uuid,
        profile: { userDetails: { name: 'Ada Lovelace', contact: { email: 'ada@example.com' } } },
      });
    });

    // The idempotency key and body are hashed with the runtime's own SHA-256 where it has one (Deno, Bun) and in
    // plain JavaScript where it has none (workerd): either way a repeat is answered from the store.
    it(`${runtime} smoke: answers a repeat with the same Idempotency-Key from its store`, async () => {
      const uuid = randomUUID();
      const key = { 'idempotency-key': randomUUID() };
      const before = sandbox.sandbox.puts();
      const first = await post(relay.url, uuid, key);
      const repeat = await post(relay.url, uuid, key);
      expect([first.status, repeat.status, repeat.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
      expect(sandbox.sandbox.puts()).toBe(before + 1);
    });

    it(`${runtime} smoke: refuses a cross-origin lead with 403 forbidden_origin`, async () => {
      const before = sandbox.sandbox.puts();
      const response = await post('https://evil.example', randomUUID());
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, code: 'forbidden_origin' });
      expect(sandbox.sandbox.puts()).toBe(before);
    });
  });
};

describeSmoke('workerd', 'test/scale/fixtures/workerd-worker.ts', async (built) => {
  // The Worker's global fetch may reach 127.0.0.1 and nothing else; the socket listens on loopback only.
  const bindings = Object.entries(relayEnv())
    .map(([name, value]) => `(name = ${capnpText(name)}, text = ${capnpText(value)})`)
    .join(',\n      ');
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "relay", worker = .relayWorker),
    (name = "loopback", network = (allow = ["127.0.0.1/32"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "relay")],
);

const relayWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-06-01",
  bindings = [
      ${bindings}
  ],
  globalOutbound = "loopback",
);
`;
  await writeFile(join(built.dir, 'relay.capnp'), config);
  return spawnServer(edgeRuntimeBin('workerd'), ['serve', 'relay.capnp', '--control-fd=3'], {
    cwd: built.dir,
    env: { HOME: built.dir },
    ready: 'control-fd',
  });
});

describeSmoke('Deno', 'test/scale/fixtures/deno-server.ts', async (built) => {
  const denoDir = join(built.dir, 'deno-cache');
  await mkdir(denoDir);
  // Deno's permissions keep the relay to loopback and to the relay's own variables.
  return spawnServer(
    edgeRuntimeBin('deno'),
    [
      'run',
      '--no-prompt',
      '--no-config',
      '--no-lock',
      '--no-remote',
      '--no-npm',
      '--allow-net=127.0.0.1',
      `--allow-env=${Object.keys(relayEnv()).join(',')},FLOWMATIX_ALLOWED_ORIGINS,FLOWMATIX_TRUST_PROXY,FLOWMATIX_TOKEN_HEADER`,
      'worker.js',
    ],
    {
      cwd: built.dir,
      env: {
        ...relayEnv(),
        HOME: built.dir,
        DENO_DIR: denoDir,
        DENO_NO_UPDATE_CHECK: '1',
        DENO_NO_PROMPT: '1',
        NO_COLOR: '1',
      },
    },
  );
});

describeSmoke('Bun', 'test/scale/fixtures/bun-server.ts', async (built) => {
  // Bun has no permission system: the relay only knows loopback addresses, and installing packages is off.
  return spawnServer(edgeRuntimeBin('bun'), ['run', '--no-install', '--no-env-file', 'worker.js'], {
    cwd: built.dir,
    env: {
      ...relayEnv(),
      HOME: built.dir,
      BUN_INSTALL_CACHE_DIR: join(built.dir, 'bun-cache'),
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
      DO_NOT_TRACK: '1',
      NO_COLOR: '1',
    },
  });
});
