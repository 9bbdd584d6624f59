import { Hono, type Context } from 'hono';
import { FlowmatixError } from '../../flowmatix/flowmatix-error';
import type { UpstreamLead } from '../../shared/lead';
import {
  IDEMPOTENCY_KEY_HEADER,
  RELAY_ERROR_STATUS,
  type RelayErrorCode,
  type RelayIssue,
  type RelaySuccess,
} from '../../shared/relay-protocol';
import { checkRateLimits, rateLimitHeaders, type RateLimitOutcome } from './check-rate-limits';
import { classifyContentType } from './classify-content-type';
import { deliverOnce, type Attempt } from './deliver-once';
import { gateRequest } from './gate-request';
import { getClientIp } from './get-client-ip';
import { headerView } from './header-view';
import { heldLeadId } from '../stores/held-lead-id';
import type { HeldLead } from '../stores/held-lead-store';
import type { StoredResponse } from '../stores/idempotency-store';
import { ipBucketKey } from './ip-bucket-key';
import { jsonResponse } from './json-response';
import { answerMalformedRequests, readMalformedRequest } from './malformed-request';
import { botKey } from './parse-bots';
import { preflightRefusal } from './preflight-refusal';
import { previewLead } from './preview-lead';
import { readBody } from './read-body';
import { readIdempotencyKey } from './read-idempotency-key';
import { readLeadIdentity } from './read-lead-identity';
import type { RelayLogEntry, RelayLogger } from './relay-log-entry';
import type { RelayOptions } from './relay-options';
import { resolveRelayOptions, type ResolvedRelayOptions } from './resolve-relay-options';
import { COMPANION_PATH, serveCompanion } from './serve-companion';
import { sha256Hex } from './sha256-hex';
import { summarizeDropped } from './summarize-dropped';
import { toUpstreamLead } from './to-upstream-lead';
import { validateLeadBody } from './validate-lead-body';

/** What a request's log entry accumulates while it is handled. */
type LogState = Partial<Omit<RelayLogEntry, 'time' | 'requestId' | 'method' | 'path' | 'status' | 'latencyMs'>>;

interface RequestState {
  requestId: string;
  log: LogState;
  /** Runs a task past the answer: with the runtime's `waitUntil` where there is one, else on its own. */
  background: (task: Promise<unknown>) => void;
}

/** What one relay remembers between requests. */
interface RelayRuntime {
  /** The cause of the held-lead store's last failure, until a write succeeds: it is logged once, not each time. */
  heldStoreFailure: string | undefined;
  /** When the relay last swept its forwarder for held leads due again. */
  lastSweepAt: number;
}

/** The outcome of the upstream call, before it becomes an answer. */
type Delivery =
  | { ok: true }
  | { ok: false; code: 'upstream_error' | 'upstream_timeout'; upstreamStatus: number; upstreamCode: string };

const POLL_MS = 100;
// How often a relay that built its own forwarder sweeps it for held leads due again, while it serves requests.
const SWEEP_EVERY_MS = 60_000;
// Seconds before a request refused by a failing store is worth retrying: the Redis stores reconnect with a backoff
// capped at 2 s (FAIL_FAST_REDIS_OPTIONS).
const STORE_RETRY_AFTER = '5';
// Seconds before a duplicate answered `in_flight` is worth retrying: its first request has ended or is about to.
const IN_FLIGHT_RETRY_AFTER = '2';

const describeError = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${typeof error}`).slice(0, 300);

// The path is the one piece of a log entry a client writes freely: bounded so a long URL cannot bloat the log.
const logPath = (path: string): string => (path.length > 200 ? `${path.slice(0, 200)}…` : path);
// Messages may quote what a request sent (a host, an origin): bounded too, so a log line stays under 2 KB.
const logMessage = (message: string): string => (message.length > 600 ? `${message.slice(0, 600)}…` : message);

const fail = (
  state: RequestState,
  code: RelayErrorCode,
  message: string,
  extra: { issues?: RelayIssue[]; headers?: Record<string, string> } = {},
): Response => {
  state.log.outcome = code;
  return jsonResponse(
    RELAY_ERROR_STATUS[code],
    { ok: false, requestId: state.requestId, code, message, ...(extra.issues && { issues: extra.issues }) },
    extra.headers,
  );
};

/** The answer to any method but POST on a path that takes POST only; a CORS preflight is told why it fails. */
const postOnly = (request: Request, state: RequestState): Response => {
  const preflight = preflightRefusal(request);
  if (preflight) state.log.message = preflight.reason;
  return fail(state, 'method_not_allowed', preflight?.message ?? 'Only POST is accepted here.', {
    headers: { Allow: 'POST' },
  });
};

/**
 * Creates the relay: a Hono app whose `fetch` is a portable `(Request, env?) => Promise<Response>`. It takes a lead
 * from a page of the site on `POST {path}` and delivers it to Flowmatix with the token, which never leaves the
 * server. Each request passes, in order: the host check (`allowedHosts`), the origin gate, the content type, the
 * body cap and deadline, JSON, the idempotency key, the rate limits (address, then visitor and bot, read from the
 * parsed body without validating it, so that a refused request costs little), the wire format (a body with
 * `"v": 2` is a snapshot of the form's controls: checked, bounded and mapped to a lead first; one without `v` is a
 * lead), the lead schema (lists checked up to twice their limits, the rest cut unread), the bot allowlist, the idempotency check; then the fields a visitor may
 * not set are stripped and the lead goes upstream. A repeat of a lead already delivered (same idempotency key,
 * visitor and body) is answered from the idempotency store before the rate limits. An answer and its log entry name
 * ten dropped fields at most, with their count beside them. Every answer
 * is JSON with a `requestId`, `Cache-Control: no-store`, no CORS header, and nothing from the upstream answer. A
 * request that throws gets 500 `internal_error`; the app keeps serving. Options are checked at once: bad ones throw
 * a `RelayConfigurationError`.
 *
 * A lead without a uuid (the visitor never opened the chat) passes the same gates and the address and bot limits,
 * then meets the `unattached` policy: by default it is written to `heldLeadStore` before the answer, 202
 * `{ ok: true, held: true }` (503 `unavailable` when the store cannot write), and forwarded in the background when
 * `forward` or `forwarder` is set. When the same lead (same bot and idempotency key) comes back with a uuid and is
 * delivered, its held copy is marked attached.
 *
 * `POST` on `previewPath` (default beside the relay path: `/api/flowmatix/preview`) takes a wire format 2 snapshot
 * through the same host and origin gates, content type, body cap and rate limits, and answers 200
 * `{ ok: true, lead, fields, requestId }`: the lead it maps to (without identity, after the phone and text steps)
 * and what each control became, with `dropped` as for a lead. It never calls Flowmatix, writes no store but the
 * rate limits' and reads no idempotency key.
 *
 * `GET`/`HEAD` on `healthPath` (default `/api/flowmatix/health`) answers 200 `{ ok: true, requestId }` without
 * touching Flowmatix or the stores, for load balancers and uptime checks.
 *
 * Mount it with `app.fetch` (Workers, Deno, Bun, Vercel), `toNodeListener(app)` (node:http, Express, Connect) or
 * the `flowmatixRelay` Vite plugin. On Node, give it `transport: createNodeTransport()` from the same entry as
 * `toNodeListener`: it reaches Flowmatix over node:http at a fraction of the CPU the global fetch costs.
 *
 * @example
 * const relay = createRelay({ token: process.env.FLOWMATIX_TOKEN, bots: '64f0a1:65b2c3' });
 * export default { fetch: relay.fetch };
 */
export const createRelay = (options: RelayOptions): Hono => {
  const config = resolveRelayOptions(options);
  const runtime: RelayRuntime = { heldStoreFailure: undefined, lastSweepAt: Number.NEGATIVE_INFINITY };
  const app = new Hono();

  const serve = async (
    c: Context,
    handle: (request: Request, env: unknown, state: RequestState) => Promise<Response>,
  ): Promise<Response> => {
    const startedAt = config.now();
    const state: RequestState = { requestId: crypto.randomUUID(), log: {}, background: inBackground(c) };
    // A request the adapter could not parse: answered and logged as the client sent it.
    const malformed = readMalformedRequest(c.req.raw);
    let response: Response;
    try {
      response = malformed ? fail(state, 'bad_request', malformed.message) : await handle(c.req.raw, c.env, state);
    } catch (error) {
      state.log.level = 'error';
      state.log.message = describeError(error);
      response = fail(state, 'internal_error', 'The relay could not handle this request. Try again later.');
    }
    if (config.logger) {
      log(config.logger, {
        time: new Date(startedAt).toISOString(),
        level: state.log.level ?? 'info',
        requestId: state.requestId,
        method: malformed?.method ?? c.req.method,
        path: logPath(malformed?.path ?? c.req.path),
        status: response.status,
        outcome: state.log.outcome ?? 'ok',
        ...stripUndefined(state.log),
        ...(state.log.message !== undefined && { message: logMessage(state.log.message) }),
        latencyMs: Math.max(0, config.now() - startedAt),
      });
    }
    return response;
  };

  app.post(config.path, (c) =>
    serve(c, (request, env, state) => {
      sweepIfDue(config, runtime, state);
      return handleLead(config, runtime, request, env, state);
    }),
  );
  app.all(config.path, (c) => serve(c, async (request, _env, state) => postOnly(request, state)));
  const { previewPath } = config;
  if (previewPath !== undefined) {
    app.post(previewPath, (c) => serve(c, (request, env, state) => handlePreview(config, request, env, state)));
    app.all(previewPath, (c) => serve(c, async (request, _env, state) => postOnly(request, state)));
  }
  const { healthPath } = config;
  if (healthPath !== undefined) {
    // Hono answers HEAD with the GET route, without the body. Nothing here reads the stores or calls upstream, and
    // the answer says nothing of the configuration: a health check must not become a probe.
    app.get(healthPath, (c) =>
      serve(c, async (_request, _env, state) => {
        state.log.outcome = 'health';
        return jsonResponse(200, { ok: true, requestId: state.requestId });
      }),
    );
    app.all(healthPath, (c) =>
      serve(c, async (_request, _env, state) =>
        fail(state, 'method_not_allowed', 'Only GET and HEAD are accepted here.', { headers: { Allow: 'GET, HEAD' } }),
      ),
    );
  }
  const { companionScript } = config;
  if (companionScript !== undefined) {
    app.get(COMPANION_PATH, (c) =>
      serve(c, async (request, _env, state) => {
        state.log.outcome = 'companion';
        const script = typeof companionScript === 'function' ? await companionScript() : companionScript;
        return serveCompanion(request, script, config.companionCacheControl);
      }),
    );
  }
  app.notFound((c) =>
    serve(c, async (_request, _env, state) =>
      fail(state, 'not_found', `Nothing here: the relay listens on POST ${config.path}.`),
    ),
  );
  // Reached only if Hono itself fails around a handler; `serve` already answers for errors inside one.
  app.onError((error, c) => {
    const requestId = crypto.randomUUID();
    if (config.logger) {
      log(config.logger, {
        time: new Date(config.now()).toISOString(),
        level: 'error',
        requestId,
        method: c.req.method,
        path: logPath(c.req.path),
        status: 500,
        outcome: 'internal_error',
        latencyMs: 0,
        message: describeError(error),
      });
    }
    return jsonResponse(500, {
      ok: false,
      requestId,
      code: 'internal_error',
      message: 'The relay could not handle this request. Try again later.',
    });
  });
  return answerMalformedRequests(app);
};

/**
 * Where a runtime gives handlers an execution context (Workers, Vercel Edge), a task is handed to its `waitUntil`,
 * which keeps the isolate alive for it; elsewhere (Node, Deno, Bun) a pending promise keeps running by itself.
 */
const inBackground =
  (c: Context) =>
  (task: Promise<unknown>): void => {
    const settled = task.catch(() => undefined);
    let context: { waitUntil(promise: Promise<unknown>): void } | undefined;
    try {
      context = c.executionCtx;
    } catch {
      // Hono throws when the runtime gave none.
      context = undefined;
    }
    context?.waitUntil(settled);
  };

/**
 * A relay that built its forwarder from `forward` retries held leads due again as it serves, at most once a
 * minute, in the background: on an edge runtime requests are the only clock there is.
 */
const sweepIfDue = (config: ResolvedRelayOptions, runtime: RelayRuntime, state: RequestState): void => {
  if (!config.sweepsForwarder || config.forwarder === undefined) return;
  const now = config.now();
  if (now - runtime.lastSweepAt < SWEEP_EVERY_MS) return;
  runtime.lastSweepAt = now;
  state.background(config.forwarder.sweep());
};

const stripUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;

const log = (logger: RelayLogger, entry: RelayLogEntry): void => {
  try {
    logger(entry);
  } catch {
    // A broken logger must not turn answered requests into failures.
  }
};

/** Where one lead request stands once it passed the gates, the schema and the allowlist. */
interface LeadRequest {
  config: ResolvedRelayOptions;
  runtime: RelayRuntime;
  state: RequestState;
  /** `botId:customerId`. */
  bot: string;
  /** The idempotency key the sender gave, if any. */
  key: string | undefined;
  /** What a success answers, before `requestId` and the unattached fields. */
  success: Omit<RelaySuccess, 'requestId'>;
  /** The upstream body, all but the uuid. */
  body: Omit<UpstreamLead, 'uuid'>;
  /** The idempotency store's scoped key and fingerprint, when the request goes through it. */
  scoped: { key: string; fingerprint: string } | undefined;
  /** The idempotency store failed earlier in this request and the relay fails open: it is not used again. */
  idempotencyStoreDown: boolean;
}

/** A request that passed the gates, with its body read and parsed. */
interface ArrivedJson {
  headers: ReturnType<typeof headerView>;
  /** The body as sent: the idempotency fingerprint. */
  text: string;
  json: unknown;
}

/**
 * The gates every body passes, on the relay path and the preview path alike: host and origin, content type, the
 * body cap and deadline, JSON. Answers the refusal when one says no.
 */
const readJsonRequest = async (
  config: ResolvedRelayOptions,
  request: Request,
  state: RequestState,
): Promise<ArrivedJson | Response> => {
  const verdict = gateRequest(request, config);
  if (!verdict.allowed) {
    state.log.message = verdict.reason;
    return fail(state, 'forbidden_origin', verdict.message);
  }
  const headers = headerView(request);

  const kind = classifyContentType(headers.get('content-type'));
  if (kind === undefined || (kind === 'text' && !verdict.sameOrigin)) {
    return fail(
      state,
      'unsupported_media_type',
      'Send the lead as application/json (text/plain is accepted only from a page of the same origin).',
    );
  }

  const body = await readBody(request, { maxBytes: config.bodyLimit, timeoutMs: config.bodyTimeoutMs });
  if (!body.ok) return fail(state, body.code, body.message);

  try {
    return { headers, text: body.text, json: JSON.parse(body.text) as unknown };
  } catch {
    return fail(state, 'invalid_json', 'The body is not valid JSON.');
  }
};

const handleLead = async (
  config: ResolvedRelayOptions,
  runtime: RelayRuntime,
  request: Request,
  env: unknown,
  state: RequestState,
): Promise<Response> => {
  const arrived = await readJsonRequest(config, request, state);
  if (arrived instanceof Response) return arrived;
  const { headers, json } = arrived;

  // Nothing is validated before the limits: a refused request costs a parse and a few type checks. The bot and
  // visitor are read raw, and counted only when the allowlist serves the bot (a made-up bot id never makes a bucket).
  const identity = readLeadIdentity(json);
  const served = identity.bot !== undefined && config.bots.has(identity.bot) ? identity.bot : undefined;
  const record =
    typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const idempotency = readIdempotencyKey(headers.get(IDEMPOTENCY_KEY_HEADER), record);
  if (!idempotency.ok) return fail(state, idempotency.code, idempotency.message, { issues: idempotency.issues });

  // Scoped by bot and visitor, so that one visitor's key never reads another's outcome. An unattached lead goes
  // through the store only to be minted a uuid once; its scope has an empty visitor line, which no uuid has.
  const scoped =
    idempotency.key === undefined ||
    served === undefined ||
    (identity.visitor === undefined && !(identity.unattached && config.unattached === 'mint'))
      ? undefined
      : {
          key: `idem:${sha256Hex(`${served}\n${identity.visitor ?? ''}\n${idempotency.key}`)}`,
          // The raw body, key field included: a fetch and a beacon of one lead send the same bytes.
          fingerprint: sha256Hex(arrived.text),
        };

  // A repeat of a delivered lead costs neither Flowmatix nor the inbox anything: it is answered before the rate
  // limits, so a browser whose 200 was lost gets it at once instead of waiting out a limit it did not exceed.
  // A store that fails here gets the storeFailure policy at once, rather than a second wait for it further on.
  let idempotencyStoreDown = false;
  if (scoped) {
    try {
      const delivered = await config.idempotencyStore.peek?.(scoped.key, scoped.fingerprint);
      if (delivered) return replay(state, delivered);
    } catch (error) {
      const refused = idempotencyStoreFailed(config, state, error);
      if (refused) return refused;
      idempotencyStoreDown = true;
    }
  }

  const refused = await applyRateLimits(config, request, env, identity.visitor, served, state);
  if (refused) return refused;

  // A snapshot (wire format 2) is mapped to a lead here, and from then on is one like any other.
  const validated = validateLeadBody(json);
  if (!validated.ok) return fail(state, validated.code, validated.message, { issues: validated.issues });
  const { lead, dropped } = validated;

  const bot = botKey(lead.botId, lead.customerId);
  if (!config.bots.has(bot)) return fail(state, 'unknown_bot', 'This bot is not served by this relay.');

  const summary = summarizeDropped(dropped);
  Object.assign(state.log, summary);
  const { uuid } = lead;

  const context: LeadRequest = {
    config,
    runtime,
    state,
    bot,
    key: idempotency.key,
    success: { ok: true, ...summary },
    body: toUpstreamLead(lead, dropped, config.defaults),
    scoped,
    idempotencyStoreDown,
  };
  if (uuid !== undefined) return deliverAttached(context, uuid);
  switch (config.unattached) {
    case 'hold':
      return holdUnattached(context);
    case 'mint':
      return mintUnattached(context);
    case 'drop':
      state.log.outcome = 'unattached_dropped';
      return jsonResponse(202, { ...context.success, held: false, requestId: state.requestId });
  }
};

/**
 * Answers what a snapshot maps to, after the gates and the rate limits a lead passes (the visitor and bot read from
 * the body, as for a lead). Sends nothing, stores nothing, reads no idempotency key.
 */
const handlePreview = async (
  config: ResolvedRelayOptions,
  request: Request,
  env: unknown,
  state: RequestState,
): Promise<Response> => {
  const arrived = await readJsonRequest(config, request, state);
  if (arrived instanceof Response) return arrived;
  const { json } = arrived;

  const identity = readLeadIdentity(json);
  const served = identity.bot !== undefined && config.bots.has(identity.bot) ? identity.bot : undefined;
  const refused = await applyRateLimits(config, request, env, identity.visitor, served, state);
  if (refused) return refused;

  const preview = previewLead(json);
  if (!preview.ok) return fail(state, preview.code, preview.message, { issues: preview.issues });
  const summary = summarizeDropped(preview.dropped);
  Object.assign(state.log, summary);
  return jsonResponse(200, {
    ok: true,
    lead: preview.lead,
    fields: preview.fields,
    ...summary,
    requestId: state.requestId,
  });
};

/** Delivers a lead that has its uuid, once per idempotency key, and marks a held copy of it attached. */
const deliverAttached = async (context: LeadRequest, uuid: string): Promise<Response> => {
  const { config, state, success } = context;
  const upstreamLead: UpstreamLead = { uuid, ...context.body };
  const once = await deliverOnceOrNot<Delivery>(context, async () => {
    const result = await deliver(config, state, upstreamLead);
    return result.ok ? { result, stored: { status: 200, body: success } } : { result };
  });
  if ('response' in once) return once.response;
  if (!once.result.ok) return upstreamFailed(state, once.result);
  await markAttached(context, uuid);
  return jsonResponse(200, { ...success, requestId: state.requestId });
};

/** What minting came to: delivered with a new uuid, held after Flowmatix refused it, or neither. */
type Minting =
  | { kind: 'minted' }
  | { kind: 'held' }
  | { kind: 'hold_failed' }
  | { kind: 'failed'; delivery: Extract<Delivery, { ok: false }> };

/**
 * Makes a uuid and delivers the lead with it, once per idempotency key. Flowmatix may refuse a uuid its widget did
 * not make (a 4xx): the lead is then held, as under the `hold` policy, and a repeat is answered the same.
 */
const mintUnattached = async (context: LeadRequest): Promise<Response> => {
  const { config, state, success } = context;
  const once = await deliverOnceOrNot<Minting>(context, async () => {
    const delivery = await deliver(config, state, { uuid: crypto.randomUUID(), ...context.body });
    if (delivery.ok) return { result: { kind: 'minted' }, stored: { status: 200, body: { ...success, minted: true } } };
    if (!refusedUpstream(delivery)) return { result: { kind: 'failed', delivery } };
    state.log.upstreamStatus = delivery.upstreamStatus;
    state.log.upstreamCode = delivery.upstreamCode;
    const reason =
      delivery.upstreamCode === 'unauthorized'
        ? `Flowmatix refused the token (HTTP ${delivery.upstreamStatus}): check FLOWMATIX_TOKEN and FLOWMATIX_TOKEN_HEADER`
        : `Flowmatix refused a minted uuid (HTTP ${delivery.upstreamStatus}, ${delivery.upstreamCode})`;
    if (delivery.upstreamCode === 'unauthorized') state.log.level = 'error';
    if (!(await putHeld(context))) return { result: { kind: 'hold_failed' } };
    state.log.message = `${reason}; the lead is held instead`;
    state.log.level ??= 'warn';
    return { result: { kind: 'held' }, stored: { status: 202, body: { ...success, held: true } } };
  });
  if ('response' in once) return once.response;
  switch (once.result.kind) {
    case 'minted':
      state.log.outcome = 'minted';
      return jsonResponse(200, { ...success, minted: true, requestId: state.requestId });
    case 'held':
      state.log.outcome = 'held';
      return jsonResponse(202, { ...success, held: true, requestId: state.requestId });
    case 'hold_failed':
      return heldStoreUnavailable(state);
    case 'failed':
      return upstreamFailed(state, once.result.delivery);
  }
};

/** Keeps an unattached lead in the held-lead store before answering; a repeat finds it kept and gets the same. */
const holdUnattached = async (context: LeadRequest): Promise<Response> => {
  const { state, success } = context;
  if (!(await putHeld(context))) return heldStoreUnavailable(state);
  state.log.outcome = 'held';
  return jsonResponse(202, { ...success, held: true, requestId: state.requestId });
};

/**
 * Writes the held entry, and forwards it in the background when it is new. Resolves `false` when the store could
 * not write it; the cause is logged once per spell of failures, not on every request of it.
 */
const putHeld = async (context: LeadRequest): Promise<boolean> => {
  const { config, runtime, state } = context;
  const entry: HeldLead = {
    id: heldLeadId(context.bot, context.key ?? state.requestId),
    key: context.key ?? state.requestId,
    receivedAt: config.now(),
    lead: context.body,
  };
  let created: boolean;
  try {
    created = await config.heldLeadStore.put(entry);
  } catch (error) {
    const cause = describeError(error);
    state.log.level = 'error';
    state.log.message =
      runtime.heldStoreFailure === cause
        ? 'held-lead store still failing, as logged before'
        : `held-lead store failed (${cause})`;
    runtime.heldStoreFailure = cause;
    return false;
  }
  runtime.heldStoreFailure = undefined;
  if (!created) state.log.message = 'a repeat of a lead already held';
  const { forwarder } = config;
  if (created && forwarder) state.background(forwarder.forward(entry));
  return true;
};

const heldStoreUnavailable = (state: RequestState): Response =>
  fail(state, 'unavailable', 'The relay cannot keep this lead right now. Try again later.', {
    headers: { 'Retry-After': STORE_RETRY_AFTER },
  });

/**
 * After a lead with a uuid was delivered: if the relay held it earlier without one (same bot and key), its held
 * copy is marked attached to this chat. Best effort: a store failure is a warning, never a failed request.
 */
const markAttached = async (context: LeadRequest, uuid: string): Promise<void> => {
  const { config, state, key } = context;
  if (key === undefined) return;
  const id = heldLeadId(context.bot, key);
  try {
    const held = await config.heldLeadStore.get(id);
    if (held === undefined) return;
    if (held.attached?.uuid !== uuid) await config.heldLeadStore.update(id, { attached: { uuid, at: config.now() } });
    state.log.attached = true;
  } catch (error) {
    state.log.level ??= 'warn';
    state.log.message = `held-lead store failed while marking a held lead attached (${describeError(error)})`;
  }
};

/** Calls upstream once; every failure becomes a `Delivery`, never a rejection. */
const deliver = async (
  config: ResolvedRelayOptions,
  state: RequestState,
  upstreamLead: UpstreamLead,
): Promise<Delivery> => {
  try {
    await config.upstream.updateLead(upstreamLead, { deadlineMs: config.upstreamDeadlineMs });
    return { ok: true };
  } catch (error) {
    if (error instanceof FlowmatixError) {
      return {
        ok: false,
        code: error.code === 'timeout' ? 'upstream_timeout' : 'upstream_error',
        upstreamStatus: error.status,
        upstreamCode: error.code,
      };
    }
    state.log.message = `upstream threw (${describeError(error)})`;
    return { ok: false, code: 'upstream_error', upstreamStatus: 0, upstreamCode: 'unexpected' };
  }
};

// Flowmatix said no to this lead (a 4xx, or a 2xx saying `success: false`), as opposed to being unable to answer:
// a timeout, a 5xx, a rate limit or a request timeout pass with time and are answered as upstream failures.
const refusedUpstream = (delivery: Extract<Delivery, { ok: false }>): boolean =>
  delivery.upstreamCode === 'rejected' ||
  (delivery.upstreamStatus >= 400 &&
    delivery.upstreamStatus < 500 &&
    delivery.upstreamStatus !== 408 &&
    delivery.upstreamStatus !== 429);

const upstreamFailed = (state: RequestState, delivery: Extract<Delivery, { ok: false }>): Response => {
  state.log.upstreamStatus = delivery.upstreamStatus;
  state.log.upstreamCode = delivery.upstreamCode;
  if (delivery.upstreamCode === 'unauthorized') {
    state.log.level = 'error';
    state.log.message = `Flowmatix refused the token (HTTP ${delivery.upstreamStatus}): check FLOWMATIX_TOKEN and FLOWMATIX_TOKEN_HEADER.`;
  } else {
    state.log.level ??= 'warn';
  }
  return delivery.code === 'upstream_timeout'
    ? fail(state, 'upstream_timeout', 'Flowmatix did not answer in time. Try again later.')
    : fail(state, 'upstream_error', 'Flowmatix could not take the lead right now. Try again later.');
};

/**
 * Runs `attempt` at most once per idempotency key (see `deliverOnce`) when the request has one and the store
 * serves; otherwise just runs it. Answers either the attempt's result or a response that settles the request
 * (a replay, a conflict, a duplicate still in flight, a store failing closed).
 */
const deliverOnceOrNot = async <T>(
  context: LeadRequest,
  attempt: () => Promise<Attempt<T>>,
): Promise<{ result: T } | { response: Response }> => {
  const { config, state, scoped } = context;
  if (scoped === undefined || context.idempotencyStoreDown) return { result: (await attempt()).result };
  const timings = {
    ttlMs: config.idempotencyTtlMs,
    pendingTtlMs: config.upstreamDeadlineMs + 10_000,
    // A duplicate is answered within the upstream deadline too: by then the first request has its outcome.
    waitMs: config.upstreamDeadlineMs,
    pollMs: POLL_MS,
  };
  let outcome;
  try {
    outcome = await deliverOnce<T>(config.idempotencyStore, scoped.key, scoped.fingerprint, timings, attempt);
  } catch (error) {
    const refused = idempotencyStoreFailed(config, state, error);
    if (refused) return { response: refused };
    return { result: (await attempt()).result };
  }
  switch (outcome.state) {
    case 'replayed':
      return { response: replay(state, outcome.response) };
    case 'mismatch':
      return { response: fail(state, 'conflict', 'This idempotency key was already used with a different body.') };
    case 'in_flight':
      // Not sent: the first request may have written the lead before it failed, and a duplicate arrived with it, not
      // after its failure. A retry that comes later may send it again.
      state.log.message =
        outcome.reason === 'pending'
          ? 'a request with this key is still being delivered'
          : 'the request with this key that was being delivered failed; this duplicate was not sent';
      return {
        response: fail(
          state,
          'in_flight',
          outcome.reason === 'pending'
            ? 'A request with this idempotency key is still being delivered. Retry shortly.'
            : 'A request with this idempotency key was being delivered and failed; this one was not sent. ' +
                'Retry shortly.',
          { headers: { 'Retry-After': IN_FLIGHT_RETRY_AFTER } },
        ),
      };
    case 'attempted':
      if (outcome.storeError !== undefined) {
        state.log.level = 'warn';
        state.log.message = `idempotency store failed after delivery (${describeError(outcome.storeError)})`;
      }
      return { result: outcome.result };
  }
};

const replay = (state: RequestState, response: StoredResponse): Response => {
  state.log.outcome = 'replayed';
  const body = { ...response.body, requestId: state.requestId };
  return jsonResponse(response.status, body, { 'Idempotent-Replayed': 'true' });
};

/** The storeFailure policy for the idempotency store: 503 when closed; when open, a warning and no duplicate check. */
const idempotencyStoreFailed = (
  config: ResolvedRelayOptions,
  state: RequestState,
  error: unknown,
): Response | undefined => {
  state.log.level = 'warn';
  state.log.message = `idempotency store failed (${describeError(error)})`;
  if (config.storeFailure === 'open') return undefined;
  return fail(state, 'unavailable', 'The relay cannot check for duplicates right now. Try again later.', {
    headers: { 'Retry-After': STORE_RETRY_AFTER },
  });
};

const applyRateLimits = async (
  config: ResolvedRelayOptions,
  request: Request,
  env: unknown,
  visitor: string | undefined,
  bot: string | undefined,
  state: RequestState,
): Promise<Response | undefined> => {
  const { ip: ipRule, uuid: uuidRule, bot: botRule } = config.rateLimit;
  // Every limit lifted (`rateLimit: false`): nothing to count, no address to read.
  if (!ipRule && !uuidRule && !botRule) return undefined;
  const ip = getClientIp(request, env, config.trustProxy);
  // An unattached lead has no visitor to count against: the address and the bot limits hold it.
  const subjects = {
    ip: ip === undefined ? undefined : ipBucketKey(ip),
    uuid: visitor === undefined || bot === undefined ? undefined : `${bot}:${visitor}`,
    bot,
  };
  let outcome: RateLimitOutcome;
  try {
    outcome = await checkRateLimits(config.rateLimitStore, config.rateLimit, subjects, config.now());
  } catch (error) {
    state.log.level = 'warn';
    state.log.message = `rate-limit store failed (${describeError(error)})`;
    if (config.storeFailure === 'closed') {
      return fail(state, 'unavailable', 'The relay cannot check its limits right now. Try again later.', {
        headers: { 'Retry-After': STORE_RETRY_AFTER },
      });
    }
    return undefined;
  }
  if (outcome.allowed) return undefined;
  state.log.limit = outcome.name;
  const headers = rateLimitHeaders(outcome);
  return fail(state, 'rate_limited', `Too many requests. Retry in ${headers['Retry-After']} s.`, { headers });
};
