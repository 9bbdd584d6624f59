import { describe, expect, it } from 'vitest';
import type { TrustProxy } from '../../src/relay/get-client-ip';
import { requestOrigin } from '../../src/relay/request-origin';

const URL_SEEN = 'http://10.0.0.5:8787/api/flowmatix/lead';

// [what, trustProxy, forwarding headers, expected origin]
const cases: [string, TrustProxy, Record<string, string>, string][] = [
  ['no trust: the request URL, whatever the headers say', false, { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' }, 'http://10.0.0.5:8787'],
  ['zero hops: the request URL', 0, { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' }, 'http://10.0.0.5:8787'],
  ['one hop: the values the proxy set', 1, { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' }, 'https://shop.example'],
  ['true is one hop', true, { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' }, 'https://shop.example'],
  ['one hop: the rightmost value, not the client-written leftmost', 1, { 'x-forwarded-host': 'evil.example, shop.example', 'x-forwarded-proto': 'http, https' }, 'https://shop.example'],
  ['two hops: the second value from the right', 2, { 'x-forwarded-host': 'evil.example, shop.example, inner.internal', 'x-forwarded-proto': 'http, https, http' }, 'https://shop.example'],
  ['two hops but one value: not from the proxies, the request URL', 2, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }, 'http://10.0.0.5:8787'],
  ['one hop: empty list items are skipped', 1, { 'x-forwarded-host': 'shop.example, ', 'x-forwarded-proto': 'https,' }, 'https://shop.example'],
  ['one hop: a host with its port', 1, { 'x-forwarded-host': 'shop.example:8443', 'x-forwarded-proto': 'https' }, 'https://shop.example:8443'],
  ['one hop: an IPv6 host', 1, { 'x-forwarded-host': '[::1]:8080' }, 'http://[::1]:8080'],
  ['one hop: the default port is not part of the origin', 1, { 'x-forwarded-host': 'shop.example:443', 'x-forwarded-proto': 'https' }, 'https://shop.example'],
  ['one hop: a host that is not a plain host is ignored', 1, { 'x-forwarded-host': 'a@evil.example/x', 'x-forwarded-proto': 'https' }, 'https://10.0.0.5:8787'],
  ['one hop: a scheme other than http or https is ignored', 1, { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'ftp' }, 'http://shop.example'],
  ['one hop: the scheme in any case', 1, { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'HTTPS' }, 'https://shop.example'],
  ['one hop: no forwarding headers at all', 1, {}, 'http://10.0.0.5:8787'],
  ['header name (Workers): X-Forwarded-Host and -Proto are the client’s words', 'cf-connecting-ip', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }, 'http://10.0.0.5:8787'],
  ['header name (Vercel): even a single value is ignored', 'x-real-ip', { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' }, 'http://10.0.0.5:8787'],
];

describe('requestOrigin', () => {
  it.each(cases)('%s', (_what, trustProxy, headers, expected) => {
    expect(requestOrigin(new Request(URL_SEEN, { headers }), trustProxy)).toBe(expected);
  });

  it('gives the public URL the platform hands over in header-name mode', () => {
    const request = new Request('https://shop.example/api/flowmatix/lead', { headers: { 'x-forwarded-host': 'evil.example' } });
    expect(requestOrigin(request, 'cf-connecting-ip')).toBe('https://shop.example');
  });
});
