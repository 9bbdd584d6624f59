import type { RateLimitDecision, RateLimitRule } from './rate-limit-store';

/** A bucket as a store keeps it: tokens left (fractional) at the time it was last touched. */
export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Computes a bucket's state at `now` and takes one token when there is one. Shared by every store so that they
 * all agree on the arithmetic; a store only has to make read-compute-write atomic.
 */
export const takeToken = (
  bucket: TokenBucket | undefined,
  rule: RateLimitRule,
  now: number,
): { bucket: TokenBucket; decision: RateLimitDecision } => {
  const elapsedSeconds = bucket ? Math.max(0, now - bucket.updatedAt) / 1000 : 0;
  const available = bucket
    ? Math.min(rule.capacity, bucket.tokens + elapsedSeconds * rule.refillPerSecond)
    : rule.capacity;
  // Refill arithmetic in floating point can land a hair under a whole token; that hair is not a reason to refuse.
  const allowed = available >= 1 - 1e-9;
  const tokens = allowed ? Math.max(0, available - 1) : available;
  const msPerToken = rule.refillPerSecond > 0 ? 1000 / rule.refillPerSecond : Number.POSITIVE_INFINITY;
  return {
    bucket: { tokens, updatedAt: now },
    decision: {
      allowed,
      remaining: Math.floor(tokens),
      retryAfterMs: allowed ? 0 : Math.ceil((1 - tokens) * msPerToken),
      resetMs: Math.ceil((rule.capacity - tokens) * msPerToken),
    },
  };
};
