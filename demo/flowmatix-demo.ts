import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Connect, Plugin, PluginOption } from 'vite';
import { createFlowmatixClient, DEFAULT_API_URL, DEFAULT_TOKEN_HEADER, type FlowmatixClient } from '../src/flowmatix';
import { relayOptionsFromEnv } from '../src/relay';
import { createFileHeldLeadStore, HELD_LEADS_FILE } from '../src/relay/stores/file-held-lead-store';
import type { HeldLeadStore } from '../src/relay/stores/held-lead-store';
import { DEFAULT_DATA_DIR } from '../src/relay/stores/open-held-lead-store';
import { flowmatixRelay, type FlowmatixRelayPluginOptions } from '../src/relay/adapters/vite';
import { createSandbox, type Sandbox } from '../src/sandbox';
import { isUuid } from '../src/shared/is-uuid';
import { INBOX_PATH, type DemoMode, type InboxView } from './inbox-view';
import { readHeldLeads } from './read-held-leads';
import { readInbox } from './read-inbox';

/** The bot and customer ids written in the demo pages' widget tag. */
export const DEMO_BOT = { botId: '6650f0c2a1b2c3d4e5f60718', customerId: '6650f0c2a1b2c3d4e5f60001' } as const;

/**
 * The policy every demo page is served with: no inline script, no eval, nothing from another origin. The companion
 * and the widget have to work under it, as they must on the strictest customer sites.
 */
export const DEMO_CSP = "default-src 'self'; script-src 'self'; connect-src 'self'";

/** Where the bakery's own (pretend) backend receives its native form posts and AJAX orders. */
const FORM_PATH = /^\/__demo\/form\/([a-z-]+)$/;
const ORDER_PATH = '/__demo/orders';
/** Where the stand-in widget announces a visitor who opened the chat, as the real widget tells its own server. */
const VISITORS_PATH = '/__demo/widget/visitors';
const BODY_LIMIT = 64 * 1024;
const VISITOR_BODY_LIMIT = 4096;

export interface FlowmatixDemoOptions {
  /** Where `FLOWMATIX_TOKEN` and friends are read. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * The upstream in sandbox mode. Default: a fresh in-memory sandbox that refuses a PUT for a visitor uuid the
   * widget never registered (`unknownUuid: 'reject'`), as the real vendor may. Tests pass their own to inspect it.
   */
  sandbox?: Sandbox;
  /**
   * Where the relay holds leads that have no chat UUID yet; the inbox panel lists them. Default: the file
   * `held-leads.jsonl` in `FLOWMATIX_DATA_DIR` (default `./.flowmatix-leads/`), which `flowmatix-leads held` reads.
   */
  heldLeadStore?: HeldLeadStore;
  /** Relay options laid over the demo's, e.g. `{ logger: false }` to keep a test run's output quiet. */
  relay?: FlowmatixRelayPluginOptions;
}

interface DemoSetup {
  mode: DemoMode;
  bot: { botId: string; customerId: string };
  relay: PluginOption;
  client: FlowmatixClient;
  upstream: string;
  token: string;
  banner: string;
  /** Learns a visitor the widget made; in live mode the real API learns them from the real widget, not from here. */
  registerVisitor: (uuid: string) => void;
  heldLeads: HeldLeadStore;
  /** Where held leads are kept, as the panel says it. */
  heldStore: string;
}

const firstBot = (bots: string): { botId: string; customerId: string } | undefined => {
  const [botId, customerId] = (bots.split(/[\s,]+/).find((item) => item !== '') ?? '').split(':');
  return botId && customerId ? { botId: botId.trim(), customerId: customerId.trim() } : undefined;
};

// The demo owns the held-lead store, so that the panel can list what the relay holds. It is the file
// `flowmatix-leads held` reads (run from the same directory), so a demo lead shows there too. Never Redis: the
// demo is one process on one machine.
const openHeldLeads = (
  given: HeldLeadStore | undefined,
  env: Record<string, string | undefined>,
): Pick<DemoSetup, 'heldLeads' | 'heldStore'> => {
  if (given) return { heldLeads: given, heldStore: 'its held-lead store' };
  const dir = resolve(env.FLOWMATIX_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  const path = relative(process.cwd(), join(dir, HELD_LEADS_FILE));
  // The retention alone is read here: the relay reads (and checks) the rest of the environment itself.
  const { heldTtlMs } = relayOptionsFromEnv({ FLOWMATIX_HELD_TTL_DAYS: env.FLOWMATIX_HELD_TTL_DAYS });
  return {
    heldLeads: createFileHeldLeadStore({ dir, ...(heldTtlMs !== undefined && { ttlMs: heldTtlMs }) }),
    heldStore: path.startsWith('..') || isAbsolute(path) ? join(dir, HELD_LEADS_FILE) : path,
  };
};

const setUp = (options: FlowmatixDemoOptions): DemoSetup => {
  const env = options.env ?? process.env;
  const token = env.FLOWMATIX_TOKEN ?? '';
  const bot = firstBot(env.FLOWMATIX_BOTS ?? '');
  const held = openHeldLeads(options.heldLeadStore, env);
  const heldLeads = held.heldLeads;
  if (token && bot) {
    const upstream = env.FLOWMATIX_API_URL || DEFAULT_API_URL;
    return {
      mode: 'api',
      bot,
      // The relay reads its whole env table (allowed origins, trust proxy, token header…) from the same place.
      relay: flowmatixRelay({ ...relayOptionsFromEnv(env), heldLeadStore: heldLeads, ...options.relay }),
      client: createFlowmatixClient({ token, apiUrl: upstream, ...bot }),
      upstream,
      token,
      registerVisitor: () => undefined,
      ...held,
      banner:
        `live mode: relaying leads to the Flowmatix API at ${upstream} for bot ${bot.botId} ` +
        '(FLOWMATIX_TOKEN and FLOWMATIX_BOTS are set)',
    };
  }
  const sandbox = options.sandbox ?? createSandbox({ unknownUuid: 'reject' });
  const banner = token
    ? 'sandbox mode: FLOWMATIX_TOKEN is set but FLOWMATIX_BOTS is not, so leads go to an in-process sandbox'
    : 'sandbox mode: leads go to an in-process sandbox, no token needed ' +
      '(set FLOWMATIX_TOKEN and FLOWMATIX_BOTS to relay to the real API)';
  return {
    mode: 'sandbox',
    bot: DEMO_BOT,
    // Pinned, so that a FLOWMATIX_* variable meant for the real API cannot point the relay away from the sandbox.
    relay: flowmatixRelay({
      token: sandbox.token,
      fetch: sandbox.fetch,
      apiUrl: DEFAULT_API_URL,
      tokenHeader: DEFAULT_TOKEN_HEADER,
      bots: [DEMO_BOT],
      heldLeadStore: heldLeads,
      ...options.relay,
    }),
    client: createFlowmatixClient({ token: sandbox.token, fetch: sandbox.fetch, ...DEMO_BOT }),
    upstream: 'in-process sandbox',
    token: sandbox.token,
    banner,
    registerVisitor: (uuid) => sandbox.registerVisitor(uuid),
    ...held,
  };
};

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(JSON.stringify(body));
};

/** Reads a request body as text; refuses runaway ones. */
const readText = (request: IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new Error('body too large'));
      } else {
        chunks.push(chunk);
      }
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/** Reads and discards a request body, as the pretend backend has nothing to keep; refuses runaway ones. */
const drain = async (request: IncomingMessage): Promise<void> => {
  await readText(request, BODY_LIMIT);
};

const visitorUuid = (text: string): string | undefined => {
  try {
    const uuid = (JSON.parse(text) as { uuid?: unknown } | null)?.uuid;
    return typeof uuid === 'string' && isUuid(uuid) ? uuid : undefined;
  } catch {
    return undefined;
  }
};

const demoRoutes = (setup: DemoSetup): Connect.NextHandleFunction => {
  let orders = 0;
  const scrub = (text: string): string => (setup.token ? text.split(setup.token).join('[token]') : text);

  return (request, response, next) => {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    if (request.method === 'GET' || request.method === 'HEAD') response.setHeader('Content-Security-Policy', DEMO_CSP);

    if (url.pathname === INBOX_PATH && request.method === 'GET') {
      const view = { mode: setup.mode, upstream: setup.upstream, ...setup.bot, heldStore: setup.heldStore };
      const describe = (error: unknown): string => scrub(error instanceof Error ? error.message : String(error));
      // Each part fails on its own: the view says what went wrong, without a failed request in the console.
      const leads = readInbox(setup.client, setup.bot).then(
        (found) => ({ leads: found }),
        (error: unknown) => ({ leads: [], error: describe(error) }),
      );
      const held = readHeldLeads(setup.heldLeads).then(
        (found) => ({ held: found }),
        (error: unknown) => ({ held: [], heldError: describe(error) }),
      );
      void Promise.all([leads, held]).then(([listed, kept]) =>
        sendJson(response, 200, { ...view, ...listed, ...kept } satisfies InboxView),
      );
      return;
    }

    if (url.pathname === VISITORS_PATH && request.method === 'POST') {
      readText(request, VISITOR_BODY_LIMIT).then(
        (text) => {
          const uuid = visitorUuid(text);
          if (!uuid) return sendJson(response, 400, { ok: false, message: 'uuid is a UUID' });
          setup.registerVisitor(uuid);
          response.statusCode = 204;
          response.end();
        },
        () => sendJson(response, 413, { ok: false }),
      );
      return;
    }

    const form = FORM_PATH.exec(url.pathname);
    if (form && request.method === 'POST') {
      drain(request).then(
        () => {
          response.statusCode = 303;
          response.setHeader('Location', `/demo/thanks.html?form=${form[1]}`);
          response.end();
        },
        () => sendJson(response, 413, { ok: false }),
      );
      return;
    }

    if (url.pathname === ORDER_PATH && request.method === 'POST') {
      drain(request).then(
        () => {
          orders += 1;
          sendJson(response, 200, { ok: true, order: `HC-${String(1040 + orders)}` });
        },
        () => sendJson(response, 413, { ok: false }),
      );
      return;
    }

    next();
  };
};

/**
 * The demo storefront's server side, for Vite's dev server: the relay (with an in-process sandbox as
 * its upstream unless `FLOWMATIX_TOKEN` and `FLOWMATIX_BOTS` are set) and the store of leads it holds without a
 * chat UUID, the dev-only inbox route the demo console reads (chats and held leads), the route the stand-in widget
 * registers its visitors on, the bakery's pretend form backend, and the strict CSP on every page.
 *
 * @example
 * // vite.config.ts
 * export default defineConfig({ plugins: [flowmatixDemo()] });
 */
export const flowmatixDemo = (options: FlowmatixDemoOptions = {}): PluginOption[] => {
  const setup = setUp(options);
  const routes = demoRoutes(setup);
  const demo: Plugin = {
    name: 'flowmatix-demo',
    configureServer(server) {
      server.middlewares.use(routes);
      server.httpServer?.once('listening', () => {
        server.config.logger.info(`  flowmatix  ${setup.banner}`);
        server.config.logger.info(`  flowmatix  leads without a chat UUID are held in ${setup.heldStore}`);
      });
      server.httpServer?.once('close', () => void setup.heldLeads.close?.());
    },
    transformIndexHtml(html) {
      // In live mode the widget tag has to name the configured bot, or the relay's allowlist refuses every lead.
      return setup.mode === 'api'
        ? html.replaceAll(`${DEMO_BOT.botId},${DEMO_BOT.customerId}`, `${setup.bot.botId},${setup.bot.customerId}`)
        : html;
    },
  };
  return [setup.relay, demo];
};
