import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/cli-error';
import { parseChoice } from '../../src/cli/parse-choice';

describe('parseChoice', () => {
  it('returns a value that is one of the choices', () => {
    expect(parseChoice('--format', 'csv', ['table', 'csv'])).toBe('csv');
  });

  it('refuses another value, listing the choices', () => {
    expect(() => parseChoice('--format', 'CSV', ['table', 'csv'])).toThrow(UsageError);
    expect(() => parseChoice('--format', 'CSV', ['table', 'csv'])).toThrow('--format is "table" or "csv", not "CSV"');
  });
});
