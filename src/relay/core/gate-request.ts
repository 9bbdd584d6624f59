import type { TrustProxy } from './get-client-ip';
import { headerView } from './header-view';
import { originGate } from './origin-gate';
import { isAllowedHost } from './parse-allowed-hosts';
import { quoteHeaderValue } from './quote-header-value';
import { requestOrigin } from './request-origin';

/** What the host and origin gates need to know about the relay (as `resolveRelayOptions` gives it). */
export interface RequestGatePolicy {
  trustProxy: TrustProxy;
  /** Host names the relay answers for, as `parseAllowedHosts` writes them; `undefined` for any. */
  allowedHosts: ReadonlySet<string> | undefined;
  /** Other exact origins to accept, already canonical (see `parseAllowedOrigins`). */
  allowedOrigins: ReadonlySet<string>;
}

/**
 * Admitted, and whether the browser vouched for the relay's own origin; or refused, with a `reason` for the log and
 * a `message` for the answer.
 */
export type RequestGateVerdict =
  | { allowed: true; sameOrigin: boolean }
  | { allowed: false; reason: string; message: string };

const MAX_HOST_CHARS = 100;

const bounded = (text: string): string => (text.length > MAX_HOST_CHARS ? `${text.slice(0, MAX_HOST_CHARS)}…` : text);

/**
 * The host and origin gates in order: the relay's own origin (`requestOrigin`: a trusted proxy's word that cannot be
 * used is refused), the host check (`allowedHosts`, against DNS rebinding), then the origin gate (`originGate`).
 * A refusal's message says which origin the request carried (or `none`) and which host and origin the relay saw,
 * and what the site owner can set; it quotes nothing else from the request, and each value is cut to a bounded
 * length.
 *
 * @example
 * gateRequest(request, { trustProxy: false, allowedHosts: undefined, allowedOrigins: new Set() });
 * // { allowed: true, sameOrigin: true } for a same-origin fetch
 */
export const gateRequest = (request: Request, policy: RequestGatePolicy): RequestGateVerdict => {
  const headers = headerView(request);
  const origin = headers.get('origin');
  const seenOrigin = origin === null ? 'none' : quoteHeaderValue(origin);
  const own = requestOrigin(request, policy.trustProxy);
  if (!own.ok) {
    return {
      allowed: false,
      reason: own.problem,
      message:
        `Refused: ${own.problem} (Origin: ${seenOrigin}); the relay does not fall back to Host. Make the proxy send ` +
        'the host the browser used (nginx: proxy_set_header X-Forwarded-Host $host), or set FLOWMATIX_TRUST_PROXY ' +
        'to the number of proxies in front of the relay.',
    };
  }
  const host = bounded(new URL(own.origin).host);
  if (!isAllowedHost(own.origin, policy.allowedHosts)) {
    return {
      allowed: false,
      reason: `host ${host} is not in allowedHosts`,
      message:
        `This relay does not answer for the host name ${host} (Origin: ${seenOrigin}); the site owner can add it ` +
        'to FLOWMATIX_ALLOWED_HOSTS (allowedHosts).',
    };
  }
  const verdict = originGate(headers, { ownOrigin: own.origin, allowedOrigins: policy.allowedOrigins });
  if (verdict.allowed) return verdict;
  const ownOrigin = bounded(own.origin);
  return {
    allowed: false,
    reason: `${verdict.reason} (Origin: ${seenOrigin}, relay origin: ${ownOrigin})`,
    message:
      `Leads are accepted only from pages of this site: the relay saw Origin ${seenOrigin} on a request for host ` +
      `${host}, whose origin it takes to be ${ownOrigin}. Serve the page from that origin, or add the page's ` +
      'origin to FLOWMATIX_ALLOWED_ORIGINS (allowedOrigins); behind a proxy, set FLOWMATIX_TRUST_PROXY and have it ' +
      'send X-Forwarded-Host and X-Forwarded-Proto.',
  };
};
