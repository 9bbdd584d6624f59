import type { TrustProxy } from './get-client-ip';

const HOST = /^[\da-z.-]+(:\d{1,5})?$|^\[[\da-f:.]+\](:\d{1,5})?$/i;

const firstValue = (header: string | null): string | undefined => header?.split(',')[0]?.trim() || undefined;

/**
 * The relay's own origin as the visitor's browser sees it. From the request URL, except behind a trusted proxy,
 * whose `X-Forwarded-Proto` and `X-Forwarded-Host` say what the browser used (TLS usually ends at the proxy,
 * so the relay itself sees `http:`). Values that are not a plain scheme or host are ignored.
 *
 * @example
 * requestOrigin(new Request('http://10.0.0.5:8787/api', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'example.com' } }), 1);
 * // 'https://example.com'
 */
export const requestOrigin = (request: Request, trustProxy: TrustProxy): string => {
  const url = new URL(request.url);
  if (trustProxy === false || trustProxy === 0) return url.origin;
  const proto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase();
  const host = firstValue(request.headers.get('x-forwarded-host'));
  const scheme = proto === 'http' || proto === 'https' ? `${proto}:` : url.protocol;
  const authority = host && HOST.test(host) ? host : url.host;
  try {
    return new URL(`${scheme}//${authority}`).origin;
  } catch {
    return url.origin;
  }
};
