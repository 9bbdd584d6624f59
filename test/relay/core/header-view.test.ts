import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headersFromRaw, headerView, withHeaderView } from '../../../src/relay/core/header-view';

const NAMES = [
  'Origin',
  'origin',
  'ORIGIN',
  'Sec-Fetch-Site',
  'content-type',
  'Content-Length',
  'X-Forwarded-For',
  'set-cookie',
];
// Header values as a parser hands them over: visible ASCII and spaces inside, nothing to trim at the ends.
const value = fc.stringMatching(/^[!-~]([ !-~]{0,20}[!-~])?$/);

describe('headersFromRaw', () => {
  it('reads as Fetch Headers read the same header lines: any case, repeats joined with ", "', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 8 }), (lines) => {
        const view = headersFromRaw(lines.flat());
        const headers = new Headers(lines);
        for (const name of [...NAMES, 'absent']) {
          expect(view.get(name)).toBe(headers.get(name));
          expect(view.has(name)).toBe(headers.has(name));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out HTTP/2 pseudo-headers, which Headers never holds', () => {
    const view = headersFromRaw([':path', '/api', ':authority', 'example.com', 'origin', 'https://example.com']);
    expect([view.get(':path'), view.has(':authority'), view.get('origin')]).toEqual([
      null,
      false,
      'https://example.com',
    ]);
  });
});

describe('headerView', () => {
  it('is the request’s own headers unless a view was attached', () => {
    const request = new Request('http://relay.test/', { headers: { origin: 'https://a.example' } });
    expect(headerView(request)).toBe(request.headers);
    const view = headersFromRaw(['Origin', 'https://b.example']);
    expect(headerView(withHeaderView(request, view)).get('origin')).toBe('https://b.example');
  });
});
