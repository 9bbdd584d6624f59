/*
 * Every assigned ITU-T E.164 country calling code, plus the non-geographic ones a visitor can reach
 * (800 freephone, 808 shared cost, 870 Inmarsat, 881–883 global networks, 888 OCHA, 979 premium rate).
 * NANP territories share +1 and are told apart by area code, so `1-684` and friends are not here.
 * Packed for the browser bundle: a token of one or two digits is a code; a longer token is a two-digit
 * prefix followed by the third digits that complete it ("2112368" = 211 212 213 216 218).
 * The codes form a prefix-free set, as the numbering plan guarantees, so a phone number has at most one match.
 */
const TABLE =
  '1 20 2112368 220123456789 230123456789 240123456789 25012345678 260123456789 27 2901789 30 31 32 33 34 ' +
  '350123456789 36 370123456789 3801235679 39 40 41 42013 43 44 45 46 47 48 49 500123456789 51 52 53 54 55 56 57 ' +
  '58 590123456789 60 61 62 63 64 65 66 67023456789 68012356789 69012 7 8008 81 82 84 8502356 86 870 88012368 ' +
  '90 91 92 93 94 95 96012345678 97012345679 98 99234568';

let codes: Set<string> | undefined;

/**
 * Whether digits are exactly a country calling code (without the `+`).
 *
 * @example
 * isCallingCode('351'); // true
 * isCallingCode('35'); // false
 */
export const isCallingCode = (digits: string): boolean => {
  codes ??= new Set(
    TABLE.split(' ').flatMap((token) =>
      token.length < 3 ? [token] : [...token.slice(2)].map((third) => token.slice(0, 2) + third),
    ),
  );
  return codes.has(digits);
};

/**
 * The country calling code that an international number's digits start with (the longest match), without `+`.
 *
 * @example
 * matchCallingCode('351912345678'); // '351'
 * matchCallingCode('12684601234'); // '1': Antigua is part of the North American plan
 * matchCallingCode('0123'); // undefined
 */
export const matchCallingCode = (digits: string): string | undefined => {
  for (let length = 3; length > 0; length--) {
    const code = digits.slice(0, length);
    if (code.length === length && isCallingCode(code)) return code;
  }
  return undefined;
};
