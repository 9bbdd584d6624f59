import { UsageError } from './cli-error';

/**
 * An option's value as a whole number within bounds, or a `UsageError` that names the option.
 *
 * @example
 * parseWholeNumber('--page', values.page, { min: 1 }); // 3 for "3"
 */
export const parseWholeNumber = (
  option: string,
  value: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number => {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `from ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${option} is a whole number ${range}, not "${value}"`);
  }
  return number;
};
