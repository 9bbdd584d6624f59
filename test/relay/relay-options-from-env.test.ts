import { describe, expect, it } from 'vitest';
import { createRelay } from '../../src/relay/create-relay';
import { relayOptionsFromEnv } from '../../src/relay/relay-options-from-env';

describe('relayOptionsFromEnv', () => {
  it('reads the whole table', () => {
    expect(
      relayOptionsFromEnv({
        FLOWMATIX_TOKEN: ' tok_123\n',
        FLOWMATIX_API_URL: 'http://127.0.0.1:8790',
        FLOWMATIX_BOTS: 'b:c,b2:c2',
        FLOWMATIX_ALLOWED_ORIGINS: 'https://Example.com, https://www.example.com/',
        FLOWMATIX_ALLOWED_HOSTS: 'Leads.Example.com, localhost:5173',
        FLOWMATIX_TRUST_PROXY: '2',
        FLOWMATIX_TOKEN_HEADER: 'x-api-key',
        FLOWMATIX_STORE_FAILURE: 'closed',
        PORT: '8080',
      }),
    ).toEqual({
      token: 'tok_123',
      apiUrl: 'http://127.0.0.1:8790',
      bots: 'b:c,b2:c2',
      allowedOrigins: ['https://example.com', 'https://www.example.com'],
      allowedHosts: ['leads.example.com', 'localhost:5173'],
      trustProxy: 2,
      tokenHeader: 'x-api-key',
      storeFailure: 'closed',
      port: 8080,
    });
  });

  it('treats blank values as unset', () => {
    expect(
      relayOptionsFromEnv({ FLOWMATIX_TOKEN: '  ', FLOWMATIX_BOTS: '', FLOWMATIX_STORE_FAILURE: ' ', FLOWMATIX_ALLOWED_HOSTS: ' ', PORT: '' }),
    ).toEqual({
      bots: '',
    });
  });

  it.each([
    ['open', 'open'],
    ['closed', 'closed'],
    [' Closed\n', 'closed'],
    ['OPEN', 'open'],
  ])('reads FLOWMATIX_STORE_FAILURE=%j', (value, expected) => {
    expect(relayOptionsFromEnv({ FLOWMATIX_STORE_FAILURE: value }).storeFailure).toBe(expected);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', 1],
    ['CF-Connecting-IP', 'cf-connecting-ip'],
  ])('reads FLOWMATIX_TRUST_PROXY=%s', (value, expected) => {
    expect(relayOptionsFromEnv({ FLOWMATIX_TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it.each([
    [{ FLOWMATIX_BOTS: 'nocolon' }, /^FLOWMATIX_BOTS: /],
    [{ FLOWMATIX_ALLOWED_ORIGINS: 'example.com' }, /^FLOWMATIX_ALLOWED_ORIGINS: /],
    [{ FLOWMATIX_TRUST_PROXY: 'x y' }, /^FLOWMATIX_TRUST_PROXY: /],
    [{ FLOWMATIX_ALLOWED_HOSTS: 'https://leads.example.com' }, /^FLOWMATIX_ALLOWED_HOSTS: "https:\/\/leads\.example\.com" is not a host name/],
    [{ FLOWMATIX_TOKEN_HEADER: 'x:y' }, /^FLOWMATIX_TOKEN_HEADER: /],
    [{ PORT: '99999' }, /^PORT: /],
    [{ FLOWMATIX_STORE_FAILURE: 'fail-closed' }, /^FLOWMATIX_STORE_FAILURE: expected "open" or "closed", got "fail-closed"$/],
    [{ FLOWMATIX_STORE_FAILURE: 'true' }, /^FLOWMATIX_STORE_FAILURE: /],
  ])('names the variable in its error for %j', (env, message) => {
    expect(() => relayOptionsFromEnv(env)).toThrow(message);
  });

  it('leaves a missing token and allowlist to createRelay, which says what to set', () => {
    expect(() => createRelay(relayOptionsFromEnv({ FLOWMATIX_BOTS: 'b:c' }))).toThrow(/FLOWMATIX_TOKEN/);
    expect(() => createRelay(relayOptionsFromEnv({ FLOWMATIX_TOKEN: 't' }))).toThrow(/FLOWMATIX_BOTS/);
  });
});
