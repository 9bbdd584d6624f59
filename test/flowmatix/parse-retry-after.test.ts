import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/flowmatix/parse-retry-after';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const wait = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), NOW);

describe('parseRetryAfter', () => {
  it('reads Retry-After in seconds, fractions included, as milliseconds', () => {
    expect([wait({ 'retry-after': '2' }), wait({ 'retry-after': ' 0.3 ' }), wait({ 'retry-after': '0' })]).toEqual([
      2_000, 300, 0,
    ]);
  });

  it('reads Retry-After as an HTTP date, and a date already past as no wait', () => {
    expect(wait({ 'retry-after': new Date(NOW + 90_000).toUTCString() })).toBe(90_000);
    expect(wait({ 'retry-after': new Date(NOW - 90_000).toUTCString() })).toBe(0);
  });

  it('falls back to a RateLimit-Reset-style header, in seconds or as a Unix time', () => {
    expect(wait({ 'ratelimit-reset': '7' })).toBe(7_000);
    expect(wait({ 'x-ratelimit-reset': String(NOW / 1000 + 30) })).toBe(30_000);
    expect(wait({ 'x-rate-limit-reset': '1', 'retry-after': '4' })).toBe(4_000);
  });

  it('leaves the wait to the backoff when the header is missing, empty or unreadable', () => {
    expect([wait({}), wait({ 'retry-after': '  ' }), wait({ 'retry-after': 'soon', 'ratelimit-reset': '3' })]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('never answers a negative wait', () => {
    expect(wait({ 'retry-after': '-5' })).toBe(0);
  });
});
