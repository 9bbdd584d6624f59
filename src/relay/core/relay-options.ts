import type { FlowmatixClient } from '../../flowmatix/create-flowmatix-client';
import type { FlowmatixTransport } from '../../flowmatix/flowmatix-transport';
import type { UpstreamLead } from '../../shared/lead';
import type { RateLimitRules } from './check-rate-limits';
import type { TrustProxy } from './get-client-ip';
import type { ForwardTarget, HeldLeadForwarder } from './create-held-lead-forwarder';
import type { HeldLeadStore } from '../stores/held-lead-store';
import type { IdempotencyStore } from '../stores/idempotency-store';
import type { BotPair } from './parse-bots';
import type { RateLimitStore } from '../stores/rate-limit-store';
import type { RelayLogger } from './relay-log-entry';

/**
 * What the relay adds to every lead, from configuration, never from the browser: tags, notes and attributes are
 * merged with the visitor's (a default attribute wins over a visitor's one with the same key); `agentId` and
 * `status` are set as given.
 */
export type LeadDefaults = Pick<UpstreamLead, 'tags' | 'notes' | 'attributes' | 'agentId' | 'status'>;

/** The built companion script, or a function that reads it (called per request; `undefined` answers 404). */
export type CompanionScript = string | (() => string | undefined | Promise<string | undefined>);

/**
 * What the relay does with a lead that arrives without a chat uuid (the visitor never opened the chat):
 * - `hold`: keep it in the held-lead store and answer 202 `{ held: true }`; nothing goes upstream until the same
 *   lead (same idempotency key) comes back with a uuid, which marks the held copy attached.
 * - `mint`: make a UUID v4 and PUT the lead upstream with it (for accounts where Flowmatix opens a chat for a uuid
 *   it has not seen): 200 `{ minted: true }`; if Flowmatix refuses it with a 4xx the lead is held instead.
 * - `drop`: keep nothing and answer 202 `{ held: false }`, for owners who want chat visitors only.
 */
export type UnattachedPolicy = 'hold' | 'mint' | 'drop';

/** The upstream the relay delivers to: the Flowmatix client, or anything with its `updateLead`. */
export type LeadUpstream = Pick<FlowmatixClient, 'updateLead'>;

/**
 * Options of `createRelay`. Only `bots` and the token are required; `relayOptionsFromEnv` reads the same from the
 * environment.
 */
export interface RelayOptions {
  /** The Flowmatix API token (`FLOWMATIX_TOKEN`). Required unless `upstream` is given. Never logged or sent back. */
  token?: string;
  /** Default `https://api.v7.flowmatix.ai` (`FLOWMATIX_API_URL`). */
  apiUrl?: string;
  /** The header that carries the token. Default `x-bp-token` (`FLOWMATIX_TOKEN_HEADER`). */
  tokenHeader?: string;
  /** The fetch the Flowmatix client uses, e.g. an in-process sandbox's. Default the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * How the Flowmatix client sends, instead of `fetch`. On Node, `createNodeTransport()` from
   * `flowmatix-leads/relay/node` (node:http, kept-alive connections) costs a fraction of the CPU the global fetch
   * does per lead; the CLI relay and the Vite plugin use it.
   */
  transport?: FlowmatixTransport;
  /**
   * A ready upstream instead of the built-in client (then `token`, `apiUrl`, `tokenHeader`, `fetch`, `transport`
   * are unused). Its `updateLead` gets the deadline as `deadlineMs` and as a `signal` aborted with a
   * `TimeoutError` once it passes; a `FlowmatixError` with code `timeout` becomes a 504.
   */
  upstream?: LeadUpstream;
  /** Time allowed for each upstream attempt. Default 8000 ms. */
  upstreamTimeoutMs?: number;
  /** Retries after a network error, 429 or 5xx (never after other 4xx). Default 2. */
  upstreamRetries?: number;
  /** Time allowed for the whole upstream call, retries included; then the relay answers 504. Default 20,000 ms. */
  upstreamDeadlineMs?: number;
  /** The bots leads may go to (`FLOWMATIX_BOTS`): pairs, or `"botId:customerId"` strings separated by commas. */
  bots: string | readonly (string | BotPair)[];
  /**
   * Origins accepted besides the relay's own (`FLOWMATIX_ALLOWED_ORIGINS`), exact: scheme, host and port. Needed
   * when the relay cannot see the origin the browser uses (a TLS-terminating proxy that does not send
   * `X-Forwarded-Proto`) and for browsers too old to send `Sec-Fetch-Site`.
   */
  allowedOrigins?: string | readonly string[];
  /**
   * Host names the relay answers for (`FLOWMATIX_ALLOWED_HOSTS`): `www.example.com` (any port), `localhost:5173`
   * (that port only), `[::1]`. A lead addressed to another host (the `Host` header, or the trusted proxy's
   * `X-Forwarded-Host`) is refused with 403 `forbidden_origin` before anything else. Default any host, which is
   * right behind a real domain; a relay on a loopback address with a real token should list its names, because a
   * page on any domain that rebinds its name to 127.0.0.1 is same-origin with it (the CLI relay does so by itself).
   */
  allowedHosts?: string | readonly string[];
  /** Which proxies may name the client (`FLOWMATIX_TRUST_PROXY`); see `TrustProxy`. Default false. */
  trustProxy?: TrustProxy;
  /** The POST path. Default `/api/flowmatix/lead`. */
  path?: string;
  /**
   * Where `GET` and `HEAD` answer 200 `{ ok: true, requestId }` for load balancers and uptime checks; `false` for
   * none. Default beside the relay path: its parent plus `/health` (`/api/flowmatix/health` for the default path),
   * so that whatever routes the relay's prefix to it routes this too. It touches neither Flowmatix nor the stores:
   * it says the process serves, and it keeps saying so while Redis is down, as the relay keeps serving then.
   */
  healthPath?: string | false;
  /**
   * Where `POST` answers what a wire format 2 snapshot maps to, `{ ok: true, lead, fields, requestId }`, without
   * sending or storing it (`FlowmatixLeads.debug()` and site owners use it); `false` for none. It passes the same
   * gates as the relay path: origin, content type, body cap and rate limits. Default beside the relay path: `preview`
   * resolved against it (`/api/flowmatix/preview` for the default path).
   */
  previewPath?: string | false;
  /** Largest body accepted, in bytes. Default 16,384. */
  bodyLimit?: number;
  /** Time allowed to receive the body. Default 10,000 ms. */
  bodyTimeoutMs?: number;
  /** Token-bucket limits per client address, per visitor and per bot; `false` turns them all off. */
  rateLimit?: RateLimitRules | false;
  /** Where buckets live. Default an in-memory store (one process). */
  rateLimitStore?: RateLimitStore;
  /** Where idempotency keys live. Default an in-memory store (one process). */
  idempotencyStore?: IdempotencyStore;
  /** How long a delivered `Idempotency-Key` is remembered. Default 24 h. */
  idempotencyTtlMs?: number;
  /**
   * When a store fails (`FLOWMATIX_STORE_FAILURE`): `open` (default) serves the request without that store (no
   * limit, or no duplicate check) and logs a warning; `closed` answers 503 `unavailable` with `Retry-After`, so
   * the browser retries later.
   */
  storeFailure?: 'open' | 'closed';
  /** Added to every lead by the relay. */
  defaults?: LeadDefaults;
  /** What happens to a lead without a uuid (`FLOWMATIX_UNATTACHED`); see `UnattachedPolicy`. Default `hold`. */
  unattached?: UnattachedPolicy;
  /**
   * Where leads without a uuid are kept. Default an in-memory store (one process, lost on restart) keeping each for
   * `heldTtlMs`: on a server give it a file or Redis store, on an edge runtime a `forward` target.
   */
  heldLeadStore?: HeldLeadStore;
  /** How long the default held-lead store keeps a lead (`FLOWMATIX_HELD_TTL_DAYS`). Default 30 days. */
  heldTtlMs?: number;
  /**
   * Where each held lead is also sent, signed (`FLOWMATIX_FORWARD_URL`, `FLOWMATIX_FORWARD_SECRET`): see
   * `createHeldLeadForwarder`. The relay forwards each newly held lead in the background, and sweeps for leads due
   * again at most once a minute while it serves requests.
   */
  forward?: ForwardTarget;
  /**
   * A forwarder of your own making instead of `forward` (which is then unused), e.g. one whose `start()` sweeps on
   * a timer. It should use the same store as `heldLeadStore`. The relay then forwards new leads with it but leaves
   * sweeping to you.
   */
  forwarder?: HeldLeadForwarder;
  /** Serves the built companion at `/flowmatix-leads.js` when given. */
  companionScript?: CompanionScript;
  /** `Cache-Control` of the companion. Default one week, revalidated with its ETag afterwards. */
  companionCacheControl?: string;
  /** Receives one entry per request; `false` for none. Default one JSON line on the console. */
  logger?: RelayLogger | false;
  /** The clock, in milliseconds (tests). Default `Date.now`. */
  now?: () => number;
}
