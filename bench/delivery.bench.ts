/**
 * Delivery under faults, end to end: companion (createDelivery) → relay (createRelay) → sandbox, all in-process.
 * A simulation, not a timing: it checks that every captured lead reaches the inbox exactly once while the network
 * drops requests and answers, a proxy answers 503, the upstream fails, latency is 0–2 s, the widget creates some
 * visitor UUIDs late, some visitors never open the chat (their leads must end up held by the relay), and pages
 * reload at random (after pagehide, or abruptly with no pagehide at all).
 *
 * Time runs SCALE times faster for everything (Date.now and setTimeout), so minutes of backoff pass in seconds.
 *
 *   npm run bench:delivery            # 1,000 leads
 *   npm run bench:delivery -- 3000 7  # leads, seed
 */
import { setMaxListeners } from 'node:events';
import { createDelivery, type Delivery } from '../src/browser/create-delivery';
import { EVENTS } from '../src/browser/events';
import { OUTBOX_KEY } from '../src/browser/outbox';
import { createRelay } from '../src/relay/core/create-relay';
import { createMemoryHeldLeadStore } from '../src/relay/stores/held-lead-store';
import { createSandbox } from '../src/sandbox/create-sandbox';
import { MemoryStorage } from '../test/browser/delivery-fakes';

const LEADS = Number(process.argv[2] ?? 1_000);
const SEED = Number(process.argv[3] ?? 1);
const SCALE = 100;
const WALL_LIMIT_MS = 110_000;
const ORIGIN = 'https://shop.example';
const RELAY_PATH = '/api/flowmatix/lead';
const BOT = { botId: 'bench-bot', customerId: 'bench-customer' };

// The fault matrix, per request from the page (fetch or beacon).
const FAULTS = {
  requestLost: 0.15, // network error before the relay sees the request
  proxy503: 0.2, // a proxy in front of the relay answers 503
  answerLost: 0.15, // the relay handled it (the PUT may be done), the answer never reaches the page
  latencyMs: [0, 2_000] as const,
  upstreamFailureRate: 0.2, // the sandbox answers 503 to the relay's PUT (the relay retries, then answers 502)
  uuidLate: 0.25, // share of visitors whose widget creates the UUID 0–20 s after they arrive
  neverOpens: 0.2, // share of visitors who never open the chat: no UUID ever
  reloadAtOnce: 0.25, // the submit navigates at once: pagehide in the same task
  reloadLater: 0.2, // the visitor moves on 0–3 s later...
  abrupt: 0.3, // ...and a third of those leave with no pagehide (tab killed, crash)
};

// mulberry32: a seeded generator, so a failing run can be replayed.
let state = SEED >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const between = (min: number, max: number) => min + random() * (max - min);

// The scaled clock: Date.now and setTimeout of the companion, the relay and the sandbox all run on it.
const realNow = Date.now;
const realSetTimeout = globalThis.setTimeout;
const start = realNow();
Date.now = () => start + (realNow() - start) * SCALE;
globalThis.setTimeout = ((handler: () => void, ms = 0, ...args: unknown[]) =>
  realSetTimeout(handler, ms / SCALE, ...args)) as typeof setTimeout;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The page globals delivery touches. Each page load gets its own `window` (read when a delivery is created and
// started); the document is shared, events are told apart by key.
const page = globalThis as unknown as Record<string, unknown>;
page.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true, writable: true });

const stats = { captured: 0, requests: 0, beacons: 0, reloads: 0, abrupt: 0, retries: 0, failed: [] as string[] };
const sentKeys = new Set<string>();
const doc = page.document as EventTarget;
setMaxListeners(0, doc);
doc.addEventListener(EVENTS.sent, (event) => sentKeys.add((event as CustomEvent).detail.key));
doc.addEventListener(EVENTS.queued, (event) => {
  if ((event as CustomEvent).detail.attempts) stats.retries++;
});
doc.addEventListener(EVENTS.failed, (event) => {
  const { key, code } = (event as CustomEvent).detail;
  stats.failed.push(`${key}: ${code}`);
});

const sandbox = createSandbox({ failureRate: FAULTS.upstreamFailureRate, random });
const heldLeadStore = createMemoryHeldLeadStore();
const relay = createRelay({
  heldLeadStore,
  token: sandbox.token,
  fetch: sandbox.fetch,
  bots: `${BOT.botId}:${BOT.customerId}`,
  rateLimit: false,
  logger: false,
  // The relay's own deadlines stretched by SCALE: they are about real time, and on the scaled clock a busy event
  // loop would otherwise look SCALE times slower and time out upstream PUTs that in fact went through.
  upstreamTimeoutMs: 8_000 * SCALE,
  upstreamDeadlineMs: 20_000 * SCALE,
});

const never = new Promise<never>(() => {});

/** The network between the page and the relay, with the fault matrix; what a browser adds to a same-origin POST. */
const network = async (url: string, init: RequestInit): Promise<Response> => {
  stats.requests++;
  const roll = random();
  const latency = between(...FAULTS.latencyMs);
  const there = latency * random();
  await sleep(there);
  if (roll < FAULTS.requestLost) throw new TypeError('Failed to fetch');
  if (roll < FAULTS.requestLost + FAULTS.proxy503) return new Response('Service Unavailable', { status: 503 });
  const headers = new Headers(init.headers);
  headers.set('Origin', ORIGIN);
  headers.set('Sec-Fetch-Site', 'same-origin');
  const answer = await relay.fetch(new Request(new URL(url, ORIGIN), { ...init, headers }));
  await sleep(latency - there);
  if (roll < FAULTS.requestLost + FAULTS.proxy503 + FAULTS.answerLost) throw new TypeError('Failed to fetch');
  return answer;
};

interface Page {
  delivery: Delivery;
  window: EventTarget;
  stop: () => void;
  gone: boolean;
}

interface Visitor {
  storage: MemoryStorage;
  uuid: string;
  uuidAt: number;
  page?: Page;
}

const load = (visitor: Visitor) => {
  const current = { window: new EventTarget(), gone: false } as Page;
  page.window = current.window;
  current.delivery = createDelivery({
    relayUrl: RELAY_PATH,
    storage: visitor.storage,
    identity: () => ({ ...BOT, uuid: Date.now() >= visitor.uuidAt ? visitor.uuid : undefined }),
    // A page that is gone never sees an answer; the request itself carries on, as keepalive requests do.
    fetch: ((url: string, init: RequestInit) =>
      network(url, init).then(
        (response) => (current.gone ? never : response),
        (error) => (current.gone ? never : Promise.reject(error)),
      )) as typeof fetch,
    sendBeacon: (url, data) => {
      stats.beacons++;
      network(url, { method: 'POST', body: data, headers: { 'Content-Type': (data as Blob).type } }).catch(() => {});
      return true;
    },
    random,
  });
  current.stop = current.delivery.start();
  visitor.page = current;
};

const leave = (visitor: Visitor, abrupt: boolean) => {
  const current = visitor.page!;
  if (abrupt) stats.abrupt++;
  else current.window.dispatchEvent(new Event('pagehide'));
  current.gone = true;
  current.stop();
  stats.reloads++;
};

const visit = async (leads: number[]) => {
  await sleep(between(0, 30_000));
  const roll = random();
  const visitor: Visitor = {
    storage: new MemoryStorage(),
    uuid: crypto.randomUUID(),
    uuidAt:
      roll < FAULTS.neverOpens
        ? Infinity
        : roll < FAULTS.neverOpens + FAULTS.uuidLate
          ? Date.now() + between(0, 20_000)
          : 0,
  };
  load(visitor);
  for (const n of leads) {
    await sleep(between(500, 8_000));
    visitor.page!.delivery.enqueue({
      name: `Visitor ${n}`,
      email: `lead-${n}@example.com`,
      notes: [{ title: 'Bench lead', description: `lead-${n}` }],
    });
    stats.captured++;
    const roll = random();
    if (roll < FAULTS.reloadAtOnce) {
      leave(visitor, false);
      load(visitor);
    } else if (roll < FAULTS.reloadAtOnce + FAULTS.reloadLater) {
      await sleep(between(0, 3_000));
      leave(visitor, random() < FAULTS.abrupt);
      load(visitor);
    }
  }
  // The visitor's last page stays open until every lead in its outbox is delivered, or held by the relay.
  while (waiting(visitor.storage)) await sleep(1_000);
};

const waiting = (storage: MemoryStorage): boolean =>
  (JSON.parse(storage.getItem(OUTBOX_KEY) ?? '[]') as { state: string }[]).some((entry) => entry.state !== 'held');

const visitors: number[][] = [];
for (let n = 0; n < LEADS; ) {
  const count = Math.min(LEADS - n, 1 + Math.floor(random() * 3));
  visitors.push(Array.from({ length: count }, (_, i) => n + i));
  n += count;
}

const wallStart = realNow();
const done = Promise.all(visitors.map(visit));
const outcome = await Promise.race([
  done.then(() => 'done' as const),
  new Promise<'timeout'>((resolve) => realSetTimeout(() => resolve('timeout'), WALL_LIMIT_MS)),
]);

const delivered = new Set(
  sandbox
    .chats()
    .flatMap((chat) => chat.profile?.notes ?? [])
    .map((note) => note.description)
    .filter((description) => description.startsWith('lead-')),
);
const leadOf = (notes: { description: string }[] | undefined) =>
  notes?.find((note) => note.description.startsWith('lead-'));
const held = new Set(
  (await heldLeadStore.list())
    .filter((entry) => !entry.attached)
    .map((entry) => leadOf(entry.lead.notes)?.description)
    .filter((description) => description !== undefined),
);
const attached = (await heldLeadStore.list()).filter((entry) => entry.attached).length;
const lost = stats.captured - new Set([...delivered, ...held]).size;
const puts = sandbox.puts();
const deliveredShare = delivered.size / stats.captured;
const putsPerLead = puts / delivered.size;
const virtualMinutes = (Date.now() - start) / 60_000;

console.log(`delivery bench: ${LEADS} leads, ${visitors.length} visitors, seed ${SEED}`);
console.log(
  `faults: ${Math.round((FAULTS.requestLost + FAULTS.proxy503 + FAULTS.answerLost) * 100)} % of page requests fail ` +
    `(${FAULTS.requestLost * 100} % lost, ${FAULTS.proxy503 * 100} % proxy 503, ${FAULTS.answerLost * 100} % answer lost), ` +
    `upstream 503 ${FAULTS.upstreamFailureRate * 100} %, latency ${FAULTS.latencyMs.join('–')} ms, ` +
    `late UUID ${FAULTS.uuidLate * 100} % of visitors, never opens the chat ${FAULTS.neverOpens * 100} %`,
);
console.log(
  `pages: ${stats.reloads} reloads (${stats.abrupt} without pagehide); requests: ${stats.requests} ` +
    `(${stats.beacons} beacons), ${stats.retries} retries`,
);
console.log(`simulated ${virtualMinutes.toFixed(1)} min in ${((realNow() - wallStart) / 1_000).toFixed(1)} s`);
console.log(
  `leads delivered to a chat / captured: ${delivered.size} / ${stats.captured} = ${(deliveredShare * 100).toFixed(1)} %`,
);
console.log(`leads held without a chat: ${held.size}; held, then attached to a chat: ${attached}; lost: ${lost}`);
console.log(`upstream PUTs per delivered lead: ${puts} / ${delivered.size} = ${putsPerLead.toFixed(3)}`);
console.log(`companion confirmations: ${sentKeys.size}; permanent failures: ${stats.failed.length}`);
for (const failure of stats.failed.slice(0, 10)) console.log(`  failed ${failure}`);

const ok =
  outcome === 'done' &&
  stats.captured === LEADS &&
  lost === 0 &&
  held.size > 0 &&
  [...held].every((lead) => !delivered.has(lead)) &&
  puts === delivered.size &&
  sentKeys.size === stats.captured;
if (outcome === 'timeout') console.log(`FAIL: not finished within ${WALL_LIMIT_MS / 1_000} s`);
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
