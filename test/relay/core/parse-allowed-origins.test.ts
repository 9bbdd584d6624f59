import { describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from '../../../src/relay/core/parse-allowed-origins';

describe('parseAllowedOrigins', () => {
  it('canonicalizes origins to what browsers send', () => {
    expect(parseAllowedOrigins('https://Example.com:443, https://www.example.com/ http://localhost:5173')).toEqual([
      'https://example.com',
      'https://www.example.com',
      'http://localhost:5173',
    ]);
    expect(parseAllowedOrigins(['https://a.example', 'https://a.example'])).toEqual(['https://a.example']);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
  });

  it.each([
    ['example.com', /not an origin/],
    ['ftp://example.com', /http:\/\/ or https:\/\//],
    ['https://example.com/path', /bare origin/],
    ['https://*.example.com', /bare origin/],
    ['https://user:pw@example.com', /bare origin/],
    ['https://example.com?x=1', /bare origin/],
  ])('refuses %j', (value, message) => {
    expect(() => parseAllowedOrigins(value)).toThrow(message);
  });
});
