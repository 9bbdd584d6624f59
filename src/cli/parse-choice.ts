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
