// The standard header first, then the rate-limit drafts' and their common precursors', which some gateways send
// instead.
const RETRY_AFTER_HEADERS = ['retry-after', 'ratelimit-reset', 'x-ratelimit-reset', 'x-rate-limit-reset'];
// A number this large is a time (seconds since the epoch), not a count of seconds; clock skew cannot cross it.
const TIMESTAMP_FROM = Date.parse('2024-01-01');

/**
 * How long an answer asks the client to wait, in milliseconds (0 for a time already past): from `Retry-After` in
 * seconds or as an HTTP date, else from a `RateLimit-Reset`-style header (seconds, or a Unix time). `undefined`
 * when no such header is there or the first one found cannot be read: the client's backoff decides.
 *
 * @example
 * parseRetryAfter(new Headers({ 'retry-after': '2' })); // 2000
 */
export const parseRetryAfter = (
  headers: { get(name: string): string | null },
  now: number = Date.now(),
): number | undefined => {
  for (const name of RETRY_AFTER_HEADERS) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    const seconds = Number(value);
    if (Number.isFinite(seconds)) {
      const ms = seconds * 1000;
      return Math.max(0, ms >= TIMESTAMP_FROM ? ms - now : ms);
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
  }
  return undefined;
};
