import { describe, expect, it } from 'vitest';
import { gateRequest, type RequestGatePolicy } from '../../../src/relay/core/gate-request';

const URL_SEEN = 'http://10.0.0.5:8787/api/flowmatix/lead';

const policy = (overrides: Partial<RequestGatePolicy> = {}): RequestGatePolicy => ({
  trustProxy: 1,
  allowedHosts: undefined,
  allowedOrigins: new Set(['https://www.shop.example']),
  ...overrides,
});

const gate = (headers: Record<string, string>, overrides: Partial<RequestGatePolicy> = {}, url = URL_SEEN) =>
  gateRequest(new Request(url, { method: 'POST', headers }), policy(overrides));

describe('gateRequest', () => {
  it('admits the relay’s own origin behind the trusted proxy, and a listed sibling that its browser calls same-site', () => {
    const forwarded = { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' };
    expect(gate({ ...forwarded, origin: 'https://shop.example' })).toEqual({ allowed: true, sameOrigin: true });
    expect(gate({ ...forwarded, origin: 'https://www.shop.example', 'sec-fetch-site': 'same-site' })).toEqual({
      allowed: true,
      sameOrigin: false,
    });
  });

  it('refuses a malformed X-Forwarded-Host, naming it and the Origin, rather than reading Host', () => {
    const verdict = gate({ 'x-forwarded-host': 'shop_1.example', origin: 'http://10.0.0.5:8787' });
    expect(verdict).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/X-Forwarded-Host "shop_1\.example" holds an underscore/),
    });
    if (verdict.allowed) return;
    expect(verdict.message).toContain('X-Forwarded-Host "shop_1.example" holds an underscore');
    expect(verdict.message).toContain('(Origin: "http://10.0.0.5:8787")');
    expect(verdict.message).toContain('does not fall back to Host');
    expect(verdict.message).toContain('FLOWMATIX_TRUST_PROXY');
  });

  it('names the host it does not answer for, the Origin, and FLOWMATIX_ALLOWED_HOSTS', () => {
    const verdict = gate(
      { origin: 'http://evil.example:8787' },
      { trustProxy: false, allowedHosts: new Set(['localhost']) },
      'http://evil.example:8787/api/flowmatix/lead',
    );
    expect(verdict).toMatchObject({ allowed: false, reason: 'host evil.example:8787 is not in allowedHosts' });
    if (!verdict.allowed) {
      expect(verdict.message).toBe(
        'This relay does not answer for the host name evil.example:8787 (Origin: "http://evil.example:8787"); the site owner can add it to FLOWMATIX_ALLOWED_HOSTS (allowedHosts).',
      );
    }
  });

  it.each<[string, Record<string, string>, string]>([
    ['another site', { origin: 'https://evil.example' }, 'Origin "https://evil.example"'],
    ['no Origin', {}, 'Origin none'],
    [
      'a cross-site browser',
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      'Origin "https://evil.example"',
    ],
    [
      'the other scheme (a TLS proxy that sends no X-Forwarded-Proto)',
      { origin: 'https://shop.example' },
      'Origin "https://shop.example"',
    ],
  ])('says which Origin and host it saw, and what to set, for %s', (_what, headers, origin) => {
    const verdict = gate({ 'x-forwarded-host': 'shop.example', ...headers });
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.message).toContain(
      `the relay saw ${origin} on a request for host shop.example, whose origin it takes to be http://shop.example.`,
    );
    expect(verdict.message).toContain('FLOWMATIX_ALLOWED_ORIGINS');
    expect(verdict.reason).toContain(origin.replace('Origin ', 'Origin: '));
  });

  it('quotes nothing else from the request, and bounds what it quotes', () => {
    const verdict = gate({
      origin: `https://${'a'.repeat(5_000)}.example`,
      'x-forwarded-host': `${'b.'.repeat(120)}example`,
      'sec-fetch-site': 'cross-site',
      'user-agent': 'secret-agent',
      cookie: 'session=secret',
    });
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.message.length).toBeLessThan(700);
    expect(verdict.reason.length).toBeLessThan(400);
    expect(verdict.message).not.toMatch(/secret|cross-site/);
  });
});
