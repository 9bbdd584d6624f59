import { describe, expect, it } from 'vitest';
import { countryCallingCode, isCallingCode, matchCallingCode, toCountryCode } from '../../src/shared/calling-codes';

const allCodes = (): string[] => {
  const codes: string[] = [];
  for (let n = 1; n < 1000; n++) if (isCallingCode(String(n))) codes.push(String(n));
  return codes;
};

describe('matchCallingCode', () => {
  it.each([
    ['14155550100', '1'],
    ['12684601234', '1'],
    ['16845551234', '1'],
    ['74951234567', '7'],
    ['77011234567', '7'],
    ['201001234567', '20'],
    ['442079460958', '44'],
    ['351912345678', '351'],
    ['353861234567', '353'],
    ['971501234567', '971'],
    ['8801712345678', '880'],
    ['998901234567', '998'],
    ['212612345678', '212'],
    ['919876543210', '91'],
    ['3831234567', '383'],
    ['80012345678', '800'],
    ['8821234567', '882'],
    ['4212345678', '421'],
  ])('finds the code of %s: +%s', (digits, code) => {
    expect(matchCallingCode(digits)).toBe(code);
  });

  it.each(['', '0', '0044', '35', '42', '2', '259123', '999123456', '8'])('finds no code in %j', (digits) => {
    expect(matchCallingCode(digits)).toBeUndefined();
  });

  it('answers an exact code with itself', () => {
    for (const code of allCodes()) expect(matchCallingCode(code)).toBe(code);
  });
});

describe('the calling codes of the numbering plans', () => {
  it('holds the assigned codes of every zone', () => {
    const codes = allCodes();
    expect(codes).toHaveLength(215);
    for (const code of ['1', '7', '20', '27', '30', '39', '44', '49', '55', '61', '81', '86', '91', '98'])
      expect(codes).toContain(code);
    for (const code of ['211', '247', '290', '299', '350', '383', '423', '500', '599', '672', '692', '850', '886'])
      expect(codes).toContain(code);
    for (const code of ['960', '970', '979', '992', '998', '808', '870', '878', '881', '883', '888'])
      expect(codes).toContain(code);
  });

  it('leaves out spare, withdrawn, unused and North American sub-codes', () => {
    // 379 is reserved for the Vatican, which is dialled under +39.
    for (const code of ['0', '10', '28', '42', '210', '259', '379', '384', '388', '671', '684', '693', '991', '999'])
      expect(isCallingCode(code)).toBe(false);
  });

  it('is prefix-free, so a number matches one code at most', () => {
    const codes = allCodes();
    for (const a of codes)
      for (const b of codes) if (a !== b) expect(b.startsWith(a), `${a} prefixes ${b}`).toBe(false);
  });
});

describe('toCountryCode', () => {
  it.each([
    ['IN', 'IN'],
    ['in', 'IN'],
    ['Gb', 'GB'],
    ['VA', 'VA'],
    ['XK', 'XK'],
  ])('reads %j as %s', (value, code) => {
    expect(toCountryCode(value)).toBe(code);
  });

  it.each(['', 'UK', 'XX', 'EU', 'IND', 'I', ' IN', '001', 'İN'])('reads no country in %j', (value) => {
    expect(toCountryCode(value)).toBeUndefined();
  });
});

describe('countryCallingCode', () => {
  it.each([
    ['IN', '91'],
    ['us', '1'],
    ['CA', '1'],
    ['AG', '1'],
    ['KZ', '7'],
    ['VA', '39'],
    ['GG', '44'],
    ['HU', '36'],
  ])('gives %s the calling code %s', (country, code) => {
    expect(countryCallingCode(country)).toBe(code);
    expect(isCallingCode(code)).toBe(true);
  });

  it('has no calling code for what is no country', () => {
    for (const value of ['UK', 'XX', '', '91']) expect(countryCallingCode(value)).toBeUndefined();
  });
});
