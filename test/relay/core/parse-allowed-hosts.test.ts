import { describe, expect, it } from 'vitest';
import { parseAllowedHosts } from '../../../src/relay/core/parse-allowed-hosts';
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
