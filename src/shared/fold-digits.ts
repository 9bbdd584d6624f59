const ASCII = /^[\x00-\x7f]*$/;

/**
 * Brings the digits people type into ASCII: NFKC folds full-width forms (`０９０`, `＋`, `（`) that East Asian
 * keyboards produce, and Arabic-Indic and Persian digits, which NFKC leaves alone, are mapped by hand.
 *
 * @example
 * foldDigits('＋９１ ٩٨٧'); // '+91 987'
 */
export const foldDigits = (value: string): string =>
  // ASCII is its own NFKC. U+0660 and U+06F0 are both …0 in hex, so the low four bits are the digit's value.
  ASCII.test(value)
    ? value
    : value.normalize('NFKC').replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) & 15));
