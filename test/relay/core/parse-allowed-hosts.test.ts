import { describe, expect, it } from 'vitest';
import { isAllowedHost, parseAllowedHosts } from '../../../src/relay/core/parse-allowed-hosts';
import { RelayConfigurationError } from '../../../src/relay/core/relay-configuration-error';

describe('parseAllowedHosts', () => {
  it('writes hosts as a URL does: lowercase, IPv6 in brackets, a port only when given', () => {
    expect(parseAllowedHosts('Leads.Example.com, localhost:5173 ::1 [::1]:8787 127.0.0.1')).toEqual([
      'leads.example.com',
      'localhost:5173',
      '[::1]',
      '[::1]:8787',
      '127.0.0.1',
    ]);
    expect(parseAllowedHosts(['a.example', 'A.example', ' a.example '])).toEqual(['a.example']);
  });

  it('writes IPv4 shorthands and international names as the request URL will hold them', () => {
    expect(parseAllowedHosts(['127.1', 'bücher.example', '[0:0:0:0:0:0:0:1]'])).toEqual([
      '127.0.0.1',
      'xn--bcher-kva.example',
      '[::1]',
    ]);
  });

  it('keeps an explicit port, default ones included', () => {
    expect(parseAllowedHosts('shop.example:443, shop.example:080')).toEqual(['shop.example:443', 'shop.example:80']);
  });

  it.each([
    'https://leads.example.com',
    'leads.example.com/api',
    '*.example.com',
    'user@leads.example.com',
    'leads.example.com:99999',
    'leads.example.com:',
    'leads.example.com:port',
    '[::1',
    'a b:c',
    '%65vil.example',
  ])('refuses %j, naming the option', (value) => {
    expect(() => parseAllowedHosts(value, 'FLOWMATIX_ALLOWED_HOSTS')).toThrow(
      /^FLOWMATIX_ALLOWED_HOSTS: ".*" is not a host name such as www\.example\.com/,
    );
  });

  it('refuses an empty list, which would refuse every request', () => {
    expect(() => parseAllowedHosts([])).toThrow(RelayConfigurationError);
    expect(() => parseAllowedHosts(' , ')).toThrow(/allowedHosts: the list is empty; leave it unset/);
  });
});

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
