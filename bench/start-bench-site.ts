import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRelay } from '../src/relay/core/create-relay';
import { toNodeListener } from '../src/relay/adapters/node';
import { createSandbox, type Sandbox } from '../src/sandbox/create-sandbox';
import { BENCH_BOT, fixturePage, LANDING_PATH, type FixtureScript } from './fixture-page';

export interface BenchSite {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The in-process sandbox the relay delivers to. */
  sandbox: Sandbox;
  /** The URL of a fixture page; see `fixturePage`. */
  pageUrl(options: {
    uuid: string;
    script: FixtureScript['kind'];
    submit: 'landing' | 'frame' | 'ajax';
    run?: number;
  }): string;
  /** UUIDs of the leads the sandbox lists for the bench bot (its GET endpoint), newest first, up to `pages` pages. */
  listedUuids(pages?: number): Promise<Set<string>>;
  close(): Promise<void>;
}

// Cross-origin isolation gives the pages 5 µs timers instead of 100 µs ones; it changes nothing else they do.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const SCRIPT_KINDS = new Set(['companion', 'companion-inline', 'naive-fetch', 'none']);
const SUBMITS = new Set(['landing', 'frame', 'ajax']);

const send = (
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
) => {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...ISOLATION, ...extra });
  response.end(body);
};

const drain = (request: IncomingMessage): Promise<void> =>
  new Promise((resolve) => {
    request.resume();
    request.once('end', resolve);
    request.once('error', () => resolve());
  });

/**
 * Serves the bench pages, the built companion and the relay on one node:http server on 127.0.0.1 and a free port,
 * like a site owner's server: the relay (full validation, rate limits lifted, no logging) delivers to an
 * in-process sandbox with no added latency.
 *
 * @example
 * const site = await startBenchSite(companionSource);
 * await page.goto(site.pageUrl({ uuid, script: 'companion', submit: 'landing' }));
 */
export const startBenchSite = async (companion: string): Promise<BenchSite> => {
  const sandbox = createSandbox();
  const relay = toNodeListener(
    createRelay({
      token: sandbox.token,
      fetch: sandbox.fetch,
      bots: `${BENCH_BOT.botId}:${BENCH_BOT.customerId}`,
      rateLimit: false,
      logger: false,
    }),
  );
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    if (url.pathname.startsWith('/api/flowmatix/')) return void relay(request, response);
    if (url.pathname === '/flowmatix-leads.js') return send(response, 200, 'text/javascript', companion);
    // The widget's tag carries BotId,CustomerId; its script does nothing here.
    if (url.pathname === '/flowmatix.js') return send(response, 200, 'text/javascript', '');
    if (url.pathname === LANDING_PATH) {
      return void drain(request).then(() =>
        send(response, 200, 'text/html', '<!doctype html><title>Thank you</title><p>Thank you.</p>'),
      );
    }
    if (url.pathname === '/page') {
      const kind = url.searchParams.get('script') ?? '';
      const submit = url.searchParams.get('submit') ?? '';
      const uuid = url.searchParams.get('uuid') ?? '';
      if (!SCRIPT_KINDS.has(kind) || !SUBMITS.has(submit)) return send(response, 400, 'text/plain', 'bad page query');
      // A different source text on each load: V8 would otherwise answer a repeated inline script from its
      // compilation cache, which a first-time visitor never has.
      const script = (
        kind === 'companion-inline'
          ? { kind, source: `${companion}\n// run ${url.searchParams.get('run') ?? ''}` }
          : { kind }
      ) as FixtureScript;
      return send(response, 200, 'text/html', fixturePage({ uuid, script, submit: submit as 'landing' }));
    }
    send(response, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const listedUuids = async (pages = Number.POSITIVE_INFINITY): Promise<Set<string>> => {
    const uuids = new Set<string>();
    for (let page = 1; page <= pages; page++) {
      const query = new URLSearchParams({ ...BENCH_BOT, page: String(page), type: 'lead' });
      const answer = await sandbox.fetch(
        new Request(`http://sandbox/inbox/direct/chats?${query}`, { headers: { 'x-bot-token': sandbox.token } }),
      );
      const { data } = (await answer.json()) as { data?: { uuid: string }[] };
      if (!data || data.length === 0) return uuids;
      for (const chat of data) uuids.add(chat.uuid);
    }
    return uuids;
  };

  return {
    url,
    sandbox,
    pageUrl: ({ uuid, script, submit, run }) =>
      `${url}/page?${new URLSearchParams({ uuid, script, submit, ...(run !== undefined && { run: String(run) }) })}`,
    listedUuids,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
