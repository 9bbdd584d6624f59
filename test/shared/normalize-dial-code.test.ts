import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCallingCode } from '../../src/shared/calling-codes';
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
    ['+1 268', '+1'],
    ['1-684', '+1'],
    ['1.684', '+1'],
    ['+1 (684)', '+1'],
    ['Antigua and Barbuda (+1 268)', '+1'],
    ['American Samoa 1-684', '+1'],
    ['+3 51', '+351'],
    ['00 44', '+44'],
    ['+7', '+7'],
    ['＋８８０', '+880'],
    ['IN', '+91'],
    ['in', '+91'],
    [' GB ', '+44'],
    ['CA', '+1'],
  ])('reads %j as %s', (value, dialCode) => {
    expect(normalizeDialCode(value)).toBe(dialCode);
  });

  it.each(['', '+', 'India', '+999', '0', '00', '+0091', '+91 98765 43210', '12345', 'UK', 'XX', 'IND', 'I N'])(
    'has no dial code for %j',
    (value) => {
      expect(normalizeDialCode(value)).toBeUndefined();
    },
  );

  it.each(['12', '+12', '+440', '0440', '+9', '+4', '+35', '+3510', '+1268', '+1-68', '+1-6840', '+44-20', '1 2 3'])(
    'has no dial code for %j, rather than the calling code it starts with',
    (value) => {
      expect(normalizeDialCode(value)).toBeUndefined();
    },
  );

  it('answers a string of digits as itself when it is a calling code, and otherwise not at all', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,5}$/), fc.constantFrom('+', '00', ''), (digits, lead) => {
        const dialCode = normalizeDialCode(`${lead}${digits}`);
        const code = lead === '' && digits.startsWith('00') ? digits.slice(2) : digits;
        expect(dialCode).toBe(isCallingCode(code) ? `+${code}` : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every calling code in the forms forms offer', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,3}$/).filter(isCallingCode), fc.string({ maxLength: 12 }), (code, name) => {
        const country = name.replace(/[\d+]/g, '');
        for (const form of [`+${code}`, code, `00${code}`, `${country} (+${code})`, `${country} +${code}`]) {
          expect(normalizeDialCode(form)).toBe(`+${code}`);
        }
      }),
    );
  });

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
