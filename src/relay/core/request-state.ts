import { RELAY_ERROR_STATUS, type RelayErrorCode, type RelayIssue } from '../../shared/relay-protocol';
import { jsonResponse } from './json-response';
import type { RelayLogEntry } from './relay-log-entry';

/** What a request's log entry accumulates while it is handled. */
export type LogState = Partial<Omit<RelayLogEntry, 'time' | 'requestId' | 'method' | 'path' | 'status' | 'latencyMs'>>;

/** One request as the relay handles it: its id, what its log entry will say, and where work past the answer goes. */
export interface RequestState {
  requestId: string;
  log: LogState;
  /** Runs a task past the answer: with the runtime's `waitUntil` where there is one, else on its own. */
  background: (task: Promise<unknown>) => void;
}

// Seconds before a request refused by a failing store is worth retrying: the Redis stores reconnect with a backoff
// capped at 2 s (FAIL_FAST_REDIS_OPTIONS).
export const STORE_RETRY_AFTER = '5';

/** A thrown value as one bounded log line. */
export const describeError = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${typeof error}`).slice(0, 300);

/**
 * The relay's error answer for `code`, with the status the protocol gives it, recorded as the request's outcome.
 *
 * @example
 * return fail(state, 'invalid_json', 'The body is not valid JSON.');
 */
export const fail = (
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
