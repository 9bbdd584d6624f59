import type { RelayErrorCode } from '../../shared/relay-protocol';

/**
 * The one record the relay writes per request. It carries no personal data (no address, uuid, name, email or
 * body) and never the token: enough to count outcomes, follow a `requestId` a visitor reports, and spot an
 * operator error.
 */
export interface RelayLogEntry {
  /** ISO 8601 time the request arrived. */
  time: string;
  /** `error` for an operator problem (wrong token, a thrown error), `warn` for upstream and store trouble. */
  level: 'info' | 'warn' | 'error';
  requestId: string;
  method: string;
  path: string;
  status: number;
  /**
   * `ok`, `replayed` (answered from the idempotency store), `preview` (a snapshot mapped, nothing sent),
   * `companion`, `health`, a relay error code, or for a lead
   * without a uuid: `held` (kept in the held-lead store, or found kept already), `unattached_dropped` (the `drop`
   * policy) or `minted` (delivered with a uuid the relay made).
   */
  outcome:
    | 'ok'
    | 'replayed'
    | 'preview'
    | 'companion'
    | 'health'
    | 'held'
    | 'unattached_dropped'
    | 'minted'
    | RelayErrorCode;
  /** Status of Flowmatix's answer; 0 when it gave none (timeout, refused connection). */
  upstreamStatus?: number;
  /** The Flowmatix client's error code, when the upstream call failed. */
  upstreamCode?: string;
  latencyMs: number;
  /** Names of optional fields kept as a note instead of being sent as fields: the first ten. */
  dropped?: string[];
  /** How many fields were kept as a note, when more than the ten `dropped` names. */
  droppedCount?: number;
  /** The lead had been held without a uuid; its held copy is now marked attached to the chat it was delivered to. */
  attached?: boolean;
  /** Which limit refused the request: `ip`, `uuid` or `bot`. */
  limit?: string;
  /** What went wrong, for the operator; free of personal data. */
  message?: string;
}

/** Receives each log entry. */
export type RelayLogger = (entry: RelayLogEntry) => void;

/** The default: one JSON line per request on standard output, or standard error for `error` entries. */
export const consoleLogger: RelayLogger = (entry) => {
  const line = JSON.stringify(entry);
  if (entry.level === 'error') console.error(line);
  else console.log(line);
};
