/**
 * A server for the relay benchmark, in a process of its own so that its CPU and memory are its own:
 *
 *   node --import tsx bench/load-target.ts sandbox           # the sandbox, no faults, no latency
 *   node --import tsx bench/load-target.ts relay  URL TOKEN  # the relay (node listener) delivering to URL
 *   node --import tsx bench/load-target.ts bare   URL TOKEN  # a bare pass-through to URL: adds the token only
 *   node --import tsx bench/load-target.ts light                # an upstream that answers success at once
 *   node --import tsx bench/load-target.ts floor  URL TOKEN  # Hono forwarding the JSON body to URL, nothing checked
 *   node --import tsx bench/load-target.ts relay  URL TOKEN limited  # the relay, each address limited to 1 lead
 *
 * Started with `fork`: it sends `{ type: 'ready', url }` once listening, answers `{ type: 'memory' }` with
 * `{ type: 'memory', rssMb, retainedMb, cpuMs }` (`retainedMb`: JS heap used plus external memory; both after two
 * full GCs a moment apart when run with --expose-gc; `cpuMs` is the CPU time
 * the process has used so far, user and system, so that a load's cost per request can be told apart from time
 * spent waiting for a busy machine), forgets the sandbox's chats on
 * `{ type: 'reset' }`, and exits on `{ type: 'stop' }` (so that --cpu-prof writes its profile).
 */
import { Agent, createServer, request as httpRequest, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRelay } from '../src/relay/core/create-relay';
import { createNodeTransport, toNodeListener } from '../src/relay/adapters/node';
import { createSandbox } from '../src/sandbox/create-sandbox';
import { BENCH_BOT, RELAY_PATH } from './fixture-page';

const [kind, upstreamUrl = '', token = '', variant] = process.argv.slice(2);
const SUCCESS = JSON.stringify({ success: true, message: 'ok', code: 200 });

// Reads the body and answers the API's success envelope: an upstream that costs next to nothing, so that what the
// relay itself costs is not hidden behind a sandbox sharing the machine's cores.
const light = (): RequestListener => (request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(SUCCESS) });
    response.end(SUCCESS);
  });
};
const UPSTREAM_PATH = '/inbox/direct/lead';

const bare = (): RequestListener => {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true });
  return (request, response) => {
    const headers = { ...request.headers, host: upstream.host, 'x-bp-token': token };
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: UPSTREAM_PATH, method: 'PUT', headers, agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(forwarded);
  };
};

// The chosen stack at its lightest: a Hono app on @hono/node-server, as their docs show one, that reads the JSON body
// and PUTs it with the relay's node transport, checking nothing: what forwarding alone costs on this stack.
const floor = async (): Promise<RequestListener> => {
  const [{ Hono }, { getRequestListener }] = await Promise.all([import('hono'), import('@hono/node-server')]);
  const transport = createNodeTransport();
  const url = new URL(UPSTREAM_PATH, upstreamUrl).href;
  const app = new Hono();
  app.post(RELAY_PATH, async (context) => {
    const lead: unknown = await context.req.json();
    const answer = await transport({
      method: 'PUT',
      url,
      headers: { 'content-type': 'application/json', 'x-bp-token': token },
      body: JSON.stringify(lead),
      signal: AbortSignal.timeout(10_000),
      maxBodyBytes: 64 * 1024,
    });
    return context.json({ ok: answer.status === 200, upstream: JSON.parse(await answer.text()) as unknown });
  });
  return getRequestListener(app.fetch, { overrideGlobalObjects: true });
};

const sandbox = kind === 'sandbox' ? createSandbox() : undefined;
let listener: RequestListener;
if (sandbox) {
  const { getRequestListener } = await import('@hono/node-server');
  listener = getRequestListener(sandbox.fetch);
} else if (kind === 'relay') {
  // Configured as a Node process that serves the relay alone would be (as the CLI relay is).
  listener = toNodeListener(
    createRelay({
      token,
      apiUrl: upstreamUrl,
      bots: `${BENCH_BOT.botId}:${BENCH_BOT.customerId}`,
      transport: createNodeTransport(),
      // `limited`: every request past an address's first is refused, to weigh a 429.
      rateLimit:
        variant === 'limited' ? { ip: { capacity: 1, refillPerSecond: 1e-6 }, uuid: false, bot: false } : false,
      logger: false,
    }),
    { overrideGlobalObjects: true },
  );
} else if (kind === 'bare') {
  listener = bare();
} else if (kind === 'light') {
  listener = light();
} else if (kind === 'floor') {
  listener = await floor();
} else {
  throw new Error(`unknown load target ${kind}: sandbox, light, relay, bare or floor`);
}

const server = createServer({ keepAliveTimeout: 60_000 }, listener);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, token: sandbox?.token });
});

const gc = (globalThis as { gc?: () => void }).gc;
// A moment between two full GCs lets V8 finish the sweeping the first one started.
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

process.on('message', async (message: { type: string }) => {
  if (message.type === 'memory') {
    const { user, system } = process.cpuUsage();
    gc?.();
    await settle();
    gc?.();
    const { rss, heapUsed, external } = process.memoryUsage();
    const retainedMb = (heapUsed + external) / 2 ** 20;
    process.send?.({ type: 'memory', rssMb: rss / 2 ** 20, retainedMb, cpuMs: (user + system) / 1000 });
  } else if (message.type === 'reset') {
    sandbox?.reset();
    process.send?.({ type: 'reset' });
  } else if (message.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
