import { describe, expect, it } from 'vitest';
import { parseApiUrl } from '../../src/flowmatix/parse-api-url';

describe('parseApiUrl', () => {
  it('accepts http and https URLs, with a path', () => {
    expect(parseApiUrl('http://127.0.0.1:8790').host).toBe('127.0.0.1:8790');
    expect(parseApiUrl('https://api.example.com/v7').pathname).toBe('/v7');
  });

  it.each([
    ['api.v7.flowmatix.ai', 'is not a URL: "api.v7.flowmatix.ai"'],
    ['', 'is not a URL: ""'],
    ['ftp://api.example.com', 'must start with http:// or https://, not "ftp:"'],
    ['javascript:alert(1)', 'must start with http:// or https://, not "javascript:"'],
  ])('refuses %j with a TypeError that says why', (value, reason) => {
    expect(() => parseApiUrl(value)).toThrow(TypeError);
    expect(() => parseApiUrl(value)).toThrow(reason);
  });

  it.each([
    ['ftp://user:pw@api.example.com/?t=secret', 'must start with http:// or https://, not "ftp:"'],
    ['http://user:pw@api.example.com:99999/?t=secret', 'is not a URL: "http://…@api.example.com:99999/?…"'],
    ['http://api.example.com:99999/x?t=secret#pw', 'is not a URL: "http://api.example.com:99999/x?…"'],
  ])('never quotes the credentials or query of %j', (value, reason) => {
    let message = '';
    try {
      parseApiUrl(value);
    } catch (error) {
      message = (error as TypeError).message;
    }
    expect(message).toContain(reason);
    expect(message).not.toMatch(/user|pw|secret/);
  });
});
