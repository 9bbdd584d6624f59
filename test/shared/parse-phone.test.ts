import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDigits } from '../../src/shared/fold-digits';
import { LEAD_LIMITS } from '../../src/shared/lead-limits';
import { leadFieldSchemas } from '../../src/shared/lead-schema';
import { parsePhone } from '../../src/shared/parse-phone';
import { anyText, dialCodeLike, phoneLike } from './arbitraries';

describe('parsePhone', () => {
  it.each([
    ['+91 98765 43210', undefined, '+91', '9876543210'],
    ['+919876543210', undefined, '+91', '9876543210'],
    ['0091-98765-43210', undefined, '+91', '9876543210'],
    ['00 91 98765 43210', '+44', '+91', '9876543210'],
    ['(555) 123-4567', '+1', '+1', '5551234567'],
    ['555.123.4567', 'United States (+1)', '+1', '5551234567'],
    ['1 (555) 123-4567', '+1', '+1', '5551234567'],
    ['+1 (268) 460-1234', undefined, '+1', '2684601234'],
    ['+44 (0)20 7946 0958', undefined, '+44', '2079460958'],
    ['+44 (0) 7700 900123', undefined, '+44', '7700900123'],
    ['020 7946 0958', '+44', '+44', '2079460958'],
    ['07700 900123', '0044', '+44', '7700900123'],
    ['098765 43210', '+91', '+91', '9876543210'],
    ['8 (912) 345-67-89', '+7', '+7', '9123456789'],
    ['+7 912 345-67-89', undefined, '+7', '9123456789'],
    ['06 1234 5678', '+39', '+39', '0612345678'],
    ['+39 06 1234 5678', undefined, '+39', '0612345678'],
    ['07 07 12 34 56', '+225', '+225', '0707123456'],
    ['+351 912 345 678', undefined, '+351', '912345678'],
    ['+971 50 123 4567', undefined, '+971', '501234567'],
    ['+880 1712-345678', undefined, '+880', '1712345678'],
    ['+33 6 12 34 56 78', undefined, '+33', '612345678'],
    ['+49 30/1234567', undefined, '+49', '301234567'],
    ['+81 90-1234-5678', undefined, '+81', '9012345678'],
    ['０９０－１２３４－５６７８', '+81', '+81', '9012345678'],
    ['＋９１ ٩٨٧٦٥ ٤٣٢١٠', undefined, '+91', '9876543210'],
    ['+91\u00a098765\u00a043210', undefined, '+91', '9876543210'],
    ['\u200e+971 50 123 4567\u200f', undefined, '+971', '501234567'],
    ['+1 800 555 0199', undefined, '+1', '8005550199'],
    ['+800 1234 5678', undefined, '+800', '12345678'],
  ])('reads %j (default %s) as %s %s', (raw, defaultDialCode, dialCode, number) => {
    expect(parsePhone(raw, defaultDialCode)).toEqual({ dialCode, number, valid: true });
  });

  it('keeps a national number without a default as typed, without dial code', () => {
    expect(parsePhone('098765 43210')).toEqual({ number: '09876543210', valid: true });
  });

  it('ignores a default dial code it does not know', () => {
    expect(parsePhone('98765 43210', '+999')).toEqual({ number: '9876543210', valid: true });
  });

  it('applies no default dial code when there are no digits', () => {
    expect(parsePhone('', '+91')).toEqual({ number: '', valid: false });
  });

  it.each([
    ['', ''],
    ['   ', ''],
    ['call me', ''],
    ['+1-800-FLOWERS', '800'],
    ['tel:+91 98765 43210', '9876543210'],
    ['555-1234 ext. 12', '555123412'],
    ['555 1234 #9', '55512349'],
    ['123+456', '123456'],
    ['++91 98765 43210', '9876543210'],
    ['123', '123'],
    ['+91 123', '123'],
    ['1234567890123456789012345', '1234567890123456789012345'],
    ['+91 1234567890123456', '1234567890123456'],
    ['+0123 456', '0123456'],
    ['+999 1234 5678', '99912345678'],
  ])('marks %j invalid and keeps its digits %j', (raw, number) => {
    const phone = parsePhone(raw);
    expect(phone.valid).toBe(false);
    expect(phone.number).toBe(number);
  });

  it('keeps the dial code of an invalid international number', () => {
    expect(parsePhone('+91 98765 4321x')).toEqual({ dialCode: '+91', number: '987654321', valid: false });
  });

  it('accepts fifteen digits in all and not sixteen (E.164)', () => {
    expect(parsePhone('+91 9876543210123').valid).toBe(true);
    expect(parsePhone('+91 98765432101234').valid).toBe(false);
  });

  it('never throws and answers digits only, with a well-formed dial code', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, anyText()), fc.option(dialCodeLike, { nil: undefined }), (raw, dialCode) => {
        const phone = parsePhone(raw, dialCode);
        expect(phone.number).toMatch(/^\d*$/);
        if (phone.dialCode !== undefined) expect(phone.dialCode).toMatch(/^\+\d{1,3}$/);
        if (phone.valid) expect(phone.number.length).toBeGreaterThanOrEqual(4);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers a phone and dial code the schema accepts as they are', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, anyText()), fc.option(dialCodeLike, { nil: undefined }), (raw, dialCode) => {
        const phone = parsePhone(raw, dialCode);
        const number = leadFieldSchemas.phone.safeParse(phone.number);
        expect(number.success).toBe(phone.number !== '' && phone.number.length <= LEAD_LIMITS.phoneDigits);
        if (phone.valid) expect(number.success).toBe(true);
        if (phone.dialCode !== undefined) expect(leadFieldSchemas.dialCode.parse(phone.dialCode)).toBe(phone.dialCode);
      }),
      { numRuns: 3000 },
    );
  });

  it('loses no digit: the number is what was typed, less calling code and trunk prefix', () => {
    fc.assert(
      fc.property(phoneLike, (raw) => {
        const typed = foldDigits(raw).replace(/\D/g, '');
        const phone = parsePhone(raw);
        expect(typed.endsWith(phone.number)).toBe(true);
        // At most an international 00, a three-digit calling code and a trunk 0 go.
        expect(typed.length - phone.number.length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent: parsing dialCode + number of a valid or placed number gives the same', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, anyText()), fc.option(dialCodeLike, { nil: undefined }), (raw, dialCode) => {
        const phone = parsePhone(raw, dialCode);
        fc.pre(phone.valid || phone.dialCode !== undefined);
        const again = parsePhone(`${phone.dialCode ?? ''}${phone.number}`);
        expect(again.dialCode).toBe(phone.dialCode);
        expect(again.number).toBe(phone.number);
        if (phone.valid) expect(again).toEqual(phone);
      }),
      { numRuns: 3000 },
    );
  });
});
