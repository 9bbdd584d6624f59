import { describe, expect, it } from 'vitest';
import { displayApiUrl, redactToken } from '../../src/flowmatix/redact-token';

describe('redactToken', () => {
  it('replaces every occurrence of the token', () => {
    expect(redactToken('abc123 then abc123', 'abc123')).toBe('[redacted] then [redacted]');
  });

  it('leaves text alone without a token', () => {
    expect(redactToken('abc123', undefined)).toBe('abc123');
    expect(redactToken('abc123', '')).toBe('abc123');
  });
});

describe('displayApiUrl', () => {
  it.each([
    ['http://user:pw@127.0.0.1:1/?t=secret', 'http://127.0.0.1:1'],
    ['https://api.v7.flowmatix.ai', 'https://api.v7.flowmatix.ai'],
    ['https://:token@api.example.com/v7/?key=k#frag', 'https://api.example.com/v7'],
    ['https://api.example.com/a/b', 'https://api.example.com/a/b'],
  ])('shows %s as %s', (value, shown) => {
    expect(displayApiUrl(new URL(value))).toBe(shown);
  });
});
