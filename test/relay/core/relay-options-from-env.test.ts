import { describe, expect, it } from 'vitest';
import { createRelay } from '../../../src/relay/core/create-relay';
import { relayOptionsFromEnv } from '../../../src/relay/core/relay-options-from-env';

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
        FLOWMATIX_UNATTACHED: 'mint',
        FLOWMATIX_HELD_TTL_DAYS: '7',
        FLOWMATIX_FORWARD_URL: 'https://hooks.example.com/leads',
        FLOWMATIX_FORWARD_SECRET: ' whsec_abc\n',
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
      unattached: 'mint',
      heldTtlMs: 7 * 86_400_000,
      forward: { url: 'https://hooks.example.com/leads', secret: 'whsec_abc' },
      port: 8080,
    });
  });

  it('treats blank values as unset', () => {
    expect(
      relayOptionsFromEnv({
        FLOWMATIX_TOKEN: '  ',
        FLOWMATIX_BOTS: '',
        FLOWMATIX_STORE_FAILURE: ' ',
        FLOWMATIX_ALLOWED_HOSTS: ' ',
        FLOWMATIX_UNATTACHED: '',
        FLOWMATIX_HELD_TTL_DAYS: ' ',
        FLOWMATIX_FORWARD_URL: '',
        FLOWMATIX_FORWARD_SECRET: '',
        PORT: '',
      }),
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
    ['hold', 'hold'],
    ['Drop', 'drop'],
    [' MINT ', 'mint'],
  ])('reads FLOWMATIX_UNATTACHED=%j', (value, expected) => {
    expect(relayOptionsFromEnv({ FLOWMATIX_UNATTACHED: value }).unattached).toBe(expected);
  });

  it.each([
    ['30', 30 * 86_400_000],
    ['1', 86_400_000],
    ['0.5', 43_200_000],
  ])('reads FLOWMATIX_HELD_TTL_DAYS=%j as heldTtlMs', (value, expected) => {
    expect(relayOptionsFromEnv({ FLOWMATIX_HELD_TTL_DAYS: value }).heldTtlMs).toBe(expected);
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
    [
      { FLOWMATIX_ALLOWED_HOSTS: 'https://leads.example.com' },
      /^FLOWMATIX_ALLOWED_HOSTS: "https:\/\/leads\.example\.com" is not a host name/,
    ],
    [{ FLOWMATIX_TOKEN_HEADER: 'x:y' }, /^FLOWMATIX_TOKEN_HEADER: /],
    [{ PORT: '99999' }, /^PORT: /],
    [
      { FLOWMATIX_STORE_FAILURE: 'fail-closed' },
      /^FLOWMATIX_STORE_FAILURE: expected "open" or "closed", got "fail-closed"$/,
    ],
    [{ FLOWMATIX_STORE_FAILURE: 'true' }, /^FLOWMATIX_STORE_FAILURE: /],
    [{ FLOWMATIX_UNATTACHED: 'keep' }, /^FLOWMATIX_UNATTACHED: expected "hold", "mint" or "drop", got "keep"$/],
    [{ FLOWMATIX_HELD_TTL_DAYS: '0' }, /^FLOWMATIX_HELD_TTL_DAYS: expected a number of days above 0, got "0"$/],
    [{ FLOWMATIX_HELD_TTL_DAYS: '-3' }, /^FLOWMATIX_HELD_TTL_DAYS: /],
    [{ FLOWMATIX_HELD_TTL_DAYS: '30d' }, /^FLOWMATIX_HELD_TTL_DAYS: /],
    [
      { FLOWMATIX_FORWARD_URL: 'https://hooks.example.com/leads' },
      /^FLOWMATIX_FORWARD_URL is set without FLOWMATIX_FORWARD_SECRET/,
    ],
    [{ FLOWMATIX_FORWARD_SECRET: 'whsec_abc' }, /^FLOWMATIX_FORWARD_SECRET is set without FLOWMATIX_FORWARD_URL/],
    [
      { FLOWMATIX_FORWARD_URL: 'hooks.example.com/leads', FLOWMATIX_FORWARD_SECRET: 'whsec_abc' },
      /^FLOWMATIX_FORWARD_URL: expected an absolute http:\/\/ or https:\/\/ URL$/,
    ],
  ])('names the variable in its error for %j', (env, message) => {
    expect(() => relayOptionsFromEnv(env)).toThrow(message);
  });

  it('repeats neither the forward secret nor the URL in its errors', () => {
    const env = { FLOWMATIX_FORWARD_URL: 'ftp://hooks.example.com/s3cr3tpath', FLOWMATIX_FORWARD_SECRET: 'whsec_abc' };
    expect(() => relayOptionsFromEnv(env)).toThrow(/^(?!.*(s3cr3tpath|whsec_abc)).*$/);
  });

  it('gives createRelay options it accepts as they are', () => {
    const options = relayOptionsFromEnv({
      FLOWMATIX_TOKEN: 't',
      FLOWMATIX_BOTS: 'b:c',
      FLOWMATIX_UNATTACHED: 'drop',
      FLOWMATIX_HELD_TTL_DAYS: '2',
      FLOWMATIX_FORWARD_URL: 'http://127.0.0.1:9000/leads',
      FLOWMATIX_FORWARD_SECRET: 's',
    });
    expect(() => createRelay({ ...options, logger: false })).not.toThrow();
  });

  it('leaves a missing token and allowlist to createRelay, which says what to set', () => {
    expect(() => createRelay(relayOptionsFromEnv({ FLOWMATIX_BOTS: 'b:c' }))).toThrow(/FLOWMATIX_TOKEN/);
    expect(() => createRelay(relayOptionsFromEnv({ FLOWMATIX_TOKEN: 't' }))).toThrow(/FLOWMATIX_BOTS/);
  });
});
