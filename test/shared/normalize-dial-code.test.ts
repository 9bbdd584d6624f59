import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadFieldSchemas } from '../../src/shared/lead-schema';
import { normalizeDialCode } from '../../src/shared/normalize-dial-code';
import { anyText, dialCodeLike } from './arbitraries';

describe('normalizeDialCode', () => {
  it.each([
    ['+91', '+91'],
    ['91', '+91'],
    ['0091', '+91'],
    [' +44 ', '+44'],
    ['India (+91)', '+91'],
    ['Portugal +351', '+351'],
    ['United Arab Emirates (+971)', '+971'],
    ['+1', '+1'],
    ['+1-684', '+1'],
    ['Antigua and Barbuda (+1 268)', '+1'],
    ['+7', '+7'],
    ['＋８８０', '+880'],
  ])('reads %j as %s', (value, dialCode) => {
    expect(normalizeDialCode(value)).toBe(dialCode);
  });

  it.each(['', '+', 'India', '+999', '0', '00', '+0091', '+91 98765 43210', '12345', 'IN'])(
    'has no dial code for %j',
    (value) => {
      expect(normalizeDialCode(value)).toBeUndefined();
    },
  );

  it('never throws, is idempotent, and answers a dialCode the schema accepts as is', () => {
    fc.assert(
      fc.property(fc.oneof(dialCodeLike, anyText()), (value) => {
        const dialCode = normalizeDialCode(value);
        if (dialCode === undefined) return;
        expect(normalizeDialCode(dialCode)).toBe(dialCode);
        expect(leadFieldSchemas.dialCode.parse(dialCode)).toBe(dialCode);
      }),
      { numRuns: 2000 },
    );
  });
});
