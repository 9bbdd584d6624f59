import { Hono, type Context } from 'hono';
import { IDEMPOTENCY_KEY_HEADER } from '../../shared/relay-protocol';
import { checkRateLimits, rateLimitHeaders, type RateLimitOutcome } from './check-rate-limits';
import { classifyContentType } from './classify-content-type';
import { deliverLead, idempotencyStoreFailed, replay, type LeadRequest, type RelayRuntime } from './deliver-lead';
import { gateRequest } from './gate-request';
import { getClientIp } from './get-client-ip';
import { headerView } from './header-view';
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
import { describeError, fail, STORE_RETRY_AFTER, type RequestState } from './request-state';
import { resolveRelayOptions, type ResolvedRelayOptions } from './resolve-relay-options';
import { COMPANION_PATH, serveCompanion } from './serve-companion';
import { sha256Hex } from './sha256-hex';
import { summarizeDropped } from './summarize-dropped';
import { toUpstreamLead } from './to-upstream-lead';
import { validateLeadBody } from './validate-lead-body';

// How often a relay that built its own forwarder sweeps it for held leads due again, while it serves requests.
const SWEEP_EVERY_MS = 60_000;

// The path is the one piece of a log entry a client writes freely: bounded so a long URL cannot bloat the log.
const logPath = (path: string): string => (path.length > 200 ? `${path.slice(0, 200)}…` : path);
// Messages may quote what a request sent (a host, an origin): bounded too, so a log line stays under 2 KB.
const logMessage = (message: string): string => (message.length > 600 ? `${message.slice(0, 600)}…` : message);

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
  return deliverLead(context, uuid);
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
  // Not `ok`: whoever counts delivered leads in the log must not count previews.
  Object.assign(state.log, summary, { outcome: 'preview' });
  return jsonResponse(200, {
    ok: true,
    lead: preview.lead,
    fields: preview.fields,
    ...summary,
    requestId: state.requestId,
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
