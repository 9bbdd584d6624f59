const BASE_MS = 500;
const CAP_MS = 300_000;

/**
 * How long to wait before attempt `attempts + 1`: capped exponential backoff with full jitter (1 s, 2 s, 4 s… up to
 * 5 min, times a random factor, so visitors that failed together do not come back together), but never sooner than
 * the relay's `Retry-After` (seconds or an HTTP date; trusted up to an hour).
 *
 * @example
 * retryDelay(3, Math.random, res.headers.get('Retry-After'), Date.now()); // 0…4,000 ms, or Retry-After if later
 */
export const retryDelay = (
  attempts: number,
  random: () => number,
  retryAfter: string | null | undefined,
  now: number,
): number =>
  Math.max(
    random() * Math.min(CAP_MS, BASE_MS * 2 ** attempts),
    Math.min(+retryAfter! * 1_000 || Date.parse(retryAfter!) - now, CAP_MS * 12) || 0,
  );
