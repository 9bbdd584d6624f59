import { createFlowmatixClient, DEFAULT_TOKEN_HEADER } from '../../flowmatix/create-flowmatix-client';
import { DEFAULT_RELAY_PATH } from '../../shared/relay-protocol';
import { DEFAULT_RATE_LIMITS, type RateLimitRules } from './check-rate-limits';
import { createHeldLeadForwarder, type HeldLeadForwarder } from './create-held-lead-forwarder';
import type { TrustProxy } from './get-client-ip';
import { createMemoryHeldLeadStore, DEFAULT_HELD_TTL_MS, type HeldLeadStore } from '../stores/held-lead-store';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../stores/idempotency-store';
import { parseAllowedHosts } from './parse-allowed-hosts';
import { parseAllowedOrigins } from './parse-allowed-origins';
import { parseBots } from './parse-bots';
import { createMemoryRateLimitStore, type RateLimitRule, type RateLimitStore } from '../stores/rate-limit-store';
import { RelayConfigurationError } from './relay-configuration-error';
import { consoleLogger, type RelayLogger } from './relay-log-entry';
import type { CompanionScript, LeadDefaults, LeadUpstream, RelayOptions, UnattachedPolicy } from './relay-options';
import { COMPANION_PATH } from './serve-companion';
import { validateLeadDefaults } from './validate-lead-defaults';

/** The relay's settings once checked, with every default filled in. */
export interface ResolvedRelayOptions {
  upstream: LeadUpstream;
  upstreamDeadlineMs: number;
  bots: ReadonlySet<string>;
  allowedOrigins: ReadonlySet<string>;
  /** Undefined: any host. */
  allowedHosts: ReadonlySet<string> | undefined;
  trustProxy: TrustProxy;
  path: string;
  healthPath: string | undefined;
  /** Undefined: no preview. */
  previewPath: string | undefined;
  bodyLimit: number;
  bodyTimeoutMs: number;
  rateLimit: RateLimitRules;
  rateLimitStore: RateLimitStore;
  idempotencyStore: IdempotencyStore;
  idempotencyTtlMs: number;
  storeFailure: 'open' | 'closed';
  defaults: LeadDefaults;
  unattached: UnattachedPolicy;
  heldLeadStore: HeldLeadStore;
  /** Undefined: held leads are not forwarded. */
  forwarder: HeldLeadForwarder | undefined;
  /** Whether the relay sweeps the forwarder while it serves: it does for one it built from `forward`. */
  sweepsForwarder: boolean;
  companionScript: CompanionScript | undefined;
  companionCacheControl: string;
  /** Undefined: no log, so that no entry is built either. */
  logger: RelayLogger | undefined;
  now: () => number;
}

// RFC 9110 token characters: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+.^_`|~\dA-Za-z-]+$/;
// Letters, digits and a few safe punctuation marks: no route syntax (":", "*", "{"), no query, no fragment.
const PATH = /^\/[\w.~/-]*$/;

const positive = (value: number | undefined, fallback: number | undefined, name: string, integer = true): number => {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new RelayConfigurationError(
      `${name} must be a positive ${integer ? 'whole ' : ''}number, got ${String(value)}`,
    );
  }
  return value;
};

const checkToken = (token: unknown): string => {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new RelayConfigurationError(
      'token: the Flowmatix API token is required (set FLOWMATIX_TOKEN, or run the relay against the sandbox)',
    );
  }
  // A token with a line break would let whoever set it inject headers; one with spaces around it was pasted badly.
  if (/[\u0000-\u001f\u007f]/.test(token)) {
    throw new RelayConfigurationError('token: the Flowmatix API token contains a line break or control character');
  }
  if (token !== token.trim()) {
    throw new RelayConfigurationError('token: the Flowmatix API token starts or ends with whitespace');
  }
  return token;
};

const checkRule = (rule: RateLimitRule | false | undefined, fallback: RateLimitRule, name: string) => {
  if (rule === false) return false;
  if (rule === undefined) return fallback;
  return {
    capacity: positive(rule.capacity, undefined, `rateLimit.${name}.capacity`),
    refillPerSecond: positive(rule.refillPerSecond, undefined, `rateLimit.${name}.refillPerSecond`, false),
  };
};

const checkTrustProxy = (value: TrustProxy | undefined): TrustProxy => {
  if (value === undefined || typeof value === 'boolean') return value ?? false;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) {
      throw new RelayConfigurationError(`trustProxy: a number of proxies is a whole number from 0, got ${value}`);
    }
    return value;
  }
  if (typeof value === 'string' && HEADER_NAME.test(value)) return value.toLowerCase();
  throw new RelayConfigurationError(
    `trustProxy: expected false, true, a number of proxies or a header name such as cf-connecting-ip, got ${String(value)}`,
  );
};

/**
 * A ready upstream may know the `signal` of `updateLead` and not its `deadlineMs`: it gets the relay's deadline as
 * a signal too, a timeout reason once it passes. (The built-in client takes `deadlineMs` alone, which costs a lead
 * less than a signal.)
 */
const withDeadlineSignal = (upstream: LeadUpstream): LeadUpstream => ({
  async updateLead(lead, options = {}) {
    if (options.deadlineMs === undefined) return upstream.updateLead(lead, options);
    const deadline = new AbortController();
    // Not AbortSignal.timeout: on Node its timer outlives the call (until it fires or is collected).
    const timer = setTimeout(
      () => deadline.abort(new DOMException('The upstream deadline passed', 'TimeoutError')),
      options.deadlineMs,
    );
    try {
      return await upstream.updateLead(lead, { ...options, signal: deadline.signal });
    } finally {
      clearTimeout(timer);
    }
  },
});

const createUpstream = (options: RelayOptions): LeadUpstream => {
  if (options.upstream) {
    if (typeof options.upstream.updateLead !== 'function') {
      throw new RelayConfigurationError('upstream: expected an object with an updateLead(lead) method');
    }
    return withDeadlineSignal(options.upstream);
  }
  const token = checkToken(options.token);
  if (options.transport !== undefined && typeof options.transport !== 'function') {
    throw new RelayConfigurationError('transport: expected a function, such as createNodeTransport()');
  }
  const tokenHeader = options.tokenHeader ?? DEFAULT_TOKEN_HEADER;
  if (!HEADER_NAME.test(tokenHeader)) {
    throw new RelayConfigurationError(`tokenHeader: "${tokenHeader}" is not a valid header name`);
  }
  try {
    return createFlowmatixClient({
      token,
      tokenHeader,
      ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }),
      ...(options.fetch && { fetch: options.fetch }),
      ...(options.transport && { transport: options.transport }),
      timeoutMs: positive(options.upstreamTimeoutMs, 8000, 'upstreamTimeoutMs'),
      retries: options.upstreamRetries === undefined ? 2 : retries(options.upstreamRetries),
    });
  } catch (error) {
    if (error instanceof RelayConfigurationError) throw error;
    throw new RelayConfigurationError(`apiUrl: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const checkPath = (path: string, name: string): string => {
  if (!PATH.test(path)) {
    throw new RelayConfigurationError(
      `${name}: "${path}" must start with "/" and hold only letters, digits, "-", "_", ".", "~" and "/"`,
    );
  }
  return path;
};

// The relay path's parent plus /health: `/api/flowmatix/lead` gives `/api/flowmatix/health`, `/lead` gives `/health`.
const besideRelay = (path: string): string => {
  const trimmed = path.replace(/\/+$/, '');
  return `${trimmed.slice(0, Math.max(0, trimmed.lastIndexOf('/')))}/health`;
};

const checkHealthPath = (value: string | false | undefined, path: string): string | undefined => {
  if (value === false) return undefined;
  const healthPath = value === undefined ? besideRelay(path) : checkPath(value, 'healthPath');
  if (healthPath === path) {
    throw new RelayConfigurationError(
      `healthPath: "${healthPath}" is the relay path itself; set healthPath to another path, or to false for none`,
    );
  }
  if (healthPath === COMPANION_PATH) {
    throw new RelayConfigurationError(`healthPath: "${healthPath}" is where the companion script is served`);
  }
  return healthPath;
};

// Resolved as a relative URL against the relay path, as the companion finds it: `/api/flowmatix/lead` gives
// `/api/flowmatix/preview`, `/lead` gives `/preview`.
const previewBeside = (path: string): string => new URL('preview', `http://relay${path}`).pathname;

const checkPreviewPath = (
  value: string | false | undefined,
  path: string,
  healthPath: string | undefined,
): string | undefined => {
  if (value === false) return undefined;
  const previewPath = value === undefined ? previewBeside(path) : checkPath(value, 'previewPath');
  const taken =
    previewPath === path
      ? 'the relay path itself'
      : previewPath === healthPath
        ? 'the health path'
        : previewPath === COMPANION_PATH
          ? 'where the companion script is served'
          : undefined;
  if (taken !== undefined) {
    throw new RelayConfigurationError(
      `previewPath: "${previewPath}" is ${taken}; set previewPath to another path, or to false for none`,
    );
  }
  return previewPath;
};

const retries = (value: number): number => {
  if (!Number.isInteger(value) || value < 0 || value > 10) {
    throw new RelayConfigurationError(`upstreamRetries must be a whole number from 0 to 10, got ${String(value)}`);
  }
  return value;
};

const UNATTACHED_POLICIES: readonly UnattachedPolicy[] = ['hold', 'mint', 'drop'];

const checkUnattached = (value: unknown): UnattachedPolicy => {
  if (value === undefined) return 'hold';
  if (UNATTACHED_POLICIES.includes(value as UnattachedPolicy)) return value as UnattachedPolicy;
  throw new RelayConfigurationError(`unattached: expected "hold", "mint" or "drop", got ${String(value)}`);
};

const HELD_LEAD_STORE_METHODS = ['put', 'get', 'update', 'list', 'delete'] as const;

const checkHeldLeadStore = (options: RelayOptions, now: () => number): HeldLeadStore => {
  const ttlMs = positive(options.heldTtlMs, DEFAULT_HELD_TTL_MS, 'heldTtlMs', false);
  const store = options.heldLeadStore;
  if (store === undefined) return createMemoryHeldLeadStore({ ttlMs, now });
  const isObject = typeof store === 'object' && store !== null;
  if (!isObject || HELD_LEAD_STORE_METHODS.some((name) => typeof store[name] !== 'function')) {
    const methods = HELD_LEAD_STORE_METHODS.join(', ');
    const example = 'such as createMemoryHeldLeadStore()';
    throw new RelayConfigurationError(`heldLeadStore: expected a store with ${methods} methods, ${example}`);
  }
  return store;
};

const checkForwarder = (
  options: RelayOptions,
  store: HeldLeadStore,
  now: () => number,
): Pick<ResolvedRelayOptions, 'forwarder' | 'sweepsForwarder'> => {
  const { forwarder, forward } = options;
  if (forwarder !== undefined) {
    if (typeof forwarder !== 'object' || forwarder === null || typeof forwarder.forward !== 'function') {
      throw new RelayConfigurationError('forwarder: expected a forwarder from createHeldLeadForwarder()');
    }
    return { forwarder, sweepsForwarder: false };
  }
  if (forward === undefined) return { forwarder: undefined, sweepsForwarder: false };
  if (typeof forward !== 'object' || forward === null) {
    throw new RelayConfigurationError('forward: expected { url, secret }');
  }
  try {
    const built = createHeldLeadForwarder({
      store,
      url: forward.url,
      secret: forward.secret,
      now,
      ...(options.logger === false && { logger: false }),
    });
    return { forwarder: built, sweepsForwarder: true };
  } catch (error) {
    if (error instanceof RelayConfigurationError) throw new RelayConfigurationError(`forward.${error.message}`);
    throw error;
  }
};

/**
 * Checks every option once, at start, and fills in the defaults. Throws a `RelayConfigurationError` that names the
 * option and what is expected; the token never appears in it.
 */
export const resolveRelayOptions = (options: RelayOptions): ResolvedRelayOptions => {
  if (typeof options !== 'object' || options === null) {
    throw new RelayConfigurationError('createRelay needs an options object with at least bots and token');
  }
  const path = checkPath(options.path ?? DEFAULT_RELAY_PATH, 'path');
  const healthPath = checkHealthPath(options.healthPath, path);
  const rules = options.rateLimit;
  const storeFailure = options.storeFailure ?? 'open';
  if (storeFailure !== 'open' && storeFailure !== 'closed') {
    throw new RelayConfigurationError(`storeFailure: expected "open" or "closed", got ${String(storeFailure)}`);
  }
  const logger = options.logger === false ? undefined : (options.logger ?? consoleLogger);
  const now = options.now ?? Date.now;
  const heldLeadStore = checkHeldLeadStore(options, now);
  return {
    upstream: createUpstream(options),
    upstreamDeadlineMs: positive(options.upstreamDeadlineMs, 20_000, 'upstreamDeadlineMs'),
    bots: parseBots(options.bots),
    allowedOrigins: new Set(parseAllowedOrigins(options.allowedOrigins)),
    allowedHosts: options.allowedHosts === undefined ? undefined : new Set(parseAllowedHosts(options.allowedHosts)),
    trustProxy: checkTrustProxy(options.trustProxy),
    path,
    healthPath,
    previewPath: checkPreviewPath(options.previewPath, path, healthPath),
    bodyLimit: positive(options.bodyLimit, 16 * 1024, 'bodyLimit'),
    bodyTimeoutMs: positive(options.bodyTimeoutMs, 10_000, 'bodyTimeoutMs'),
    rateLimit:
      rules === false
        ? { ip: false, uuid: false, bot: false }
        : {
            ip: checkRule(rules?.ip, DEFAULT_RATE_LIMITS.ip, 'ip'),
            uuid: checkRule(rules?.uuid, DEFAULT_RATE_LIMITS.uuid, 'uuid'),
            bot: checkRule(rules?.bot, DEFAULT_RATE_LIMITS.bot, 'bot'),
          },
    rateLimitStore: options.rateLimitStore ?? createMemoryRateLimitStore(),
    idempotencyStore: options.idempotencyStore ?? createMemoryIdempotencyStore(),
    idempotencyTtlMs: positive(options.idempotencyTtlMs, 24 * 60 * 60 * 1000, 'idempotencyTtlMs'),
    storeFailure,
    defaults: validateLeadDefaults(options.defaults),
    unattached: checkUnattached(options.unattached),
    heldLeadStore,
    ...checkForwarder(options, heldLeadStore, now),
    companionScript: options.companionScript,
    companionCacheControl: options.companionCacheControl ?? 'public, max-age=604800',
    logger,
    now,
  };
};
