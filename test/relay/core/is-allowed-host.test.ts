import { describe, expect, it } from 'vitest';
import { isAllowedHost } from '../../../src/relay/core/is-allowed-host';
import { parseAllowedHosts } from '../../../src/relay/core/parse-allowed-hosts';

const allowed = new Set(parseAllowedHosts('localhost, 127.0.0.1, ::1, shop.example:8443, leads.example.com:443'));

// [request origin, allowed]
const cases: [string, boolean][] = [
  ['http://localhost:8787', true],
  ['http://localhost', true],
  ['http://127.0.0.1:8787', true],
  ['http://[::1]:8787', true],
  ['https://shop.example:8443', true],
  ['https://leads.example.com', true],
  ['http://evil.example:8787', false],
  ['http://localhost.evil.example:8787', false],
  ['http://evil-localhost:8787', false],
  ['http://127.0.0.2:8787', false],
  ['https://shop.example', false],
  ['http://shop.example:8443', true],
  ['http://leads.example.com', false],
  ['http://sub.localhost:8787', false],
];

describe('isAllowedHost', () => {
  it.each(cases)('%s → %s', (origin, expected) => {
    expect(isAllowedHost(origin, allowed)).toBe(expected);
  });

  it('allows any host when no list is configured', () => {
    expect(isAllowedHost('http://evil.example:8787', undefined)).toBe(true);
  });
});
