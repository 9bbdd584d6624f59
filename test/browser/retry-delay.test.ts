import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../src/browser/retry-delay';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const top = () => 1;

describe('retryDelay', () => {
  it('doubles from one second per attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelay(attempts, top, null, NOW))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ]);
  });

  it('never waits more than five minutes on its own', () => {
    expect(retryDelay(9, top, null, NOW)).toBe(256_000);
    expect(retryDelay(10, top, null, NOW)).toBe(300_000);
    expect(retryDelay(60, top, null, NOW)).toBe(300_000);
  });

  it('spreads retries over the whole window (full jitter)', () => {
    expect(retryDelay(4, () => 0, null, NOW)).toBe(0);
    expect(retryDelay(4, () => 0.25, null, NOW)).toBe(2_000);
  });

  it('waits at least as long as Retry-After in seconds', () => {
    expect(retryDelay(1, top, '30', NOW)).toBe(30_000);
    expect(retryDelay(10, top, '30', NOW)).toBe(300_000);
  });

  it('waits until a Retry-After HTTP date', () => {
    expect(retryDelay(1, () => 0, new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
  });

  it('falls back to the backoff when Retry-After is in the past, garbage or empty', () => {
    for (const header of [new Date(NOW - 5_000).toUTCString(), 'soon', '', '-5'])
      expect(retryDelay(2, top, header, NOW)).toBe(2_000);
  });

  it('trusts Retry-After up to an hour', () => {
    expect(retryDelay(1, top, '86400', NOW)).toBe(3_600_000);
  });
});
