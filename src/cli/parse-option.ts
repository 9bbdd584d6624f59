import { UsageError } from './cli-error';

/**
 * An option's value, checked against the values it may take.
 *
 * @example
 * parseChoice('--format', values.format ?? 'table', ['table', 'json', 'csv'] as const); // 'table'
 */
export const parseChoice = <const T extends readonly string[]>(
  option: string,
  value: string,
  choices: T,
): T[number] => {
  if (!choices.includes(value)) {
    throw new UsageError(`${option} is ${choices.map((choice) => `"${choice}"`).join(' or ')}, not "${value}"`);
  }
  return value;
};

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
