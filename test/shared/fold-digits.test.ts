import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDigits } from '../../src/shared/fold-digits';
import { anyText, phoneLike } from './arbitraries';

describe('foldDigits', () => {
  it('maps full-width digits and signs to ASCII', () => {
    expect(foldDigits('＋９１ （０２０）')).toBe('+91 (020)');
  });

  it('maps Arabic-Indic and Persian digits to ASCII', () => {
    expect(foldDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });

  it('leaves ASCII text alone', () => {
    expect(foldDigits('+44 (0)20 7946-0958')).toBe('+44 (0)20 7946-0958');
  });

  it('gives what NFKC and the digit map give, whether or not the text is ASCII', () => {
    const reference = (value: string) =>
      value.normalize('NFKC').replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) & 15));
    fc.assert(
      fc.property(fc.oneof(phoneLike, anyText(), fc.string({ unit: 'binary-ascii' })), (value) => {
        expect(foldDigits(value)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
  });
});
