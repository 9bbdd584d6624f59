import { describe, expect, it } from 'vitest';
import { foldDigits } from '../../src/shared/fold-digits';

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
});
