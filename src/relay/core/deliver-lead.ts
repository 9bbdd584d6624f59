import { FlowmatixError } from '../../flowmatix/flowmatix-error';
import type { UpstreamLead } from '../../shared/lead';
import type { RelaySuccess } from '../../shared/relay-protocol';
import { heldLeadId, type HeldLead } from '../stores/held-lead-store';
import type { StoredResponse } from '../stores/idempotency-store';
import { deliverOnce, type Attempt } from './deliver-once';
import { jsonResponse } from './json-response';
import { describeError, fail, STORE_RETRY_AFTER, type RequestState } from './request-state';
import type { ResolvedRelayOptions } from './resolve-relay-options';

// Pause between looks at the key of a duplicate's first request, while it is still being delivered.
const POLL_MS = 100;
// Seconds before a duplicate answered `in_flight` is worth retrying: its first request has ended or is about to.
const IN_FLIGHT_RETRY_AFTER = '2';

/** What one relay remembers between requests. */
export interface RelayRuntime {
  /** The cause of the held-lead store's last failure, until a write succeeds: it is logged once, not each time. */
  heldStoreFailure: string | undefined;
  /** When the relay last swept its forwarder for held leads due again. */
  lastSweepAt: number;
}

/** Where one lead request stands once it passed the gates, the schema and the allowlist. */
export interface LeadRequest {
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

/** The outcome of the upstream call, before it becomes an answer. */
type Delivery =
  | { ok: true }
  | { ok: false; code: 'upstream_error' | 'upstream_timeout'; upstreamStatus: number; upstreamCode: string };

/**
 * Takes a lead that passed every gate where its uuid, the `unattached` policy and its idempotency key send it:
 * upstream under its uuid, upstream under a minted one, into the held-lead store, or nowhere (202, `held: false`).
 *
 * @example
 * return deliverLead(context, lead.uuid);
 */
export const deliverLead = async (context: LeadRequest, uuid: string | undefined): Promise<Response> => {
  if (uuid !== undefined) return deliverAttached(context, uuid);
  switch (context.config.unattached) {
    case 'hold':
      return holdUnattached(context);
    case 'mint':
      return mintUnattached(context);
    case 'drop':
      context.state.log.outcome = 'unattached_dropped';
      return jsonResponse(202, { ...context.success, held: false, requestId: context.state.requestId });
  }
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

/** Answers a repeat of a delivered lead from what the idempotency store kept. */
export const replay = (state: RequestState, response: StoredResponse): Response => {
  state.log.outcome = 'replayed';
  const body = { ...response.body, requestId: state.requestId };
  return jsonResponse(response.status, body, { 'Idempotent-Replayed': 'true' });
};

/** The storeFailure policy for the idempotency store: 503 when closed; when open, a warning and no duplicate check. */
export const idempotencyStoreFailed = (
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
