import { describe, expect, it } from 'vitest';
import { parseApiUrl } from '../../src/flowmatix/parse-api-url';

describe('parseApiUrl', () => {
  it('accepts http and https URLs, with a path', () => {
    expect(parseApiUrl('http://127.0.0.1:8790').host).toBe('127.0.0.1:8790');
    expect(parseApiUrl('https://api.example.com/v7').pathname).toBe('/v7');
  });

  it.each([
    ['api.v7.flowmatix.ai', 'is not a URL'],
    ['', 'is not a URL'],
    ['ftp://api.example.com', 'must start with http:// or https://'],
    ['javascript:alert(1)', 'must start with http:// or https://'],
  ])('refuses %j with a TypeError that says why', (value, reason) => {
    expect(() => parseApiUrl(value)).toThrow(TypeError);
    expect(() => parseApiUrl(value)).toThrow(`${reason}: "${value}"`);
  });
});
