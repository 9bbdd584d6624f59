import { describe, expect, it } from 'vitest';
import { originGate } from '../../../src/relay/core/origin-gate';

const policy = {
  ownOrigin: 'https://shop.example.com',
  allowedOrigins: new Set(['https://www.example.com', 'http://localhost:5173']),
};

const headers = (values: Record<string, string>) => new Headers(values);

// [what, headers, allowed, sameOrigin]
const cases: [string, Record<string, string>, boolean, boolean?][] = [
  ['Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }, true, true],
  ['Sec-Fetch-Site same-origin in another case, padded', { 'sec-fetch-site': ' Same-Origin ' }, true, true],
  [
    'Sec-Fetch-Site same-origin even with a foreign Origin (the browser vouches)',
    { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' },
    true,
    true,
  ],
  ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, false],
  [
    'Sec-Fetch-Site cross-site, even with our own Origin',
    { 'sec-fetch-site': 'cross-site', origin: 'https://shop.example.com' },
    false,
  ],
  [
    'Sec-Fetch-Site same-site (a sibling subdomain)',
    { 'sec-fetch-site': 'same-site', origin: 'https://blog.example.com' },
    false,
  ],
  [
    'Sec-Fetch-Site same-site with a configured origin (a sibling subdomain the owner listed)',
    { 'sec-fetch-site': 'same-site', origin: 'https://www.example.com' },
    true,
    false,
  ],
  [
    'Sec-Fetch-Site same-site, padded and in capitals, with a configured origin',
    { 'sec-fetch-site': ' Same-Site', origin: 'https://www.example.com' },
    true,
    false,
  ],
  [
    'Sec-Fetch-Site cross-site with a configured origin',
    { 'sec-fetch-site': 'cross-site', origin: 'http://localhost:5173' },
    true,
    false,
  ],
  ['Sec-Fetch-Site same-site with no Origin', { 'sec-fetch-site': 'same-site' }, false],
  [
    'Sec-Fetch-Site same-site with a configured origin in capitals',
    { 'sec-fetch-site': 'same-site', origin: 'HTTPS://WWW.EXAMPLE.COM' },
    false,
  ],
  [
    'Sec-Fetch-Site same-site with a configured origin and a trailing slash',
    { 'sec-fetch-site': 'same-site', origin: 'https://www.example.com/' },
    false,
  ],
  [
    'Sec-Fetch-Site none with a configured origin',
    { 'sec-fetch-site': 'none', origin: 'https://www.example.com' },
    false,
  ],
  [
    'Sec-Fetch-Site unknown with a configured origin',
    { 'sec-fetch-site': 'same-origin-ish', origin: 'https://www.example.com' },
    false,
  ],
  ['Sec-Fetch-Site none (typed in the address bar)', { 'sec-fetch-site': 'none' }, false],
  ['Sec-Fetch-Site with an unknown value', { 'sec-fetch-site': 'same-origin-ish' }, false],
  ['Sec-Fetch-Site empty', { 'sec-fetch-site': '' }, false],
  ['no header at all', {}, false],
  ['Origin equal to our own', { origin: 'https://shop.example.com' }, true, true],
  ['Origin equal to a configured one', { origin: 'https://www.example.com' }, true, false],
  ['Origin equal to a configured localhost with port', { origin: 'http://localhost:5173' }, true, false],
  ['Origin null (sandboxed iframe, file:)', { origin: 'null' }, false],
  ['Origin of another site', { origin: 'https://evil.example' }, false],
  ['Origin with our host as a prefix of theirs', { origin: 'https://shop.example.com.evil.example' }, false],
  ['Origin with our host as a suffix of theirs', { origin: 'https://evilshop.example.com' }, false],
  ['Origin of a subdomain of ours', { origin: 'https://a.shop.example.com' }, false],
  ['Origin with the other scheme', { origin: 'http://shop.example.com' }, false],
  ['Origin with another port', { origin: 'https://shop.example.com:8443' }, false],
  ['Origin with the default port spelled out', { origin: 'https://shop.example.com:443' }, false],
  ['Origin with a trailing slash', { origin: 'https://shop.example.com/' }, false],
  ['Origin with a path', { origin: 'https://shop.example.com/api' }, false],
  ['Origin in upper case', { origin: 'HTTPS://SHOP.EXAMPLE.COM' }, false],
  ['Origin with credentials', { origin: 'https://user@shop.example.com' }, false],
  ['Origin listing two origins', { origin: 'https://shop.example.com, https://evil.example' }, false],
  ['Origin with a wildcard', { origin: '*' }, false],
  ['Origin localhost without the configured port', { origin: 'http://localhost' }, false],
  ['Origin 127.0.0.1 for a configured localhost', { origin: 'http://127.0.0.1:5173' }, false],
  ['Origin with an IDN look-alike host', { origin: 'https://shop.examp1e.com' }, false],
];

describe('originGate', () => {
  it.each(cases)('%s', (_what, values, allowed, sameOrigin) => {
    const verdict = originGate(headers(values), policy);
    expect(verdict.allowed).toBe(allowed);
    if (verdict.allowed) expect(verdict.sameOrigin).toBe(sameOrigin);
    else expect(verdict.reason).toMatch(/\S/);
  });

  it('keeps an overlong Sec-Fetch-Site value out of its reason', () => {
    const verdict = originGate(headers({ 'sec-fetch-site': 'x'.repeat(500) }), policy);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason.length).toBeLessThan(80);
  });
});
