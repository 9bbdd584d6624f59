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
    ['(415) 555-0132', '+1', '+1', '4155550132'],
    ['415.555.0132', 'United States (+1)', '+1', '4155550132'],
    ['1 (415) 555-0132', '+1', '+1', '4155550132'],
    ['+1 (268) 460-1234', undefined, '+1', '2684601234'],
    ['+44 (0)20 7946 0958', undefined, '+44', '2079460958'],
    ['+44 (0) 7911 123456', undefined, '+44', '7911123456'],
    ['+44 20 7946 0958', undefined, '+44', '2079460958'],
    ['020 7946 0958', '+44', '+44', '2079460958'],
    ['07911 123456', '0044', '+44', '7911123456'],
    ['098765 43210', '+91', '+91', '9876543210'],
    ['098765 43210', 'India (+91)', '+91', '9876543210'],
    ['98765 43210', 'IN', '+91', '9876543210'],
    ['06 30 123 4567', '+36', '+36', '301234567'],
    ['06 1 234 5678', '+36', '+36', '12345678'],
    ['0 21 11 2345 6789', 'BR', '+55', '1123456789'],
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

  it('keeps the leading 0 of an Italian number, which is part of it, not a trunk prefix', () => {
    expect(parsePhone('06 1234 5678', '+39')).toEqual({ dialCode: '+39', number: '0612345678', valid: true });
    expect(parsePhone('333 123 4567', 'IT')).toEqual({ dialCode: '+39', number: '3331234567', valid: true });
  });

  it.each([
    ['123456', '+91', '+91', '123456'],
    ['+1 555 0100', undefined, '+1', '5550100'],
    ['(555) 123-4567', '+1', '+1', '5551234567'],
    ['+1 555 123 4567', undefined, '+1', '5551234567'],
    ['+44 7700 900123', undefined, '+44', '7700900123'],
    ['+91 98765 432101', undefined, '+91', '98765432101'],
    ['+91 9876543210123', undefined, '+91', '9876543210123'],
    ['+36 20 123', undefined, '+36', '20123'],
    ['0123', '+44', '+44', '0123'],
  ])('marks %j (default %s) invalid: no number its country assigns', (raw, defaultDialCode, dialCode, number) => {
    expect(parsePhone(raw, defaultDialCode)).toEqual({ dialCode, number, valid: false });
  });

  it('keeps a national number without any dial code or region as typed: it can only look dialable', () => {
    expect(parsePhone('098765 43210')).toEqual({ number: '09876543210', valid: true });
    expect(parsePhone('98765 43210', '+999')).toEqual({ number: '9876543210', valid: true });
    expect(parsePhone('98765 43210', undefined, 'XX')).toEqual({ number: '9876543210', valid: true });
    expect(parsePhone('(555) 123-4567')).toEqual({ number: '5551234567', valid: true });
    for (const raw of ['123', '1234567890123456', '555 1234 ext. 5', '555-1234 #9', 'tel:5551234'])
      expect(parsePhone(raw).valid, raw).toBe(false);
  });

  it('applies no default dial code when there are no digits', () => {
    expect(parsePhone('', '+91')).toEqual({ number: '', valid: false });
    expect(parsePhone('call me', undefined, 'HU')).toEqual({ number: '', valid: false });
  });

  it('keeps the default dial code of a number it cannot read', () => {
    expect(parsePhone('ext. 12', '+44')).toEqual({ dialCode: '+44', number: '12', valid: false });
    expect(parsePhone('555 1234 after 5', undefined, 'US')).toEqual({
      dialCode: '+1',
      number: '55512345',
      valid: false,
    });
  });

  it('answers an extension apart from the number', () => {
    expect(parsePhone('+1 415 555 0132 ext. 7')).toEqual({
      dialCode: '+1',
      number: '4155550132',
      valid: true,
      ext: '7',
    });
    expect(parsePhone('020 7946 0958 x12', '+44')).toEqual({
      dialCode: '+44',
      number: '2079460958',
      valid: true,
      ext: '12',
    });
  });

  it('does not read a number out of words around it: a number with words is not valid', () => {
    expect(parsePhone('+39 06 1234 5678 (home)')).toMatchObject({ number: '0612345678', valid: false });
    expect(parsePhone('Phone: 020 7946 0958', '+44')).toMatchObject({ number: '02079460958', valid: false });
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

  it('reads dialCode + number of a result again as the same, or, once the words typed around it are gone, as valid', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, anyText()), fc.option(dialCodeLike, { nil: undefined }), (raw, dialCode) => {
        const { ext, ...phone } = parsePhone(raw, dialCode);
        fc.pre(phone.dialCode !== undefined);
        const again = parsePhone(`${phone.dialCode}${phone.number}`);
        expect(again.dialCode).toBe(phone.dialCode);
        if (phone.valid || !again.valid) expect(again).toEqual(phone);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parsePhone: which country a number is read in', () => {
  it('reads a + or 00 typed in the number first, over the dial code and the region', () => {
    expect(parsePhone('+351 912 345 678', '+44', 'HU')).toEqual({ dialCode: '+351', number: '912345678', valid: true });
    expect(parsePhone('0049 30 1234567', 'IN', 'HU')).toEqual({ dialCode: '+49', number: '301234567', valid: true });
  });

  it('reads 00 as international in North America too, where the prefix for abroad is 011', () => {
    expect(parsePhone('0049 30 1234567', '+1')).toEqual({ dialCode: '+49', number: '301234567', valid: true });
    expect(parsePhone('0049 30 1234567', undefined, 'US')).toEqual({
      dialCode: '+49',
      number: '301234567',
      valid: true,
    });
    expect(parsePhone('011 49 30 1234567', undefined, 'US')).toEqual({
      dialCode: '+49',
      number: '301234567',
      valid: true,
    });
  });

  it('reads the dial code the form offered over the region', () => {
    expect(parsePhone('020 7946 0958', '+44', 'HU')).toEqual({ dialCode: '+44', number: '2079460958', valid: true });
    expect(parsePhone('98765 43210', 'in', 'HU')).toEqual({ dialCode: '+91', number: '9876543210', valid: true });
  });

  it('reads the region last, a country code in any case', () => {
    expect(parsePhone('06 30 123 4567', undefined, 'HU')).toEqual({
      dialCode: '+36',
      number: '301234567',
      valid: true,
    });
    expect(parsePhone('06 30 123 4567', undefined, 'hu')).toEqual({
      dialCode: '+36',
      number: '301234567',
      valid: true,
    });
    expect(parsePhone('020 7946 0958', undefined, 'GB')).toEqual({
      dialCode: '+44',
      number: '2079460958',
      valid: true,
    });
    expect(parsePhone('0912 345 678', undefined, 'TW')).toEqual({ dialCode: '+886', number: '912345678', valid: true });
  });

  it('falls back to the region when the dial code names no calling code', () => {
    expect(parsePhone('030 1234567', 'Other', 'DE')).toEqual({ dialCode: '+49', number: '301234567', valid: true });
    expect(parsePhone('030 1234567', '+999', 'DE')).toEqual({ dialCode: '+49', number: '301234567', valid: true });
  });

  it('ignores a region that is no country', () => {
    for (const region of ['', 'UK', 'XX', 'hu-HU', 'Hungary', 'HUN'])
      expect(parsePhone('06 30 123 4567', undefined, region)).toEqual({ number: '06301234567', valid: true });
  });

  it('reads a number of a country that shares its calling code under the region that names it', () => {
    expect(parsePhone('(613) 555-0123', '+1', 'CA')).toEqual({ dialCode: '+1', number: '6135550123', valid: true });
    expect(parsePhone('8 (701) 123-45-67', '+7', 'KZ')).toEqual({ dialCode: '+7', number: '7011234567', valid: true });
  });

  it('never throws and answers digits only, whatever the region', () => {
    fc.assert(
      fc.property(
        phoneLike,
        fc.option(dialCodeLike, { nil: undefined }),
        anyText({ maxLength: 12 }),
        (raw, dialCode, region) => {
          const phone = parsePhone(raw, dialCode, region);
          expect(phone.number).toMatch(/^\d*$/);
          if (phone.dialCode !== undefined)
            expect(leadFieldSchemas.dialCode.parse(phone.dialCode)).toBe(phone.dialCode);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
