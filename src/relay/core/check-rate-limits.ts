import type { RateLimitDecision, RateLimitRule, RateLimitStore } from '../stores/rate-limit-store';

/** The buckets a relay keeps; `false` turns one off. */
export interface RateLimitRules {
  /** Per client address (IPv6 by /56). Default 30 requests, then one every 10 s. */
  ip?: RateLimitRule | false;
  /** Per visitor uuid (within its bot). Default 10 requests, then one every 30 s. */
  uuid?: RateLimitRule | false;
  /** Per bot, all visitors together: a ceiling on what reaches the inbox. Default 600, then 10 per second. */
  bot?: RateLimitRule | false;
}

export type RateLimitName = keyof RateLimitRules;

/** The defaults: a visitor who resubmits a form a few times never meets them; a script hammering the relay does. */
export const DEFAULT_RATE_LIMITS: Required<{ [name in RateLimitName]: RateLimitRule }> = {
  ip: { capacity: 30, refillPerSecond: 0.1 },
  uuid: { capacity: 10, refillPerSecond: 1 / 30 },
  bot: { capacity: 600, refillPerSecond: 10 },
};

/**
 * Who a request counts against; `ip` is absent when the runtime gives no client address, `uuid` when the lead has
 * none (unattached leads count against the address and the bot only), `bot` and `uuid` when the lead names no bot
 * the relay serves (such a request is refused after the limits; it counts against its address only).
 */
export interface RateLimitSubjects {
  ip?: string;
  uuid?: string;
  bot?: string;
}

export type RateLimitOutcome =
  | { allowed: true }
  | { allowed: false; name: RateLimitName; rule: RateLimitRule; decision: RateLimitDecision };

const ORDER: RateLimitName[] = ['ip', 'uuid', 'bot'];

/**
 * Takes a token from each bucket that applies, narrowest first, and stops at the first that refuses (so a refused
 * request does not also drain the wider buckets). Rejects when the store does.
 *
 * @example
 * const outcome = await checkRateLimits(store, DEFAULT_RATE_LIMITS, { ip: 'ip4:203.0.113.7', uuid, bot }, Date.now());
 */
export const checkRateLimits = async (
  store: RateLimitStore,
  rules: RateLimitRules,
  subjects: RateLimitSubjects,
  now: number,
): Promise<RateLimitOutcome> => {
  for (const name of ORDER) {
    const rule = rules[name];
    const subject = subjects[name];
    if (!rule || subject === undefined) continue;
    const decision = await store.take(`rl:${name}:${subject}`, rule, now);
    if (!decision.allowed) return { allowed: false, name, rule, decision };
  }
  return { allowed: true };
};

/**
 * The headers of a 429: `Retry-After` in seconds, and the IETF draft's `RateLimit-Policy` and `RateLimit` fields
 * (draft-ietf-httpapi-ratelimit-headers): the policy's quota `q` over the window `w` it takes to refill, and the
 * remaining `r` with the seconds `t` until the next request can pass.
 */
export const rateLimitHeaders = (outcome: Extract<RateLimitOutcome, { allowed: false }>): Record<string, string> => {
  const seconds = Math.max(1, Math.ceil(outcome.decision.retryAfterMs / 1000));
  const window = Math.max(1, Math.ceil(outcome.rule.capacity / outcome.rule.refillPerSecond));
  return {
    'Retry-After': String(seconds),
    'RateLimit-Policy': `"${outcome.name}";q=${outcome.rule.capacity};w=${window}`,
    RateLimit: `"${outcome.name}";r=${outcome.decision.remaining};t=${seconds}`,
  };
};
