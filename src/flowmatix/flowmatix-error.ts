/**
 * Why a call to the Flowmatix API failed:
 * - `unauthorized`: 401 or 403, the token (or its header name) is wrong;
 * - `timeout`: no answer within the time allowed;
 * - `network`: no HTTP answer at all (DNS, refused connection, reset);
 * - `aborted`: the caller's signal stopped the call;
 * - `http_error`: any other non-2xx answer, after retries, a redirect included (redirects are never followed);
 * - `rejected`: a 2xx answer whose body says `success: false`;
 * - `invalid_response`: a 2xx answer that is not the documented JSON envelope, or any answer whose body is larger
 *   than the client reads (64 KiB for the PUT, 16 MiB for a page of chats), which it stops reading.
 */
export type FlowmatixErrorCode =
  | 'unauthorized'
  | 'timeout'
  | 'network'
  | 'aborted'
  | 'http_error'
  | 'rejected'
  | 'invalid_response';

/** One field-level reason the API gave for refusing a body (the sandbox's `errors` list). */
export interface FlowmatixIssue {
  path: (string | number)[];
  message: string;
}

export interface FlowmatixErrorDetails {
  /** HTTP status of the answer; 0 when there was no HTTP answer. */
  status?: number;
  /** Seconds the API asked to wait (`Retry-After`, or a `RateLimit-Reset`-style header), when it said so. */
  retryAfter?: number;
  issues?: FlowmatixIssue[];
}

/**
 * The only error the Flowmatix client rejects with. Its message is safe to show and to log: it never contains the
 * token, and it carries no request object (whose headers would).
 *
 * @example
 * try {
 *   await client.updateLead(lead);
 * } catch (error) {
 *   if (error instanceof FlowmatixError && error.code === 'timeout') retryLater();
 * }
 */
export class FlowmatixError extends Error {
  override readonly name = 'FlowmatixError';
  readonly code: FlowmatixErrorCode;
  /** HTTP status of the answer; 0 when there was no HTTP answer (network, timeout, aborted). */
  readonly status: number;
  readonly retryAfter: number | undefined;
  readonly issues: FlowmatixIssue[] | undefined;

  constructor(code: FlowmatixErrorCode, message: string, details: FlowmatixErrorDetails = {}) {
    super(message);
    this.code = code;
    this.status = details.status ?? 0;
    this.retryAfter = details.retryAfter;
    this.issues = details.issues;
  }
}
