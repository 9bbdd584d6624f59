import type { HeldLead, HeldLeadStore } from '../stores/held-lead-store';
import { RelayConfigurationError } from './relay-configuration-error';
import { FORWARD_SIGNATURE_HEADER, signForwardBody } from './sign-forward-body';

/** Where held leads go (`FLOWMATIX_FORWARD_URL`) and the secret that signs them (`FLOWMATIX_FORWARD_SECRET`). */
export interface ForwardTarget {
  url: string;
  secret: string;
}

/**
 * One record per forwarding attempt or failed sweep. Like the relay's log, it carries no personal data, never the
 * secret, and never the forward URL (whose path is often a secret of its own, as in many automation hooks).
 */
export interface HeldLeadForwardLogEntry {
  /** ISO 8601 time of the attempt. */
  time: string;
  level: 'info' | 'warn';
  /** `forwarded` (the receiver answered 2xx), `forward_failed` (tried again at `retryAt`) or `sweep_failed`. */
  outcome: 'forwarded' | 'forward_failed' | 'sweep_failed';
  /** The held lead's id (a hash of its bot and idempotency key). */
  id?: string;
  /** Attempts made for this lead so far, this one included. */
  attempt?: number;
  /** The receiver's status; 0 when it gave none (timeout, refused connection). */
  status?: number;
  /** When the lead is due again, unless the receiver took it or its retention ends first. */
  retryAt?: string;
  latencyMs?: number;
  message?: string;
}

/** Receives each forwarding log entry. */
export type HeldLeadForwardLogger = (entry: HeldLeadForwardLogEntry) => void;

/** Options of {@link createHeldLeadForwarder}. */
export interface HeldLeadForwarderOptions extends ForwardTarget {
  /** The store the relay holds leads in: attempts and successes are recorded there. */
  store: HeldLeadStore;
  /** Sends the request. Default the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Source of the retry jitter, from 0 to 1. Default `Math.random`. */
  random?: () => number;
  /** Wait before the first retry; it doubles with each failure. Default 60,000 ms. */
  minDelayMs?: number;
  /** The longest wait between two attempts. Default 6 hours. */
  maxDelayMs?: number;
  /** Time allowed for the receiver to answer. Default 10,000 ms. */
  timeoutMs?: number;
  /** Receives one entry per attempt; `false` for none. Default one JSON line on the console. */
  logger?: HeldLeadForwardLogger | false;
}

/** Forwards held leads to the owner's receiver, each until it answers 2xx once. */
export interface HeldLeadForwarder {
  /**
   * Sends one held lead now, unless it was forwarded already or is being sent. Resolves whether the receiver took
   * it; never rejects (failures are logged and the lead is due again later).
   */
  forward(lead: HeldLead): Promise<boolean>;
  /**
   * Sends every held lead that is due: not forwarded yet and past its `nextForwardAt`. One sweep at a time: a call
   * while one runs gets that one's promise. Resolves how many the receiver took; never rejects.
   */
  sweep(): Promise<number>;
  /**
   * Sweeps now and then every `intervalMs` (default 60,000) until the returned function is called. The timer does
   * not keep a Node process alive.
   */
  start(intervalMs?: number): () => void;
}

const DEFAULT_MIN_DELAY_MS = 60_000;
const DEFAULT_MAX_DELAY_MS = 6 * 3_600_000;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

const consoleForwardLogger: HeldLeadForwardLogger = (entry) => {
  console.log(JSON.stringify(entry));
};

const positive = (value: number | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RelayConfigurationError(`${name} must be a positive number of ms, got ${String(value)}`);
  }
  return value;
};

/** Checks a forward target, naming `url` and `secret` in its errors; neither value is ever repeated in one. */
const checkTarget = (url: unknown, secret: unknown): URL => {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new RelayConfigurationError('url: expected an absolute http:// or https:// URL to forward held leads to');
  }
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new RelayConfigurationError('secret: a secret to sign forwarded leads with is required alongside url');
  }
  if (/[\u0000-\u001f\u007f]/.test(secret)) {
    throw new RelayConfigurationError('secret: contains a line break or control character');
  }
  return parsed;
};

// What a failed request says without repeating its message, which may quote the URL: the error's name and, on
// Node, the system code of its cause (ECONNREFUSED, ENOTFOUND...).
const describeFailure = (error: unknown): string => {
  if (!(error instanceof Error)) return `thrown ${typeof error}`;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.name} (${code.slice(0, 40)})` : error.name;
};

const describeStoreError = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${typeof error}`).slice(0, 300);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Forwards held leads (leads kept without a chat uuid) to the owner's own receiver — a mail hook, a CRM, a
 * spreadsheet automation — as a signed JSON POST:
 *
 * ```
 * POST <url>
 * Content-Type: application/json
 * Flowmatix-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * { "type": "lead.held", "id": "held:…", "key": "…", "receivedAt": "<ISO 8601>", "lead": { "botId", … } }
 * ```
 *
 * A lead is sent until the receiver answers 2xx once (redirects are not followed), with an exponential backoff
 * from `minDelayMs` up to `maxDelayMs`, jittered, until the store lets it go at the end of its retention. Each
 * attempt is recorded in the store before it is sent, so several relays sharing one store rarely send a lead twice;
 * a receiver should still treat `id` as the key of a lead. It is not a queue of its own: the store is the state.
 * Fetch API and Web Crypto only, so it runs wherever the relay does. Not part of the browser's request path: the
 * relay starts `forward` in the background.
 *
 * @example
 * const forwarder = createHeldLeadForwarder({ store, url: 'https://hooks.example.com/leads', secret });
 * const stop = forwarder.start();
 * const relay = createRelay({ token, bots, heldLeadStore: store, forwarder });
 * // on shutdown: stop();
 */
export const createHeldLeadForwarder = (options: HeldLeadForwarderOptions): HeldLeadForwarder => {
  if (!isObject(options)) {
    throw new RelayConfigurationError('createHeldLeadForwarder needs an options object with store, url and secret');
  }
  const { store, secret } = options;
  const url = checkTarget(options.url, secret).href;
  const methods = ['get', 'update', 'list'] as const;
  if (!isObject(store) || !methods.every((name) => typeof store[name] === 'function')) {
    throw new RelayConfigurationError('store: expected a held-lead store, such as createMemoryHeldLeadStore()');
  }
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const minDelayMs = positive(options.minDelayMs, DEFAULT_MIN_DELAY_MS, 'minDelayMs');
  const maxDelayMs = positive(options.maxDelayMs, DEFAULT_MAX_DELAY_MS, 'maxDelayMs');
  if (maxDelayMs < minDelayMs) {
    throw new RelayConfigurationError(`maxDelayMs (${maxDelayMs}) must not be below minDelayMs (${minDelayMs})`);
  }
  const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const logger = options.logger === false ? undefined : (options.logger ?? consoleForwardLogger);

  const log = (entry: Omit<HeldLeadForwardLogEntry, 'time'>): void => {
    if (!logger) return;
    try {
      logger({ time: new Date(now()).toISOString(), ...entry });
    } catch {
      // A broken logger must not stop forwarding.
    }
  };

  // Half the delay plus a random share of the other half: relays that failed together do not retry together.
  const backoff = (attempt: number): number => {
    const delay = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt - 1, 40));
    return Math.round(delay / 2 + random() * (delay / 2));
  };

  /** The receiver's status, or 0 and why when it gave none. */
  const post = async (lead: HeldLead): Promise<{ status: number; message?: string }> => {
    const body = JSON.stringify({
      type: 'lead.held',
      id: lead.id,
      key: lead.key,
      receivedAt: new Date(lead.receivedAt).toISOString(),
      lead: lead.lead,
    });
    const signature = await signForwardBody(secret, body, Math.floor(now() / 1000));
    const deadline = new AbortController();
    // Not AbortSignal.timeout: on Node its timer outlives the request.
    const timer = setTimeout(
      () => deadline.abort(new DOMException('The receiver did not answer', 'TimeoutError')),
      timeoutMs,
    );
    try {
      const response = await send(
        new Request(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [FORWARD_SIGNATURE_HEADER]: signature },
          body,
          redirect: 'manual',
          signal: deadline.signal,
        }),
      );
      // Its body is not read: cancelling it frees the connection.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      if (deadline.signal.aborted) return { status: 0, message: `no answer within ${timeoutMs} ms` };
      return { status: 0, message: `request failed: ${describeFailure(error)}` };
    } finally {
      clearTimeout(timer);
    }
  };

  const inFlight = new Set<string>();

  const forward = async (lead: HeldLead): Promise<boolean> => {
    if (lead.forwarded || inFlight.has(lead.id)) return false;
    inFlight.add(lead.id);
    const attempt = (lead.forwardAttempts ?? 0) + 1;
    const startedAt = now();
    const retryAt = startedAt + backoff(attempt);
    const about = { id: lead.id, attempt };
    try {
      // The next attempt is scheduled before this one is sent: a process that dies mid-send leaves the lead due
      // again later, and other relays sweeping the same store leave it alone meanwhile. An entry that is gone
      // (deleted, or past its retention) is not sent.
      if (!(await store.update(lead.id, { forwardAttempts: attempt, nextForwardAt: retryAt }))) return false;
      const { status, message } = await post(lead);
      const latencyMs = Math.max(0, now() - startedAt);
      if (status < 200 || status > 299) {
        const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
        const retry = new Date(retryAt).toISOString();
        const said = message ?? `the receiver answered HTTP ${status}${redirect}`;
        log({ level: 'warn', outcome: 'forward_failed', ...about, status, retryAt: retry, latencyMs, message: said });
        return false;
      }
      try {
        await store.update(lead.id, { forwarded: { at: now() } });
      } catch (error) {
        const said = `the store did not record it, so it may be sent again (${describeStoreError(error)})`;
        log({ level: 'warn', outcome: 'forwarded', ...about, status, latencyMs, message: said });
        return true;
      }
      log({ level: 'info', outcome: 'forwarded', ...about, status, latencyMs });
      return true;
    } catch (error) {
      const said = `held-lead store failed (${describeStoreError(error)})`;
      log({ level: 'warn', outcome: 'forward_failed', ...about, status: 0, message: said });
      return false;
    } finally {
      inFlight.delete(lead.id);
    }
  };

  const sweepFailed = (error: unknown): void =>
    log({ level: 'warn', outcome: 'sweep_failed', message: `held-lead store failed (${describeStoreError(error)})` });

  let sweeping: Promise<number> | undefined;
  const runSweep = async (): Promise<number> => {
    let leads: HeldLead[];
    try {
      leads = await store.list();
    } catch (error) {
      sweepFailed(error);
      return 0;
    }
    const isDue = (lead: HeldLead | undefined): lead is HeldLead =>
      lead !== undefined && !lead.forwarded && (lead.nextForwardAt ?? 0) <= now();
    let forwarded = 0;
    // One at a time: a receiver that is down is not hit by every due lead at once. Each lead is read again just
    // before it is sent, since the list may be minutes old by then and the relay may have forwarded it meanwhile.
    for (const listed of leads.filter(isDue)) {
      let lead: HeldLead | undefined;
      try {
        lead = await store.get(listed.id);
      } catch (error) {
        sweepFailed(error);
        return forwarded;
      }
      if (isDue(lead) && (await forward(lead))) forwarded++;
    }
    return forwarded;
  };
  const sweep = (): Promise<number> => {
    sweeping ??= runSweep().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  };

  const start = (intervalMs = DEFAULT_SWEEP_INTERVAL_MS): (() => void) => {
    positive(intervalMs, DEFAULT_SWEEP_INTERVAL_MS, 'intervalMs');
    let stopped = false;
    const tick = () => {
      if (!stopped) void sweep();
    };
    const timer: ReturnType<typeof setInterval> & { unref?: () => void } = setInterval(tick, intervalMs);
    // A sweep that is due must not be the reason a finished Node process stays up.
    timer.unref?.();
    tick();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  };

  return { forward, sweep, start };
};
