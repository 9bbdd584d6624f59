import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../bench/percentile';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4, 5], 99)).toBeCloseTo(4.96, 10);
    expect(percentile([10, 20], 25)).toBe(12.5);
  });

  it('answers the extremes at 0 and 100, whatever the order of the values', () => {
    expect(percentile([3, -1, 7, 2], 0)).toBe(-1);
    expect(percentile([3, -1, 7, 2], 100)).toBe(7);
  });

  it('sorts numbers as numbers, not as text', () => {
    expect(percentile([10, 9, 100], 50)).toBe(10);
  });

  it('does not reorder the values it was given', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([
    [[], 50, 'no values'],
    [[1, Number.NaN], 50, 'finite'],
    [[1, Number.POSITIVE_INFINITY], 50, 'finite'],
    [[1, 2], -1, 'from 0 to 100'],
    [[1, 2], 101, 'from 0 to 100'],
    [[1, 2], Number.NaN, 'from 0 to 100'],
  ])('rejects %j at p=%s', (values, p, message) => {
    expect(() => percentile(values, p)).toThrow(new RegExp(message));
  });

  it('stays within the values and grows with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(percentile(values, low)).toBeGreaterThanOrEqual(Math.min(...values));
          expect(percentile(values, high)).toBeLessThanOrEqual(Math.max(...values));
          expect(percentile(values, low)).toBeLessThanOrEqual(percentile(values, high));
        },
      ),
    );
  });
});

describe('median', () => {
  it('takes the middle value of an odd count', () => {
    expect(median([0.31, 0.4, 0.29])).toBe(0.31);
  });

  it('takes the mean of the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
