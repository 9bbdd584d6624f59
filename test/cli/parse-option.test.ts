import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/cli-error';
import { parseChoice, parseWholeNumber } from '../../src/cli/parse-option';

describe('parseChoice', () => {
  it('returns a value that is one of the choices', () => {
    expect(parseChoice('--format', 'csv', ['table', 'csv'])).toBe('csv');
  });

  it('refuses another value, listing the choices', () => {
    expect(() => parseChoice('--format', 'CSV', ['table', 'csv'])).toThrow(UsageError);
    expect(() => parseChoice('--format', 'CSV', ['table', 'csv'])).toThrow('--format is "table" or "csv", not "CSV"');
  });
});

describe('parseWholeNumber', () => {
  it('reads digits within bounds', () => {
    expect(parseWholeNumber('--port', '0', { max: 65_535 })).toBe(0);
    expect(parseWholeNumber('--page', ' 12 ', { min: 1 })).toBe(12);
  });

  it.each(['-1', '1.5', '1e3', '', 'ten', '0x10', '65536'])('refuses %j, naming the option and the range', (value) => {
    expect(() => parseWholeNumber('--port', value, { max: 65_535 })).toThrow(UsageError);
    expect(() => parseWholeNumber('--port', value, { max: 65_535 })).toThrow(
      `--port is a whole number from 0 to 65535, not "${value}"`,
    );
  });
});
