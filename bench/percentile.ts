/**
 * The `p`-th percentile (0–100) of `values` by linear interpolation between the closest ranks (the method of
 * numpy's default and of spreadsheets' PERCENTILE.INC), so that the median of an even count is the mean of the
 * middle two. Throws a `RangeError` on no values, a non-finite value or `p` outside 0–100.
 *
 * @example
 * percentile([4, 1, 3, 2], 50); // 2.5
 * percentile([1, 2, 3, 4, 5], 99); // 4.96
 */
export const percentile = (values: ArrayLike<number>, p: number): number => {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`p is a percentile from 0 to 100, got ${p}`);
  if (values.length === 0) throw new RangeError('no values to take a percentile of');
  const sorted = Float64Array.from(values).sort();
  if (!sorted.every(Number.isFinite)) throw new RangeError('every value must be a finite number');
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (rank - below);
};

/**
 * The middle value of `values` (the mean of the middle two for an even count).
 *
 * @example
 * median([0.31, 0.29, 0.4]); // 0.31
 */
export const median = (values: ArrayLike<number>): number => percentile(values, 50);
