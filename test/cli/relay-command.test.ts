import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectSocket, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError, UsageError } from '../../src/cli/cli-error';
import { relayCommand } from '../../src/cli/relay-command';
import type { HeldLead } from '../../src/relay/stores/held-lead-store';
import { startSandbox } from '../../src/sandbox/start-sandbox';
import { buildOnce, ROOT } from '../helpers/build-once';
import { runCli } from './cli-harness';

const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
const LEAD = JSON.stringify({ uuid: UUID, botId: 'b', customerId: 'c', email: 'a@b.co' });
const TOKEN = 'fmx_live_cli_4Vb8Qw2Zr6Tn0Ys3Ua7';

/** Everything any relay in this file wrote, to check the token never shows. */
const written: string[] = [];

afterAll(() => {
  expect(written.join('\n')).not.toContain(TOKEN);
});

const capture = () => {
  const chunks: string[] = [];
  return {
    stream: {
      write: (chunk: string) => {
        chunks.push(chunk);
        written.push(chunk);
        return true;
      },
    },
    text: () => chunks.join(''),
  };
};

/** Runs the command in-process until `stop()`. */
const start = async (argv: string[], env: Record<string, string>) => {
  const stdout = capture();
  const stderr = capture();
  const controller = new AbortController();
  const exit = relayCommand.run(argv, { stdout: stdout.stream, stderr: stderr.stream, env, signal: controller.signal });
  let url = '';
  for (let waited = 0; !url && waited < 5_000; waited += 20) {
    url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1] ?? '';
    if (!url) await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 20))]);
  }
  expect(url).not.toBe('');
  return {
    url,
    stdout,
    stderr,
    stop: async () => {
      controller.abort();
      return exit;
    },
  };
};

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(`${url}/api/flowmatix/lead`, { method: 'POST', headers, body });

const json = { 'content-type': 'application/json' };

/** POSTs the lead to the relay at `url` as a browser that reached it under the name `host` would. */
const postAs = (url: string, host: string, origin = `http://${host}`): Promise<number> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const outgoing = request(
      {
        host: hostname,
        port,
        method: 'POST',
        path: '/api/flowmatix/lead',
        headers: { host, origin, 'sec-fetch-site': 'same-origin', ...json, 'content-length': Buffer.byteLength(LEAD) },
      },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve(incoming.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(LEAD);
  });

describe('relay command (in-process)', () => {
  it('runs against an in-process sandbox with no token, says so, and logs one JSON line per request', async () => {
    const relay = await start(['--sandbox', '--port', '0'], { FLOWMATIX_BOTS: 'b:c' });
    expect(relay.stdout.text()).toMatch(/in-process sandbox \(--sandbox\): no token needed/);
    expect(relay.stdout.text()).toMatch(/stores: +in memory, this process only/);
    const ok = await post(relay.url, LEAD, { ...json, origin: relay.url });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true });
    expect((await post(relay.url, LEAD, { ...json, origin: 'https://evil.example' })).status).toBe(403);
    expect(relay.stdout.text()).toContain(`health:    GET ${relay.url}/api/flowmatix/health`);
    expect(relay.stdout.text()).toContain(`preview:   POST ${relay.url}/api/flowmatix/preview`);
    const snapshot = {
      v: 2,
      form: 'Contact',
      page: '/contact',
      at: '2026-12-01T10:00:00.000Z',
      controls: [{ name: 'email', type: 'email', label: 'Email', value: 'ada@example.com' }],
    };
    const preview = await fetch(`${relay.url}/api/flowmatix/preview`, {
      method: 'POST',
      headers: { ...json, origin: relay.url },
      body: JSON.stringify(snapshot),
    });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ ok: true, lead: { email: 'ada@example.com' } });
    const health = await fetch(`${relay.url}/api/flowmatix/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, requestId: expect.any(String) });
    expect(await relay.stop()).toBe(0);
    const lines = relay.stdout
      .text()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.status, line.outcome])).toEqual([
      [200, 'ok'],
      [403, 'forbidden_origin'],
      [200, 'preview'],
      [200, 'health'],
    ]);
    expect(relay.stdout.text()).toMatch(/stopped/);
  });

  it('delivers to the API at FLOWMATIX_API_URL', async () => {
    const api = await startSandbox({ port: 0, token: TOKEN });
    try {
      const relay = await start(['--port', '0'], {
        FLOWMATIX_BOTS: 'b:c',
        FLOWMATIX_TOKEN: TOKEN,
        FLOWMATIX_API_URL: api.url,
      });
      for (const uuid of [UUID, '0b6cf3a4-6f44-4c4f-9d0e-2d6f1c1a7e55']) {
        const body = JSON.stringify({ ...JSON.parse(LEAD), uuid });
        expect((await post(relay.url, body, { ...json, origin: relay.url })).status).toBe(200);
      }
      await relay.stop();
      expect(api.sandbox.chats()).toHaveLength(2);
    } finally {
      await api.close();
    }
  });

  it('shows FLOWMATIX_API_URL without its user, password or query, at start and in every log line', async () => {
    const api = await startSandbox({ port: 0, token: TOKEN });
    const { host } = new URL(api.url);
    try {
      for (const [apiUrl, shown] of [
        [`http://apiuser:apipass@${host}/?token=qsecret`, `http://${host}`],
        ['http://apiuser:apipass@127.0.0.1:9/v7/?token=qsecret#qfrag', 'http://127.0.0.1:9/v7'],
      ] as const) {
        const relay = await start(['--port', '0'], {
          FLOWMATIX_BOTS: 'b:c',
          FLOWMATIX_TOKEN: TOKEN,
          FLOWMATIX_API_URL: apiUrl,
        });
        expect(relay.stdout.text()).toContain(`  upstream:  ${shown}\n`);
        await post(relay.url, LEAD, { ...json, origin: relay.url });
        await relay.stop();
        expect(relay.stdout.text()).toMatch(/"status":\d{3}/);
        expect(relay.stdout.text() + relay.stderr.text()).not.toMatch(/apiuser|apipass|qsecret|qfrag/);
      }
    } finally {
      await api.close();
    }
  });

  it('answers a request without Host, with a Host in capitals, or that Node cannot parse, as the relay, with one log line each', async () => {
    const relay = await start(['--sandbox', '--port', '0'], { FLOWMATIX_BOTS: 'b:c' });
    const { port } = new URL(relay.url);
    const raw = (host: string | undefined, method = 'POST') =>
      new Promise<string>((resolve, reject) => {
        const socket = connectSocket(Number(port), '127.0.0.1', () =>
          socket.end(
            [
              `${method} /api/flowmatix/lead HTTP/1.1`,
              ...(host === undefined ? [] : [`Host: ${host}`, `Origin: http://${host.toLowerCase()}`]),
              'Content-Type: application/json',
              `Content-Length: ${Buffer.byteLength(LEAD)}`,
              'Connection: close',
              '',
              LEAD,
            ].join('\r\n'),
          ),
        );
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
    const missing = await raw(undefined);
    expect(missing).toMatch(/^HTTP\/1\.1 400/);
    expect(missing).toMatch(/"code":"bad_request"/);
    expect(await raw(`LOCALHOST:${port}`)).toMatch(/^HTTP\/1\.1 200/);
    const unknownMethod = await raw(`localhost:${port}`, 'FOO');
    expect(unknownMethod).toMatch(/^HTTP\/1\.1 400/);
    expect(unknownMethod).toMatch(/"code":"bad_request"/);
    await relay.stop();
    const lines = relay.stdout
      .text()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.status, line.outcome])).toEqual([
      [400, 'bad_request'],
      [200, 'ok'],
      [400, 'bad_request'],
    ]);
  });

  it('ignores the real API settings in sandbox mode', async () => {
    const relay = await start(['--sandbox', '--port', '0'], {
      FLOWMATIX_BOTS: 'b:c',
      FLOWMATIX_TOKEN: TOKEN,
      FLOWMATIX_API_URL: 'http://127.0.0.1:9',
      FLOWMATIX_TOKEN_HEADER: 'x-other',
    });
    expect((await post(relay.url, LEAD, { ...json, origin: relay.url })).status).toBe(200);
    await relay.stop();
  });

  it('on a loopback address answers only for loopback names and the allowed origins’ hosts (DNS rebinding), and says so', async () => {
    const relay = await start(['--sandbox', '--port', '0'], {
      FLOWMATIX_BOTS: 'b:c',
      FLOWMATIX_ALLOWED_ORIGINS: 'https://shop.example',
    });
    const { port } = new URL(relay.url);
    expect(relay.stdout.text()).toMatch(
      /hosts: +localhost, 127\.0\.0\.1, \[::1\], shop\.example \(loopback default; set FLOWMATIX_ALLOWED_HOSTS to change\)/,
    );
    expect(await postAs(relay.url, `evil.example:${port}`)).toBe(403);
    expect(await postAs(relay.url, 'evil.example')).toBe(403);
    expect(await postAs(relay.url, `127.0.0.1:${port}`)).toBe(200);
    expect(await postAs(relay.url, `localhost:${port}`)).toBe(200);
    expect(await postAs(relay.url, `[::1]:${port}`)).toBe(200);
    // A proxy for the allowed origin that keeps its Host reaches the relay under that name.
    expect(await postAs(relay.url, 'shop.example', 'https://shop.example')).toBe(200);
    await relay.stop();
    const refused = relay.stdout
      .text()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"status":403'));
    expect(refused.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual([
      `host evil.example:${port} is not in allowedHosts`,
      'host evil.example is not in allowedHosts',
    ]);
  });

  it('answers for the hosts in FLOWMATIX_ALLOWED_HOSTS instead, when it is set', async () => {
    const relay = await start(['--sandbox', '--port', '0'], {
      FLOWMATIX_BOTS: 'b:c',
      FLOWMATIX_ALLOWED_HOSTS: 'leads.example',
    });
    expect(relay.stdout.text()).toMatch(/hosts: +leads\.example \(FLOWMATIX_ALLOWED_HOSTS\); other host names get 403/);
    expect(await postAs(relay.url, 'leads.example')).toBe(200);
    expect(await postAs(relay.url, new URL(relay.url).host)).toBe(403);
    await relay.stop();
  });

  it('takes PORT from the environment', async () => {
    const port = await freePort();
    const relay = await start(['--sandbox'], { FLOWMATIX_BOTS: 'b:c', PORT: String(port) });
    expect(relay.url).toBe(`http://127.0.0.1:${port}`);
    await relay.stop();
  });

  it('serves the companion when it is built', async () => {
    await buildOnce();
    const relay = await start(['--sandbox', '--port', '0'], { FLOWMATIX_BOTS: 'b:c' });
    const response = await fetch(`${relay.url}/flowmatix-leads.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d{6,}/);
    const etag = response.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await response.text()).length).toBeGreaterThan(1_000);
    expect((await fetch(`${relay.url}/flowmatix-leads.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    await relay.stop();
  }, 180_000);

  it.each([
    [[], {}, CliError, /FLOWMATIX_TOKEN/],
    [['--sandbox'], {}, CliError, /FLOWMATIX_BOTS/],
    [[], { FLOWMATIX_BOTS: 'b' }, CliError, /FLOWMATIX_BOTS: "b" is not a botId:customerId pair/],
    [['--port', 'eighty'], { FLOWMATIX_BOTS: 'b:c' }, UsageError, /--port is a port number/],
    [['--port', '70000'], { FLOWMATIX_BOTS: 'b:c' }, UsageError, /--port/],
    [['--sandbox'], { FLOWMATIX_BOTS: 'b:c', PORT: 'x' }, CliError, /PORT: /],
    [['--sandbox'], { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_TRUST_PROXY: 'x y' }, CliError, /FLOWMATIX_TRUST_PROXY/],
    [
      ['--sandbox'],
      { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_ALLOWED_HOSTS: '*.example.com' },
      CliError,
      /^FLOWMATIX_ALLOWED_HOSTS: "\*\.example\.com" is not a host name/,
    ],
    [[], { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_TOKEN: 'a\nb' }, CliError, /token: .*line break/],
    [['--verbose'], {}, UsageError, /unknown option --verbose/],
    [
      ['--sandbox'],
      { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_STORE_FAILURE: 'maybe' },
      CliError,
      /FLOWMATIX_STORE_FAILURE: expected "open" or "closed"/,
    ],
    [
      ['--sandbox'],
      { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_REDIS_URL: 'http://127.0.0.1:6379' },
      CliError,
      /^FLOWMATIX_REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/,
    ],
    [
      ['--sandbox'],
      { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_REDIS_URL: 'redis://:pa ss@[' },
      CliError,
      /^FLOWMATIX_REDIS_URL: expected a URL such as redis:\/\/127\.0\.0\.1:6379$/,
    ],
  ] as const)('refuses %j with %j clearly', async (argv, env, type, message) => {
    const run = relayCommand.run([...argv], { stdout: capture().stream, stderr: capture().stream, env });
    await expect(run).rejects.toThrow(type);
    await expect(
      relayCommand.run([...argv], { stdout: capture().stream, stderr: capture().stream, env }),
    ).rejects.toThrow(message);
  });

  it('lists the Redis, store-failure and allowed-hosts variables in its usage, with the loopback default', () => {
    expect(relayCommand.usage).toMatch(/^ {2}FLOWMATIX_ALLOWED_HOSTS +Host names the relay answers for/m);
    expect(relayCommand.usage).toMatch(/Default on a loopback --host: localhost, 127\.0\.0\.1, \[::1\]/);
    expect(relayCommand.usage).toMatch(/^ {2}FLOWMATIX_REDIS_URL +redis:\/\/ or rediss:\/\/ URL/m);
    expect(relayCommand.usage).toMatch(/^ {2}FLOWMATIX_STORE_FAILURE +When that store fails: open .* or closed/m);
  });

  it('lists the variables of leads without a chat UUID in its usage', () => {
    expect(relayCommand.usage).toMatch(/^ {2}FLOWMATIX_UNATTACHED +A lead without a chat UUID .*: hold \(default/m);
    expect(relayCommand.usage).toMatch(/mint \(make a UUID and deliver it; a refused one is\n +held\) or drop/);
    const names = [
      'FLOWMATIX_DATA_DIR',
      'FLOWMATIX_HELD_TTL_DAYS',
      'FLOWMATIX_FORWARD_URL',
      'FLOWMATIX_FORWARD_SECRET',
    ];
    for (const name of names) {
      expect(relayCommand.usage).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    }
  });

  describe('leads without a chat UUID', () => {
    const UNATTACHED = JSON.stringify({ botId: 'b', customerId: 'c', email: 'ada@example.com' });
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'flowmatix-relay-held-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('holds them in the file of FLOWMATIX_DATA_DIR, says where at start, and held list shows them', async () => {
      const env = { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_DATA_DIR: join(dir, 'hold') };
      const relay = await start(['--sandbox', '--port', '0'], env);
      try {
        const file = join(dir, 'hold', 'held-leads.jsonl');
        expect(relay.stdout.text()).toContain(
          `  no UUID:   hold (FLOWMATIX_UNATTACHED): leads without a chat UUID are kept in ${file} for 30 days\n`,
        );
        expect(relay.stdout.text()).toContain('  forward:   off (set FLOWMATIX_FORWARD_URL');
        const headers = { ...json, origin: relay.url, 'idempotency-key': 'held-key-1' };
        const response = await post(relay.url, UNATTACHED, headers);
        expect(response.status).toBe(202);
        expect(await response.json()).toMatchObject({ ok: true, held: true });
      } finally {
        expect(await relay.stop()).toBe(0);
      }
      const listed = await runCli(['held', 'list', '--format', 'json'], { env });
      expect((JSON.parse(listed.stdout) as HeldLead[]).map((held) => held.key)).toEqual(['held-key-1']);
    });

    it('says plainly at start that they are lost under FLOWMATIX_UNATTACHED=drop, and keeps none', async () => {
      const env = { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_DATA_DIR: join(dir, 'drop'), FLOWMATIX_UNATTACHED: 'drop' };
      const relay = await start(['--sandbox', '--port', '0'], env);
      try {
        expect(relay.stdout.text()).toContain(
          '  no UUID:   drop (FLOWMATIX_UNATTACHED): leads without a chat UUID are answered 202 and NOT kept: ' +
            'they are lost\n',
        );
        const response = await post(relay.url, UNATTACHED, { ...json, origin: relay.url });
        expect(response.status).toBe(202);
        expect(await response.json()).toMatchObject({ ok: true, held: false });
      } finally {
        await relay.stop();
      }
      expect((await runCli(['held', 'list', '--format', 'json'], { env })).stdout).toBe('[]\n');
    });

    it('names only the origin of FLOWMATIX_FORWARD_URL, whose path may be a secret', async () => {
      const env = {
        FLOWMATIX_BOTS: 'b:c',
        FLOWMATIX_DATA_DIR: join(dir, 'forward'),
        FLOWMATIX_FORWARD_URL: 'http://127.0.0.1:9/hooks/s3cr3t-path',
        FLOWMATIX_FORWARD_SECRET: 'forward-secret',
      };
      const relay = await start(['--sandbox', '--port', '0'], env);
      await relay.stop();
      expect(relay.stdout.text()).toContain(
        '  forward:   held leads are POSTed, signed, to http://127.0.0.1:9/… (FLOWMATIX_FORWARD_URL)\n',
      );
      expect(relay.stdout.text() + relay.stderr.text()).not.toMatch(/s3cr3t-path|forward-secret/);
    });
  });

  it('says which port is taken', async () => {
    const blocker = await listening();
    const port = (blocker.address() as { port: number }).port;
    const run = relayCommand.run(['--sandbox', '--port', String(port)], {
      stdout: capture().stream,
      stderr: capture().stream,
      env: { FLOWMATIX_BOTS: 'b:c' },
    });
    await expect(run).rejects.toThrow(new RegExp(`port ${port} is already in use`));
    blocker.close();
  });
});

describe('relay command without the ioredis package', () => {
  const missingIoredis = () => {
    vi.resetModules();
    vi.doMock('ioredis', () => {
      throw Object.assign(new Error("Cannot find package 'ioredis' imported from dist/relay-redis.js"), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    });
    return import('../../src/cli/relay-command');
  };

  afterEach(() => {
    vi.doUnmock('ioredis');
    vi.resetModules();
  });

  it('says in one line what to install when FLOWMATIX_REDIS_URL is set', async () => {
    const { relayCommand: command } = await missingIoredis();
    const run = command.run(['--sandbox', '--port', '0'], {
      stdout: capture().stream,
      stderr: capture().stream,
      env: { FLOWMATIX_BOTS: 'b:c', FLOWMATIX_REDIS_URL: 'redis://127.0.0.1:6379' },
    });
    await expect(run).rejects.toThrow(/^FLOWMATIX_REDIS_URL needs the ioredis package: npm i ioredis$/);
  });

  it('never loads it without FLOWMATIX_REDIS_URL', async () => {
    const { relayCommand: command } = await missingIoredis();
    const stdout = capture();
    const controller = new AbortController();
    const exit = command.run(['--sandbox', '--port', '0'], {
      stdout: stdout.stream,
      stderr: capture().stream,
      env: { FLOWMATIX_BOTS: 'b:c' },
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(stdout.text()).toMatch(/listening on/), { timeout: 20_000 });
    controller.abort();
    expect(await exit).toBe(0);
  }, 30_000);
});

const listening = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

const freePort = async (): Promise<number> => {
  const server = await listening();
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

const curl = promisify(execFile);

describe('relay command (spawned, the curl flow)', () => {
  beforeAll(() => buildOnce(), 180_000);

  it('FLOWMATIX_BOTS=b:c flowmatix-leads relay --sandbox: 200, then 403, 403 and 413', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/flowmatix-leads.js'), 'relay', '--sandbox', '--port', '0'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', FLOWMATIX_BOTS: 'b:c' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let url = '';
      for (let waited = 0; !url && child.exitCode === null && waited < 10_000; waited += 50) {
        url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
        if (!url) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(url, output).not.toBe('');
      const status = async (body: string, ...headers: string[]) => {
        const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}'];
        for (const header of headers) args.push('-H', header);
        const { stdout } = await curl('curl', [...args, '--data-binary', body, `${url}/api/flowmatix/lead`]);
        return stdout;
      };
      const big = JSON.stringify({ uuid: UUID, botId: 'b', customerId: 'c', name: 'x'.repeat(70_000) });
      expect(await status(LEAD, `Origin: ${url}`, 'Content-Type: application/json')).toBe('200');
      expect(await status(LEAD, 'Origin: https://evil.example', 'Content-Type: application/json')).toBe('403');
      expect(await status(LEAD, 'Content-Type: application/json')).toBe('403');
      expect(await status(big, `Origin: ${url}`, 'Content-Type: application/json')).toBe('413');
      expect(output).toMatch(/in-process sandbox/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(output).toMatch(/stopped/);
  }, 60_000);
});
