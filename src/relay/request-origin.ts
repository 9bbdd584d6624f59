import type { TrustProxy } from './get-client-ip';
import { headerView } from './header-view';

const HOST = /^[\da-z.-]+(:\d{1,5})?$|^\[[\da-f:.]+\](:\d{1,5})?$/i;

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

/**
 * The relay's own origin as the visitor's browser sees it. From the request URL, except behind a number of trusted
 * proxies (`trustProxy` `true` or `n`), whose `X-Forwarded-Proto` and `X-Forwarded-Host` say what the browser used
 * (TLS usually ends at the proxy, so the relay itself sees `http:`); the value is the `n`-th from the right, the
 * one the outermost trusted proxy wrote. With `trustProxy` naming a header (`cf-connecting-ip`, `x-real-ip`) the
 * platform already hands over the public URL, and these headers are the client's words: they are ignored. Values
 * that are not a plain scheme or host are ignored too.
 *
 * @example
 * requestOrigin(new Request('http://10.0.0.5:8787/api', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'example.com' } }), 1);
 * // 'https://example.com'
 */
export const requestOrigin = (request: Request, trustProxy: TrustProxy): string => {
  const url = new URL(request.url);
  if (typeof trustProxy === 'string' || trustProxy === false || trustProxy === 0) return url.origin;
  const hops = trustProxy === true ? 1 : trustProxy;
  const headers = headerView(request);
  const proto = fromRight(headers.get('x-forwarded-proto'), hops)?.toLowerCase();
  const host = fromRight(headers.get('x-forwarded-host'), hops);
  const scheme = proto === 'http' || proto === 'https' ? `${proto}:` : url.protocol;
  const authority = host && HOST.test(host) ? host : url.host;
  try {
    return new URL(`${scheme}//${authority}`).origin;
  } catch {
    return url.origin;
  }
};
