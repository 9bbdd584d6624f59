import { describe, expect, it } from 'vitest';
import { getClientIp } from '../../../src/relay/core/get-client-ip';

const request = (headers: Record<string, string> = {}) => new Request('http://relay.test/api', { headers });
const node = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('getClientIp', () => {
  it('takes the socket address from @hono/node-server and ignores forwarding headers by default', () => {
    const spoofed = request({ 'x-forwarded-for': '1.1.1.1', 'cf-connecting-ip': '2.2.2.2' });
    expect(getClientIp(spoofed, node('203.0.113.7'), false)).toBe('203.0.113.7');
  });

  it('reads Deno, Bun and Netlify shapes of the runtime argument', () => {
    expect(getClientIp(request(), { remoteAddr: { hostname: '203.0.113.8', port: 1 } }, false)).toBe('203.0.113.8');
    const bun = { requestIP: (incoming: Request) => (incoming instanceof Request ? { address: '::1' } : null) };
    expect(getClientIp(request(), bun, false)).toBe('::1');
    expect(getClientIp(request(), { ip: '203.0.113.9' }, false)).toBe('203.0.113.9');
  });

  it('gives undefined when the runtime says nothing (Workers without trustProxy)', () => {
    expect(getClientIp(request({ 'cf-connecting-ip': '203.0.113.7' }), { SOME_BINDING: 'x' }, false)).toBeUndefined();
    expect(getClientIp(request(), undefined, false)).toBeUndefined();
  });

  it('trusts one proxy hop: the last X-Forwarded-For entry, not the client-written ones', () => {
    const forwarded = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' });
    expect(getClientIp(forwarded, node('10.0.0.1'), true)).toBe('203.0.113.7');
    expect(getClientIp(forwarded, node('10.0.0.1'), 1)).toBe('203.0.113.7');
  });

  it('trusts two hops: the second entry from the right', () => {
    const forwarded = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 198.51.100.1' });
    expect(getClientIp(forwarded, node('10.0.0.1'), 2)).toBe('203.0.113.7');
  });

  it('falls back to the socket when the chain is shorter than the trusted hops or absent', () => {
    expect(getClientIp(request({ 'x-forwarded-for': '6.6.6.6' }), node('10.0.0.1'), 2)).toBe('10.0.0.1');
    expect(getClientIp(request(), node('10.0.0.1'), 1)).toBe('10.0.0.1');
  });

  it('drops ports and brackets that proxies add, and refuses garbage', () => {
    expect(getClientIp(request({ 'x-forwarded-for': '203.0.113.7:5555' }), undefined, 1)).toBe('203.0.113.7');
    expect(getClientIp(request({ 'x-forwarded-for': '[2001:db8::1]:443' }), undefined, 1)).toBe('2001:db8::1');
    expect(getClientIp(request({ 'x-forwarded-for': 'not-an-ip' }), node('10.0.0.1'), 1)).toBe('10.0.0.1');
  });

  it('reads a named header when trustProxy names one (Cloudflare)', () => {
    expect(getClientIp(request({ 'cf-connecting-ip': '203.0.113.7' }), {}, 'cf-connecting-ip')).toBe('203.0.113.7');
    expect(getClientIp(request({ 'x-forwarded-for': '203.0.113.7' }), {}, 'cf-connecting-ip')).toBeUndefined();
  });

  it('treats trustProxy 0 as no proxy', () => {
    expect(getClientIp(request({ 'x-forwarded-for': '6.6.6.6' }), node('10.0.0.1'), 0)).toBe('10.0.0.1');
  });
});
