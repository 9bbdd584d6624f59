import type { TrustProxy } from './get-client-ip';
import { headerView } from './header-view';
import { quoteHeaderValue } from './quote-header-value';

// A DNS name (letters, digits, hyphens, dots), an IPv4 address or a bracketed IPv6 address; then a port or none.
const NAME = /^[\da-z](?:[\da-z.-]*[\da-z])?\.?$/i;
const IPV6 = /^\[[\da-f:.]+\]$/i;

/** The relay's own origin as the browser sees it, or why the trusted proxy's word on it cannot be used. */
export type RequestOrigin = { ok: true; origin: string } | { ok: false; problem: string };

/**
 * The value the `hops`-th trusted proxy wrote, counting from the right as for `X-Forwarded-For`: each proxy appends
 * what it saw, so values further left were written by the client. Fewer values than hops: the request did not come
 * through the proxies, and the header says nothing.
 */
const fromRight = (header: string | null, hops: number): string | undefined => {
  const values = (header ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return values.length < hops ? undefined : values[values.length - hops];
};

/** What is wrong with a host as a proxy wrote it, or undefined when it is a plain host with an optional port. */
const hostProblem = (value: string): string | undefined => {
  if (/[^\x21-\x7e]/.test(value)) {
    return /[\s]/.test(value) ? 'holds spaces: one host name is expected' : 'holds characters that are not ASCII';
  }
  if (/[/\\?#]/.test(value)) return 'holds a path or query: a host name is expected';
  if (value.includes('@')) return 'holds user information: a host name is expected';
  if (/[;,]/.test(value)) return 'holds several values: one host name is expected';
  if (value.includes('_')) return 'holds an underscore, which a host name cannot';
  const match = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(value);
  const [, name = '', port] = match ?? [];
  if (!match || !(NAME.test(name) || IPV6.test(name))) return 'is not a host name';
  if (name.length > 253) return 'is longer than a host name can be';
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65_535)) {
    return 'has a port that is not a number from 1 to 65535';
  }
  try {
    new URL(`http://${value}`);
  } catch {
    return 'is not a host name';
  }
  return undefined;
};

const problem = (header: string, value: string, what: string): RequestOrigin => ({
  ok: false,
  problem: `the trusted proxy's ${header} ${quoteHeaderValue(value)} ${what}`,
});

/**
 * The relay's own origin as the visitor's browser sees it. From the request URL, except behind a number of trusted
 * proxies (`trustProxy` `true` or `n`), whose `X-Forwarded-Proto` and `X-Forwarded-Host` say what the browser used
 * (TLS usually ends at the proxy, so the relay itself sees `http:`); the value is the `n`-th from the right, the
 * one the outermost trusted proxy wrote. A proxy that sends no such header leaves the request URL (its `Host`) in
 * place; one that sends a value that is not a plain scheme or host (an underscore, a bad port, a path, non-ASCII,
 * several values in one) is misconfigured, and the answer says why instead of falling back to `Host`, which
 * behind a proxy names the relay's internal address. With `trustProxy` naming a header (`cf-connecting-ip`,
 * `x-real-ip`) the platform already hands over the public URL, and these headers are the client's words: they
 * are ignored.
 *
 * @example
 * requestOrigin(new Request('http://10.0.0.5:8787/api', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'example.com' } }), 1);
 * // { ok: true, origin: 'https://example.com' }
 */
export const requestOrigin = (request: Request, trustProxy: TrustProxy): RequestOrigin => {
  const url = new URL(request.url);
  if (typeof trustProxy === 'string' || trustProxy === false || trustProxy === 0)
    return { ok: true, origin: url.origin };
  const hops = trustProxy === true ? 1 : trustProxy;
  const headers = headerView(request);
  const proto = fromRight(headers.get('x-forwarded-proto'), hops);
  const host = fromRight(headers.get('x-forwarded-host'), hops);
  const scheme = proto?.toLowerCase();
  if (proto !== undefined && scheme !== 'http' && scheme !== 'https') {
    return problem('X-Forwarded-Proto', proto, 'is neither http nor https');
  }
  const hostIssue = host === undefined ? undefined : hostProblem(host);
  if (host !== undefined && hostIssue !== undefined) return problem('X-Forwarded-Host', host, hostIssue);
  return { ok: true, origin: new URL(`${scheme ? `${scheme}:` : url.protocol}//${host ?? url.host}`).origin };
};
