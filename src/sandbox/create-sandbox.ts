import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
// Types only: the chat shape is the API's, described once in the client's room.
import type { Chat } from '../shared/chat';
import { isUuid } from '../shared/is-uuid';
import { upstreamLeadSchema } from '../shared/lead-schema';
import { sleep } from '../shared/sleep';
import { applyLead } from './apply-lead';
import { createMemoryStore, type SandboxStore } from './sandbox-store';

// Fetch API and Hono only in this file: the sandbox runs in-process, on Node, and on edge runtimes alike.

/** The faults a sandbox can play, for tests and benchmarks. */
export interface SandboxFaults {
  /** Delay before each API answer: a fixed number of ms, or a range drawn uniformly. */
  latencyMs?: number | [min: number, max: number];
  /** Share of API requests (0 to 1) answered 503 at random. */
  failureRate?: number;
  /** Answer this status to the next `times` API requests (every request when `times` is omitted). */
  injectStatus?: { status: number; times?: number; retryAfter?: number };
}

export interface SandboxOptions extends SandboxFaults {
  /** The token both endpoints accept. Default: a random one (`sandbox.token`). */
  token?: string;
  /** Chats per page of the list. Default 20. */
  pageSize?: number;
  /** Source of randomness for faults and ids. Default `Math.random`. */
  random?: () => number;
  /** The clock for `createdAt`/`updatedAt`. Default the system clock. */
  now?: () => Date;
  /** Where chats live. Default: in memory. */
  store?: SandboxStore;
  /**
   * What a PUT for a uuid the sandbox has never seen gets. The vendor's page does not say, so both are modelled:
   * `'accept'` (default) creates the chat; `'reject'` answers 404 `Chat not found for uuid` and stores nothing.
   * A uuid is seen once it has a chat, or once the widget registered it (`POST /widget/visitors`,
   * {@link Sandbox.registerVisitor}).
   */
  unknownUuid?: UnknownUuid;
}

/** How a sandbox answers a PUT for a visitor uuid it has never seen. */
export type UnknownUuid = 'accept' | 'reject';

export interface Sandbox {
  /** The Hono app, to mount under another app or serve. */
  app: Hono;
  /** Answers one request in-process: pass it as a client's `fetch` and no socket is needed. */
  fetch: (request: Request) => Promise<Response>;
  token: string;
  /** Every stored chat, in the order they were created (copies: changing them changes nothing). */
  chats(): Chat[];
  /** How many PUTs were accepted since the start or the last `reset()`. */
  puts(): number;
  /**
   * Records that the widget made this visitor uuid, as `POST /widget/visitors` does: under
   * `unknownUuid: 'reject'` a PUT for it is then accepted. Throws a `TypeError` for a string that is not a UUID.
   */
  registerVisitor(uuid: string): void;
  /** Forgets every chat, registered visitor and the PUT count. Faults stay as they are. */
  reset(): void;
  /** Replaces the faults; `setFaults({})` turns them all off. */
  setFaults(faults: SandboxFaults): void;
}

/** The most a PUT body may weigh: far above any valid lead, far below what would hurt. */
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_PAGE_SIZE = 20;
const LEAD_PATH = '/inbox/direct/lead';
const CHATS_PATH = '/inbox/direct/chats';
const VISITORS_PATH = '/widget/visitors';
/** A registration is three short strings: anything much larger is not one. */
const MAX_VISITOR_BODY_BYTES = 4096;
/** Registered visitors kept at most, the oldest forgotten first: the route takes no token, so it is bounded. */
const MAX_VISITORS = 100_000;

interface Issue {
  path: (string | number)[];
  message: string;
}

const randomToken = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `sandbox-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
};

const checkFaults = (faults: SandboxFaults): SandboxFaults => {
  const { latencyMs, failureRate, injectStatus } = faults;
  const latencies = latencyMs === undefined ? [] : typeof latencyMs === 'number' ? [latencyMs] : latencyMs;
  const badRange = Array.isArray(latencyMs) && latencyMs[0] > latencyMs[1];
  if (badRange || latencies.some((ms) => !Number.isFinite(ms) || ms < 0)) {
    throw new RangeError('latencyMs is a number of ms from 0, or a [min, max] range of them');
  }
  if (failureRate !== undefined && !(failureRate >= 0 && failureRate <= 1)) {
    throw new RangeError('failureRate is a share from 0 to 1');
  }
  const status = injectStatus?.status;
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
    throw new RangeError('injectStatus.status is an HTTP status from 200 to 599');
  }
  return { ...faults, ...(injectStatus && { injectStatus: { ...injectStatus } }) };
};

/** Waits `ms`; resolves `false` early if the client goes away meanwhile. */
const pause = (ms: number, signal: AbortSignal): Promise<boolean> =>
  sleep(ms, signal).then(
    () => true,
    () => false,
  );

const answer = (c: Context, status: number, message: string, extra: Record<string, unknown> = {}): Response =>
  c.json({ success: status < 400, message, code: status, ...extra }, status as ContentfulStatusCode);

const filled = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

/** Whether a chat is a lead: it has any contact detail, a name, an email or a phone number. */
export const isLeadChat = (chat: Chat): boolean => {
  const details = chat.profile?.userDetails;
  return filled(details?.name) || filled(details?.contact?.email) || filled(details?.contact?.phone?.number);
};

/**
 * A local stand-in of the Flowmatix API: the same paths, token headers and envelopes, an upsert by uuid, and the
 * chat list in the documented shape. In memory unless given a store; faults on demand. With
 * `unknownUuid: 'reject'` it plays a vendor that creates no chat for a visitor its widget never made.
 *
 * @example
 * const sandbox = createSandbox({ token: 'dev' });
 * const client = createFlowmatixClient({ token: sandbox.token, fetch: sandbox.fetch, botId: 'b', customerId: 'c' });
 * await client.updateLead({ uuid, botId: 'b', customerId: 'c', name: 'Ada' });
 * sandbox.chats(); // [{ _id, uuid, profile: { userDetails: { name: 'Ada', ... } }, ... }]
 *
 * const strict = createSandbox({ unknownUuid: 'reject' });
 * strict.registerVisitor(uuid); // what the widget does when the visitor opens the chat
 */
export const createSandbox = (options: SandboxOptions = {}): Sandbox => {
  const token = options.token ?? randomToken();
  if (token === '') throw new TypeError('The sandbox token cannot be empty');
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize is a whole number from 1');
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const store = options.store ?? createMemoryStore();
  const unknownUuid = options.unknownUuid ?? 'accept';
  if (unknownUuid !== 'accept' && unknownUuid !== 'reject') {
    throw new RangeError(`unknownUuid is 'accept' or 'reject', not ${JSON.stringify(unknownUuid)}`);
  }
  let faults = checkFaults(options);
  let acceptedPuts = 0;
  // Keyed by uuid alone: the widget's visitor ids are random v4 values, so one never names two visitors.
  const visitors = new Set<string>();

  const registerVisitor = (uuid: string): void => {
    if (typeof uuid !== 'string' || !isUuid(uuid)) throw new TypeError('registerVisitor takes a visitor UUID');
    visitors.delete(uuid);
    visitors.add(uuid);
    if (visitors.size > MAX_VISITORS) visitors.delete(visitors.values().next().value as string);
  };

  // Shaped like a MongoDB ObjectId, as the API's ids are: 8 hex digits of seconds, then 16 random ones.
  const newId = (): string => {
    const seconds = Math.floor(now().getTime() / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8);
    return seconds + Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join('');
  };

  const app = new Hono();

  app.get('/', (c) =>
    answer(c, 200, 'Flowmatix sandbox', { data: { chats: store.list().length, pageSize, unknownUuid } }),
  );
  app.get('/health', (c) => answer(c, 200, 'ok'));

  app.use('/inbox/*', async (c, next) => {
    const { latencyMs, failureRate, injectStatus } = faults;
    if (latencyMs !== undefined) {
      const [min, max] = typeof latencyMs === 'number' ? [latencyMs, latencyMs] : latencyMs;
      // The client gave up: nothing is processed, like a request that never arrived.
      if (!(await pause(min + random() * (max - min), c.req.raw.signal))) return new Response(null, { status: 499 });
    }
    if (injectStatus && (injectStatus.times === undefined || injectStatus.times > 0)) {
      if (injectStatus.times !== undefined) injectStatus.times -= 1;
      if (injectStatus.retryAfter !== undefined) c.header('Retry-After', String(injectStatus.retryAfter));
      if ([204, 205, 304].includes(injectStatus.status)) return c.body(null, injectStatus.status as 204);
      return answer(c, injectStatus.status, `Injected status ${injectStatus.status}`, { success: false });
    }
    if (failureRate && random() < failureRate) return answer(c, 503, 'Injected failure');
    await next();
  });

  app.put(
    LEAD_PATH,
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => answer(c, 413, `The body is over ${MAX_BODY_BYTES} bytes`) }),
    async (c) => {
      if (c.req.header('x-bp-token') !== token) return answer(c, 401, 'The x-bp-token header is missing or wrong');
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return answer(c, 400, 'The body is not valid JSON');
      }
      const parsed = upstreamLeadSchema.safeParse(body);
      if (!parsed.success) {
        const errors: Issue[] = parsed.error.issues.map((issue) => ({
          path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
          message: issue.message,
        }));
        return answer(c, 400, 'The lead is not valid', { errors });
      }
      const lead = parsed.data;
      const existing = store.get(lead.botId, lead.customerId, lead.uuid);
      if (!existing && unknownUuid === 'reject' && !visitors.has(lead.uuid)) {
        return answer(c, 404, 'Chat not found for uuid');
      }
      const chat = applyLead(existing?.chat, lead, { now: now(), newId });
      store.save({ botId: lead.botId, customerId: lead.customerId, chat });
      acceptedPuts += 1;
      return answer(c, 200, 'ok');
    },
  );

  // The widget's own traffic, not the API: no token, no faults. It is how the sandbox learns a visitor exists.
  app.post(
    VISITORS_PATH,
    bodyLimit({
      maxSize: MAX_VISITOR_BODY_BYTES,
      onError: (c) => answer(c, 413, `The body is over ${MAX_VISITOR_BODY_BYTES} bytes`),
    }),
    async (c) => {
      let body: { botId?: unknown; customerId?: unknown; uuid?: unknown } | null;
      try {
        body = JSON.parse(await c.req.text()) as typeof body;
      } catch {
        return answer(c, 400, 'The body is not valid JSON');
      }
      const errors: Issue[] = [];
      const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
      if (!filled(body?.botId)) errors.push({ path: ['botId'], message: 'botId is required' });
      if (!filled(body?.customerId)) errors.push({ path: ['customerId'], message: 'customerId is required' });
      const uuid = body?.uuid;
      if (typeof uuid !== 'string' || !isUuid(uuid)) errors.push({ path: ['uuid'], message: 'uuid is a UUID' });
      if (errors.length > 0 || typeof uuid !== 'string') return answer(c, 400, 'The visitor is not valid', { errors });
      registerVisitor(uuid);
      return c.body(null, 204);
    },
  );

  app.get(CHATS_PATH, (c) => {
    if (c.req.header('x-bot-token') !== token) return answer(c, 401, 'The x-bot-token header is missing or wrong');
    const { botId, customerId, page, type } = c.req.query();
    const errors: Issue[] = [];
    if (!botId) errors.push({ path: ['botId'], message: 'botId is required' });
    if (!customerId) errors.push({ path: ['customerId'], message: 'customerId is required' });
    if (!page || !/^[1-9]\d{0,8}$/.test(page)) {
      errors.push({ path: ['page'], message: 'page is a whole number from 1' });
    }
    if (type !== 'lead' && type !== 'non-lead') {
      errors.push({ path: ['type'], message: 'type is "lead" or "non-lead"' });
    }
    if (errors.length > 0 || !botId || !customerId || !page) {
      return answer(c, 400, 'The query is not valid', { errors });
    }
    const wantLeads = type === 'lead';
    // Most recently updated first; among equals, the most recently created first.
    const chats = store
      .list()
      .filter((record) => record.botId === botId && record.customerId === customerId)
      .map((record) => record.chat)
      .filter((chat) => isLeadChat(chat) === wantLeads)
      .reverse()
      .sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
    const start = (Number(page) - 1) * pageSize;
    return answer(c, 200, 'ok', { data: chats.slice(start, start + pageSize) });
  });

  app.all(LEAD_PATH, (c) => {
    c.header('Allow', 'PUT');
    return answer(c, 405, `${c.req.method} is not allowed here: use PUT`);
  });
  app.all(CHATS_PATH, (c) => {
    c.header('Allow', 'GET');
    return answer(c, 405, `${c.req.method} is not allowed here: use GET`);
  });
  app.all(VISITORS_PATH, (c) => {
    c.header('Allow', 'POST');
    return answer(c, 405, `${c.req.method} is not allowed here: use POST`);
  });
  app.notFound((c) => answer(c, 404, `No route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((_error, c) => answer(c, 500, 'The sandbox failed to answer'));

  return {
    app,
    fetch: async (request) => app.fetch(request),
    token,
    chats: () => store.list().map((record) => structuredClone(record.chat)),
    puts: () => acceptedPuts,
    registerVisitor,
    reset() {
      store.clear();
      visitors.clear();
      acceptedPuts = 0;
    },
    setFaults(next) {
      faults = checkFaults(next);
    },
  };
};
