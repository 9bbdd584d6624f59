import type { HeaderView } from './header-view';
import { quoteHeaderValue } from './quote-header-value';

/** What the origin gate needs to know about the relay. */
export interface OriginGatePolicy {
  /** The relay's own origin as the browser sees it, e.g. `https://www.example.com`. */
  ownOrigin: string;
  /** Other exact origins to accept, already canonical (see `parseAllowedOrigins`). */
  allowedOrigins: ReadonlySet<string>;
}

/**
 * The gate's verdict. `sameOrigin` is true only when the browser itself vouched that the page is on the relay's
 * origin (`Sec-Fetch-Site: same-origin`, or an `Origin` equal to the relay's own); a match with a configured
 * origin is allowed but not same-origin.
 */
export type OriginVerdict = { allowed: true; sameOrigin: boolean } | { allowed: false; reason: string };

/**
 * Decides whether a request comes from a page the relay serves. Browsers send `Sec-Fetch-Site` on every request
 * and a page cannot forge it: `same-origin` is accepted; `same-site` (a sibling subdomain) and `cross-site` only
 * with an `Origin` the owner listed in `allowedOrigins`, character for character; any other value (`none`, unknown)
 * is refused. Browsers that predate it still send `Origin` on every POST: then the header must equal the relay's
 * own origin or a configured one, character for character (no prefix, suffix or pattern matching, no `null`).
 *
 * This is not authentication: a script outside a browser can send any header. It stops other sites' pages from
 * using a visitor's browser to post into the inbox; rate limits and the allowlist bound the rest.
 *
 * @example
 * originGate(request.headers, { ownOrigin: 'https://example.com', allowedOrigins: new Set() });
 * // { allowed: true, sameOrigin: true } for a same-origin fetch
 */
export const originGate = (headers: HeaderView, policy: OriginGatePolicy): OriginVerdict => {
  const site = headers.get('sec-fetch-site');
  const origin = headers.get('origin');
  const listed = origin !== null && policy.allowedOrigins.has(origin);
  if (site !== null) {
    const value = site.trim().toLowerCase();
    if (value === 'same-origin') return { allowed: true, sameOrigin: true };
    if (listed && (value === 'same-site' || value === 'cross-site')) return { allowed: true, sameOrigin: false };
    return { allowed: false, reason: `Sec-Fetch-Site is ${quoteHeaderValue(site.slice(0, 40))}` };
  }
  if (origin === null) return { allowed: false, reason: 'no Origin header' };
  if (origin === policy.ownOrigin) return { allowed: true, sameOrigin: true };
  if (listed) return { allowed: true, sameOrigin: false };
  return { allowed: false, reason: origin === 'null' ? 'Origin is null' : 'Origin is not allowed' };
};
