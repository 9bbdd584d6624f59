import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { DEFAULT_API_URL } from '../flowmatix/create-flowmatix-client';
import { displayApiUrl } from '../flowmatix/redact-token';
import { companionFilePaths, readCompanionFile } from '../relay/adapters/companion-file';
import { createRelay } from '../relay/core/create-relay';
import { createHeldLeadForwarder } from '../relay/core/create-held-lead-forwarder';
import { loadRedisStores } from '../relay/stores/load-redis-stores';
import { createNodeTransport, toClientErrorListener, toNodeListener } from '../relay/adapters/node';
import { DEFAULT_HELD_TTL_MS } from '../relay/stores/held-lead-store';
import { openHeldLeadStore, type OpenedHeldLeadStore } from '../relay/stores/open-held-lead-store';
import type { RedisStores } from '../relay/stores/redis';
import { RelayConfigurationError } from '../relay/core/relay-configuration-error';
import { relayOptionsFromEnv } from '../relay/core/relay-options-from-env';
import type { RelayOptions } from '../relay/core/relay-options';
import { COMPANION_PATH } from '../relay/core/serve-companion';
import { createSandbox } from '../sandbox/create-sandbox';
import { DEFAULT_HEALTH_PATH, DEFAULT_RELAY_PATH } from '../shared/relay-protocol';
import type { CliCommand, CliIo } from './cli-command';
import { CliError, UsageError } from './cli-error';
import { parseCommandArgs } from './parse-command-args';
import { waitForStop } from './wait-for-stop';

const DEFAULT_PORT = 8787;
const DEFAULT_HOST = '127.0.0.1';
// Long enough for a Redis on the network to answer; short enough that a relay whose Redis is down starts anyway.
const REDIS_READY_MS = 3000;

const USAGE = `Usage: flowmatix-leads relay [--port 8787] [--host 127.0.0.1] [--sandbox]

Serve the relay: POST leads from your site's pages to /api/flowmatix/lead, and it delivers them to Flowmatix
with your token. Also serves the companion script at /flowmatix-leads.js and a health check at
GET /api/flowmatix/health. Stops on Ctrl-C.

Options:
  --port PORT        Port to listen on (default: PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --host HOST        Address to listen on (default ${DEFAULT_HOST}: this machine only)
  --sandbox          Deliver to an in-process sandbox instead of Flowmatix: no token needed, leads stay in memory
  -h, --help         Show this help

Environment:
  FLOWMATIX_TOKEN            The API token (required without --sandbox)
  FLOWMATIX_BOTS             Allowed bots, botId:customerId[,...] (required)
  FLOWMATIX_API_URL          Default https://api.v7.flowmatix.ai
  FLOWMATIX_ALLOWED_ORIGINS  Extra exact origins, e.g. https://www.example.com
  FLOWMATIX_ALLOWED_HOSTS    Host names the relay answers for, e.g. leads.example.com,localhost:5173; requests
                             for other names get 403. Default on a loopback --host: localhost, 127.0.0.1, [::1]
                             and the hosts of FLOWMATIX_ALLOWED_ORIGINS (against DNS rebinding); otherwise any
  FLOWMATIX_TRUST_PROXY      false, true, a number of proxies, or a header such as cf-connecting-ip
  FLOWMATIX_TOKEN_HEADER     Default x-bp-token
  FLOWMATIX_REDIS_URL        redis:// or rediss:// URL: rate limits and idempotency keys shared by every relay
                             on it (needs the ioredis package); default in memory, this process only
  FLOWMATIX_STORE_FAILURE    When that store fails: open (default, serve without it) or closed (answer 503)
  FLOWMATIX_UNATTACHED       A lead without a chat UUID (the visitor never opened the chat): hold (default: keep
                             it, see flowmatix-leads held), mint (make a UUID and deliver it; a refused one is
                             held) or drop (answer 202 and keep nothing)
  FLOWMATIX_DATA_DIR         Where held leads are kept without FLOWMATIX_REDIS_URL (default ./.flowmatix-leads/);
                             with it they are kept in that Redis
  FLOWMATIX_HELD_TTL_DAYS    How long held leads are kept, then erased (default 30)
  FLOWMATIX_FORWARD_URL      Also POST each held lead there, signed, retried until it answers 2xx
  FLOWMATIX_FORWARD_SECRET   The secret that signs them (required with FLOWMATIX_FORWARD_URL)
  PORT                       Default ${DEFAULT_PORT}
`;

const parsePort = (value: string): number => {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`--port is a port number from 0 to 65535, not "${value}"`);
  }
  return Number(value);
};

// Host names a browser on this machine uses for a loopback relay, as Vite's server.allowedHosts allows by default.
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

const isLoopback = (host: string): boolean => {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (address === 'localhost' || address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
};

/**
 * On a loopback address the relay holds a real token for whoever can reach 127.0.0.1, and a page on any domain
 * can, by pointing its name there (DNS rebinding): unless FLOWMATIX_ALLOWED_HOSTS says otherwise, only the
 * loopback names, the address listened on and the hosts of the allowed origins are answered.
 */
const defaultAllowedHosts = (options: RelayOptions, host: string): string[] | undefined => {
  if (options.allowedHosts !== undefined || !isLoopback(host)) return undefined;
  const listened = isIP(host) === 6 ? `[${host}]` : host;
  const origins =
    typeof options.allowedOrigins === 'string' ? [options.allowedOrigins] : (options.allowedOrigins ?? []);
  return [...new Set([...LOOPBACK_NAMES, listened, ...origins.map((origin) => new URL(origin).hostname)])];
};

const describeHosts = (hosts: string | readonly string[] | undefined, defaulted: boolean): string => {
  if (hosts === undefined) return 'any (set FLOWMATIX_ALLOWED_HOSTS to answer only for your host names)';
  const list = typeof hosts === 'string' ? hosts : hosts.join(', ');
  return `${list}${defaulted ? ' (loopback default; set FLOWMATIX_ALLOWED_HOSTS to change)' : ' (FLOWMATIX_ALLOWED_HOSTS)'}; other host names get 403`;
};

const toCliError = (error: unknown): unknown =>
  error instanceof RelayConfigurationError ? new CliError(error.message) : error;

const configure = (io: CliIo, sandboxMode: boolean) => {
  try {
    const { port, ...fromEnv } = relayOptionsFromEnv(io.env);
    if (!sandboxMode) return { port, options: fromEnv, sandbox: undefined };
    // Unknown visitor UUIDs are accepted: the site's real widget creates them, and this sandbox cannot hear of them.
    const sandbox = createSandbox({ unknownUuid: 'accept' });
    // The sandbox takes its own token in the default header, whatever the environment says about the real API.
    const { token: _token, apiUrl: _apiUrl, tokenHeader: _tokenHeader, ...rest } = fromEnv;
    const options: RelayOptions = { ...rest, token: sandbox.token, fetch: sandbox.fetch };
    return { port, options, sandbox };
  } catch (error) {
    throw toCliError(error);
  }
};

/** The Redis stores when FLOWMATIX_REDIS_URL is set. ioredis is an optional peer: it is loaded only then. */
const createStores = async (url: string, heldTtlMs: number): Promise<RedisStores> => {
  try {
    return await loadRedisStores(url, { heldTtlMs });
  } catch (error) {
    throw toCliError(error);
  }
};

const openHeld = async (io: CliIo, ttlMs: number, stores: RedisStores | undefined): Promise<OpenedHeldLeadStore> => {
  try {
    return await openHeldLeadStore(io.env, {
      ttlMs,
      ...(stores && { redisStores: stores }),
      onWarning: (message) => io.stderr.write(`flowmatix-leads: warning: ${message}\n`),
    });
  } catch (error) {
    throw toCliError(error);
  }
};

const days = (ms: number): string => {
  const count = Math.round((ms / 86_400_000) * 100) / 100;
  return `${count} day${count === 1 ? '' : 's'}`;
};

/** What happens to a lead without a chat UUID, said plainly: the owner must know when such leads are dropped. */
const describeUnattached = (options: RelayOptions, where: string, ttlMs: number): string => {
  switch (options.unattached ?? 'hold') {
    case 'drop':
      return 'drop (FLOWMATIX_UNATTACHED): leads without a chat UUID are answered 202 and NOT kept: they are lost';
    case 'mint':
      return `mint (FLOWMATIX_UNATTACHED): leads without a chat UUID get a new one; refused ones are kept in ${where}`;
    default:
      return `hold (FLOWMATIX_UNATTACHED): leads without a chat UUID are kept in ${where} for ${days(ttlMs)}`;
  }
};

// The forward URL's path is often a secret of its own (automation hooks): only its origin is shown.
const describeForward = (options: RelayOptions): string =>
  options.forward
    ? `held leads are POSTed, signed, to ${new URL(options.forward.url).origin}/… (FLOWMATIX_FORWARD_URL)`
    : 'off (set FLOWMATIX_FORWARD_URL and FLOWMATIX_FORWARD_SECRET to receive each held lead)';

const listen = (server: Server, port: number, host: string): Promise<AddressInfo> =>
  new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new CliError(`port ${port} is already in use on ${host}: choose another with --port`)
          : error.code === 'EACCES'
            ? new CliError(`not allowed to listen on ${host}:${port}: choose a port above 1023 with --port`)
            : new CliError(`cannot listen on ${host}:${port}: ${error.message}`),
      );
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve(server.address() as AddressInfo);
    });
  });

const urlHost = (address: AddressInfo): string =>
  address.family === 'IPv6' ? `[${address.address}]` : address.address;

/**
 * `flowmatix-leads relay`: the relay on node:http, configured from the environment, with the built companion at
 * `/flowmatix-leads.js`. `--sandbox` puts an in-process sandbox behind it, so it works with no token at all.
 * On a loopback address it answers only for loopback host names unless `FLOWMATIX_ALLOWED_HOSTS` is set.
 * With `FLOWMATIX_REDIS_URL` its rate limits and idempotency keys live in Redis, shared with every relay on the
 * same Redis; a Redis that is not reachable at start is a warning, not an error: the relay serves under
 * `FLOWMATIX_STORE_FAILURE` until Redis answers. Each request is logged as one JSON line on standard output.
 */
export const relayCommand: CliCommand = {
  name: 'relay',
  summary: 'Serve the relay (and the companion script) from this machine',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      sandbox: { type: 'boolean' },
    });
    const sandboxMode = values.sandbox === true;
    const { port: envPort, options, sandbox } = configure(io, sandboxMode);
    const port = values.port === undefined ? (envPort ?? DEFAULT_PORT) : parsePort(values.port.trim());
    const host = values.host?.trim() || DEFAULT_HOST;
    const storeFailure = options.storeFailure ?? 'open';
    const defaultHosts = defaultAllowedHosts(options, host);
    const allowedHosts = defaultHosts ?? options.allowedHosts;
    const redisUrl = io.env.FLOWMATIX_REDIS_URL?.trim() || undefined;
    const heldTtlMs = options.heldTtlMs ?? DEFAULT_HELD_TTL_MS;
    const stores = redisUrl === undefined ? undefined : await createStores(redisUrl, heldTtlMs);
    let stopForwarding: (() => void) | undefined;
    let held: OpenedHeldLeadStore | undefined;
    try {
      held = await openHeld(io, heldTtlMs, stores);
      const log = (entry: { level: string }) =>
        (entry.level === 'error' ? io.stderr : io.stdout).write(`${JSON.stringify(entry)}\n`);
      let relay;
      try {
        // A forwarder of the CLI's own, so that held leads due again are swept on a timer, even with no requests.
        const forwarder =
          options.forward && createHeldLeadForwarder({ ...options.forward, store: held.store, logger: log });
        relay = createRelay({
          ...options,
          // The sandbox is reached in process, by its fetch; the API over Node's own HTTP client.
          ...(options.fetch === undefined && { transport: createNodeTransport() }),
          ...(allowedHosts !== undefined && { allowedHosts }),
          ...(stores && { rateLimitStore: stores.rateLimitStore, idempotencyStore: stores.idempotencyStore }),
          heldLeadStore: held.store,
          ...(forwarder && { forwarder }),
          companionScript: () => readCompanionFile(companionFilePaths(process.cwd())),
          logger: log,
        });
        stopForwarding = forwarder?.start();
      } catch (error) {
        throw toCliError(error);
      }
      if (stores) {
        try {
          await stores.ready(REDIS_READY_MS);
        } catch {
          // The URL may hold a password: it is not repeated.
          io.stderr.write(
            `flowmatix-leads: warning: Redis (FLOWMATIX_REDIS_URL) is not reachable yet; until it is, requests are served ${
              storeFailure === 'open' ? 'without rate limits or duplicate checks' : 'with 503 unavailable'
            } (FLOWMATIX_STORE_FAILURE=${storeFailure})\n`,
          );
        }
      }

      // This process serves the relay alone: the lightweight Request and Response are safe here. An HTTP/1.1
      // request without Host, and one Node's parser refuses, get the relay's JSON and log line, not Node's bare 400.
      const server = createServer({ requireHostHeader: false }, toNodeListener(relay, { overrideGlobalObjects: true }));
      server.on('clientError', toClientErrorListener(relay));
      const address = await listen(server, port, host);
      const base = `http://${urlHost(address)}:${address.port}`;
      const leads = `${base}${options.path ?? DEFAULT_RELAY_PATH}`;
      const companion = await readCompanionFile(companionFilePaths(process.cwd()));
      io.stdout.write(
        [
          `flowmatix-leads relay listening on ${base}`,
          `  leads:     POST ${leads}`,
          // Beside the lead path, as the relay and the companion's debug() resolve it.
          `  preview:   POST ${new URL('preview', leads).href} (what a form maps to; nothing is sent upstream)`,
          `  health:    GET ${base}${DEFAULT_HEALTH_PATH}`,
          `  hosts:     ${describeHosts(allowedHosts, defaultHosts !== undefined)}`,
          `  companion: ${companion === undefined ? 'not built yet (npm run build creates dist/flowmatix-leads.js)' : `${base}${COMPANION_PATH}`}`,
          sandbox
            ? '  upstream:  in-process sandbox (--sandbox): no token needed, leads are kept in memory until the relay stops'
            : `  upstream:  ${displayApiUrl(new URL(options.apiUrl ?? DEFAULT_API_URL))}`,
          stores
            ? `  stores:    Redis (FLOWMATIX_REDIS_URL), shared by every relay on it; if it fails: ${storeFailure} (FLOWMATIX_STORE_FAILURE)`
            : '  stores:    in memory, this process only (set FLOWMATIX_REDIS_URL to share them between relays)',
          `  no UUID:   ${describeUnattached(options, held.where, heldTtlMs)}`,
          `  forward:   ${describeForward(options)}`,
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );

      await waitForStop(io);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    } finally {
      stopForwarding?.();
      await held?.close();
      await stores?.close();
    }
    io.stdout.write('flowmatix-leads relay stopped\n');
    return 0;
  },
};
