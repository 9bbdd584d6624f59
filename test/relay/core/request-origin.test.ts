import { describe, expect, it } from 'vitest';
import type { TrustProxy } from '../../../src/relay/core/get-client-ip';
import { requestOrigin } from '../../../src/relay/core/request-origin';

const URL_SEEN = 'http://10.0.0.5:8787/api/flowmatix/lead';

// [what, trustProxy, forwarding headers, expected origin]
const cases: [string, TrustProxy, Record<string, string>, string][] = [
  [
    'no trust: the request URL, whatever the headers say',
    false,
    { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' },
    'http://10.0.0.5:8787',
  ],
  [
    'zero hops: the request URL',
    0,
    { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' },
    'http://10.0.0.5:8787',
  ],
  [
    'one hop: the values the proxy set',
    1,
    { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' },
    'https://shop.example',
  ],
  [
    'true is one hop',
    true,
    { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' },
    'https://shop.example',
  ],
  [
    'one hop: the rightmost value, not the client-written leftmost',
    1,
    { 'x-forwarded-host': 'evil.example, shop.example', 'x-forwarded-proto': 'http, https' },
    'https://shop.example',
  ],
  [
    'two hops: the second value from the right',
    2,
    { 'x-forwarded-host': 'evil.example, shop.example, inner.internal', 'x-forwarded-proto': 'http, https, http' },
    'https://shop.example',
  ],
  [
    'two hops but one value: not from the proxies, the request URL',
    2,
    { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    'http://10.0.0.5:8787',
  ],
  [
    'one hop: empty list items are skipped',
    1,
    { 'x-forwarded-host': 'shop.example, ', 'x-forwarded-proto': 'https,' },
    'https://shop.example',
  ],
  [
    'one hop: a host with its port',
    1,
    { 'x-forwarded-host': 'shop.example:8443', 'x-forwarded-proto': 'https' },
    'https://shop.example:8443',
  ],
  ['one hop: an IPv6 host', 1, { 'x-forwarded-host': '[::1]:8080' }, 'http://[::1]:8080'],
  [
    'one hop: the default port is not part of the origin',
    1,
    { 'x-forwarded-host': 'shop.example:443', 'x-forwarded-proto': 'https' },
    'https://shop.example',
  ],
  [
    'one hop: a host name in capitals, lowercased',
    1,
    { 'x-forwarded-host': 'SHOP.Example:8443' },
    'http://shop.example:8443',
  ],
  ['one hop: only a proto, the request URL’s host', 1, { 'x-forwarded-proto': 'https' }, 'https://10.0.0.5:8787'],
  [
    'one hop: the scheme in any case',
    1,
    { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'HTTPS' },
    'https://shop.example',
  ],
  ['one hop: no forwarding headers at all', 1, {}, 'http://10.0.0.5:8787'],
  [
    'header name (Workers): X-Forwarded-Host and -Proto are the client’s words',
    'cf-connecting-ip',
    { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    'http://10.0.0.5:8787',
  ],
  [
    'header name (Vercel): even a single value is ignored',
    'x-real-ip',
    { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' },
    'http://10.0.0.5:8787',
  ],
];

// [what, trusted proxy's forwarding headers, what the problem says]
const malformed: [string, Record<string, string>, RegExp][] = [
  ['an underscore', { 'x-forwarded-host': 'shop_1.example' }, /X-Forwarded-Host "shop_1\.example" holds an underscore/],
  [
    'a port that is not a number',
    { 'x-forwarded-host': 'shop.example:https' },
    /"shop\.example:https" has a port that is not a number/,
  ],
  [
    'a port past 65535',
    { 'x-forwarded-host': 'shop.example:70000' },
    /has a port that is not a number from 1 to 65535/,
  ],
  ['port 0', { 'x-forwarded-host': 'shop.example:0' }, /has a port/],
  ['an empty port', { 'x-forwarded-host': 'shop.example:' }, /has a port/],
  ['a path', { 'x-forwarded-host': 'shop.example/api' }, /"shop\.example\/api" holds a path or query/],
  ['a query', { 'x-forwarded-host': 'shop.example?x=1' }, /holds a path or query/],
  ['user information', { 'x-forwarded-host': 'a@shop.example' }, /holds user information/],
  [
    'non-ASCII (Latin-1 bytes as Node reads them)',
    { 'x-forwarded-host': 'sh\u00f6p.example' },
    /"sh\\u00f6p\.example" holds characters that are not ASCII/,
  ],
  [
    'two values in one, by spaces',
    { 'x-forwarded-host': 'shop.example evil.example' },
    /holds spaces: one host name is expected/,
  ],
  ['two values in one, by a semicolon', { 'x-forwarded-host': 'shop.example;evil.example' }, /holds several values/],
  ['a bracketed thing that is not IPv6', { 'x-forwarded-host': '[evil]' }, /is not a host name/],
  ['a leading hyphen', { 'x-forwarded-host': '-shop.example' }, /is not a host name/],
  [
    'a name longer than DNS allows',
    { 'x-forwarded-host': `${'a'.repeat(254)}.example` },
    /is longer than a host name can be/,
  ],
  [
    'a scheme other than http or https',
    { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'ftp' },
    /X-Forwarded-Proto "ftp" is neither http nor https/,
  ],
  [
    'the rightmost value is the one checked',
    { 'x-forwarded-host': 'shop.example, evil_1.example' },
    /"evil_1\.example" holds an underscore/,
  ],
];

describe('requestOrigin', () => {
  it.each(cases)('%s', (_what, trustProxy, headers, expected) => {
    expect(requestOrigin(new Request(URL_SEEN, { headers }), trustProxy)).toEqual({ ok: true, origin: expected });
  });

  it('gives the public URL the platform hands over in header-name mode', () => {
    const request = new Request('https://shop.example/api/flowmatix/lead', {
      headers: { 'x-forwarded-host': 'evil.example' },
    });
    expect(requestOrigin(request, 'cf-connecting-ip')).toEqual({ ok: true, origin: 'https://shop.example' });
  });

  it.each(malformed)(
    'refuses a trusted proxy’s value with %s, never falling back to Host',
    (_what, headers, problem) => {
      const found = requestOrigin(new Request(URL_SEEN, { headers }), 1);
      expect(found).toEqual({ ok: false, problem: expect.stringMatching(problem) });
    },
  );

  it('quotes an overlong value in its problem only in part', () => {
    const found = requestOrigin(new Request(URL_SEEN, { headers: { 'x-forwarded-host': `${'a'.repeat(5_000)}_` } }), 1);
    expect(found.ok).toBe(false);
    if (!found.ok) expect(found.problem.length).toBeLessThan(250);
  });
});
