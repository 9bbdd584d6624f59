import { FlowmatixError, type FlowmatixIssue } from './flowmatix-error';
import type { TransportResponse } from './flowmatix-transport';
import { asRecord, parseJsonObject } from './parse-json-object';
import { parseRetryAfter } from './parse-retry-after';
import { redactToken } from './redact-token';
import { ResponseTooLargeError } from './read-capped-text';

/** What a failed call was, for the message: `PUT https://api.v7.flowmatix.ai/inbox/direct/lead`. */
export interface CallContext {
  target: string;
  token: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** When the whole call must be over (`Date.now()` time), retries included; undefined: no deadline. */
  deadline?: number;
}

const MAX_DETAIL_LENGTH = 300;
const MAX_ISSUES_IN_MESSAGE = 3;

const parseIssues = (value: unknown): FlowmatixIssue[] | undefined => {
  if (!Array.isArray(value)) return undefined;
  const issues = value.flatMap((item): FlowmatixIssue[] => {
    const record = asRecord(item);
    if (typeof record?.message !== 'string') return [];
    const path = Array.isArray(record.path)
      ? record.path.filter((part): part is string | number => typeof part === 'string' || typeof part === 'number')
      : typeof record.path === 'string'
        ? [record.path]
        : [];
    return [{ path, message: record.message }];
  });
  return issues.length > 0 ? issues : undefined;
};

const describeIssues = (issues: FlowmatixIssue[]): string => {
  const shown = issues
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  const more = issues.length - shown.length;
  return `(${shown.join('; ')}${more > 0 ? `; ${more} more` : ''})`;
};

/** The API's own words about a failure: its `message`, and its `errors` if it listed any. */
const describeBody = (body: Record<string, unknown> | undefined, issues: FlowmatixIssue[] | undefined): string => {
  const parts = [
    typeof body?.message === 'string' ? body.message.trim() : '',
    issues ? describeIssues(issues) : '',
  ].filter(Boolean);
  const text = parts.join(' ');
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
};

/** Where a redirect points, as an origin only: its path or query may carry secrets of their own. */
const redirectOrigin = (response: TransportResponse, requestUrl: string): string | undefined => {
  const location = response.headers.get('location');
  if (location === null) return undefined;
  try {
    // An in-process fetch's Response has no url of its own; a relative Location is relative to the request's.
    const { origin } = new URL(location, response.url || requestUrl);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
};

/**
 * A 3xx, or the opaque redirect a browser's fetch gives with `redirect: 'manual'`: never followed, never retried.
 * The documented API does not redirect: the API URL points at something else (a proxy, an old host, http for https).
 */
const redirectError = async (response: TransportResponse, context: CallContext, requestUrl: string) => {
  // A Fetch answer's unread body holds its connection; a transport's lean answer has none, or has been read.
  await (response as { body?: ReadableStream | null }).body?.cancel().catch(() => undefined);
  const origin = redirectOrigin(response, requestUrl);
  // A browser hides an opaque redirect's status (0) and its Location.
  const status = response.type === 'opaqueredirect' ? '' : ` ${response.status}`;
  const where = origin ? ` to ${origin}` : '';
  const message =
    `${context.target} answered${status} with a redirect${where}, which is not followed: ` +
    'set the API URL to where the API itself answers';
  return new FlowmatixError('http_error', redactToken(message, context.token), { status: response.status });
};

/** A 3xx, or the opaque redirect a browser's fetch gives for one with `redirect: 'manual'`. */
export const isRedirect = (response: TransportResponse): boolean =>
  response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);

/** The error for an answer that is not a success, once retries are over. */
export const errorFromResponse = async (
  response: TransportResponse,
  context: CallContext,
  requestUrl: string,
): Promise<FlowmatixError> => {
  if (isRedirect(response)) return redirectError(response, context, requestUrl);
  const body = parseJsonObject(await response.text().catch(() => ''));
  const issues = parseIssues(body?.errors);
  const detail = describeBody(body, issues);
  const status = response.status;
  const code = status === 401 || status === 403 ? 'unauthorized' : 'http_error';
  const answered = `${context.target} answered ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const message = detail ? `${answered}: ${redactToken(detail, context.token)}` : answered;
  const waitMs = parseRetryAfter(response.headers);
  return new FlowmatixError(code, message, {
    status,
    retryAfter: waitMs === undefined ? undefined : Math.ceil(waitMs / 1000),
    issues: issues?.map((issue) => ({ ...issue, message: redactToken(issue.message, context.token) })),
  });
};

/** A 2xx whose body says `success: false`. */
export const rejectedError = (status: number, body: Record<string, unknown>, context: CallContext): FlowmatixError => {
  const issues = parseIssues(body.errors);
  const detail = describeBody(body, issues) || 'no reason given';
  const message = `${context.target} refused the request: ${redactToken(detail, context.token)}`;
  return new FlowmatixError('rejected', message, { status, issues });
};

const causeOf = (error: unknown): string => {
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, ...) is on its cause. A node:http
  // transport's error carries it itself.
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  const own = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof Error && typeof own === 'string') return own;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return error instanceof Error && error.message ? error.message : String(error);
};

/** The error of a call whose caller's deadline passed, whether given as `deadlineMs` or as a timeout signal. */
export const deadlinePassed = (context: CallContext): FlowmatixError =>
  new FlowmatixError('timeout', `${context.target} did not answer before the caller's deadline`);

/** The error of an answer whose body was larger than the client reads. */
export const tooLargeError = (error: ResponseTooLargeError, context: CallContext): FlowmatixError =>
  new FlowmatixError(
    'invalid_response',
    `${context.target} answered ${error.status} with a body larger than ${error.limit} bytes, which was not read`,
    { status: error.status },
  );

/** Turns whatever a call threw into a `FlowmatixError`, so callers only ever see one error type. */
export const toFlowmatixError = async (error: unknown, context: CallContext): Promise<FlowmatixError> => {
  if (error instanceof FlowmatixError) return error;
  if (error instanceof ResponseTooLargeError) return tooLargeError(error, context);
  if (context.signal?.aborted) {
    const reason: unknown = context.signal.reason;
    return reason instanceof DOMException && reason.name === 'TimeoutError'
      ? deadlinePassed(context)
      : new FlowmatixError('aborted', `${context.target} was aborted by the caller`);
  }
  const cause = redactToken(causeOf(error), context.token);
  return new FlowmatixError('network', `${context.target} could not be reached: ${cause}`);
};
