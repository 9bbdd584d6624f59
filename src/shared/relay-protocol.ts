/** The path the companion posts to and the relay listens on, unless configured otherwise. */
export const DEFAULT_RELAY_PATH = '/api/flowmatix/lead';

/** Where the relay answers health checks (`GET`/`HEAD`) unless configured otherwise: beside the default path. */
export const DEFAULT_HEALTH_PATH = '/api/flowmatix/health';

/** The request header that carries a lead's idempotency key from the browser to the relay. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The JSON body field that carries the same key, because `navigator.sendBeacon` cannot set headers. The companion
 * puts it in every request, fetch and beacon alike, so both send the same bytes and the relay recognises one as a
 * repeat of the other. The relay reads it from the body when the header is absent; it is not a lead field and is
 * never forwarded.
 */
export const IDEMPOTENCY_KEY_FIELD = 'idempotencyKey';

/** Every machine-readable code the relay answers with, and the status that goes with it. */
export const RELAY_ERROR_STATUS = {
  /** The request itself is broken: two framings, a malformed Content-Length, a connection that broke mid-body. */
  bad_request: 400,
  /** The body arrived whole but is not a JSON document: empty, not UTF-8, or not JSON. */
  invalid_json: 400,
  invalid_lead: 400,
  /**
   * The body names a wire format the relay does not read: a lead without `v` is format 1, one with `"v": 2` a
   * snapshot (format 2); any other `v` is refused, never guessed at.
   */
  unsupported_version: 400,
  idempotency_key_mismatch: 400,
  forbidden_origin: 403,
  unknown_bot: 403,
  not_found: 404,
  method_not_allowed: 405,
  body_timeout: 408,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  /** The relay cannot decide right now: a store it fails closed on does not answer. Comes with `Retry-After`. */
  unavailable: 503,
  /**
   * Another request with the same idempotency key was being delivered: it was still in flight when this one's wait
   * ended (the wait ends within the upstream deadline), or it ended without success. This one was not sent
   * upstream; a retry after `Retry-After` may be. 503, not the 409 of the idempotency drafts: a sender that reads
   * only the status (the companion, and the common HTTP retry policies) retries 503 and takes 409 as final, which
   * `conflict` is.
   */
  in_flight: 503,
  upstream_timeout: 504,
} as const;

export type RelayErrorCode = keyof typeof RELAY_ERROR_STATUS;

/** One field-level problem with a lead: where it is (`path`, e.g. `["notes", 0, "title"]`) and what is wrong. */
export interface RelayIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The relay's answer to an accepted lead. `dropped` names what was invalid and kept as text in a note instead: an
 * optional field (`email`), one element of a list by its index as sent (`notes[2]`, `tags[0]`, `attributes[4]`),
 * or the elements past what the relay reads of a list, as one range (`notes[40..8139]`). It names ten at most;
 * `droppedCount` then says how many there were.
 *
 * A lead without a uuid (unattached) is answered 202 with `held`: `true` when the relay keeps it (policy `hold`,
 * or `mint` refused upstream) until the same lead comes back with a uuid, `false` when the relay's policy is to
 * drop such leads. Under the `mint` policy a lead the relay delivered with a uuid of its own making is answered 200
 * with `minted: true`.
 */
export interface RelaySuccess {
  ok: true;
  requestId: string;
  dropped?: string[];
  droppedCount?: number;
  held?: boolean;
  minted?: boolean;
}

/** The relay's answer to a rejected lead. */
export interface RelayFailure {
  ok: false;
  requestId: string;
  code: RelayErrorCode;
  message: string;
  issues?: RelayIssue[];
}

export type RelayResponse = RelaySuccess | RelayFailure;

/**
 * Whether a status is worth retrying later: network-ish and overload answers are (`in_flight` among them), other
 * 4xx are final (`conflict` among them).
 *
 * @example
 * if (!isRetryableStatus(response.status)) giveUp(); // 400, 403, 409, 413, ... are final
 */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;
