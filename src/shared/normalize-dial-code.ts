import { matchCallingCode } from './calling-codes';
import { foldDigits } from './fold-digits';

/**
 * A dial code as the API wants it, `+` and a known country calling code, from what forms offer: `+91`, `91`,
 * `0091`, or a select option's text such as `India (+91)`. When the text has a `+`, only the digits after it
 * count. North American sub-codes (`+1-684`, `+1 268`) give `+1`: the rest is an area code, part of the number.
 * Anything else, including a whole phone number (more than four digits), gives `undefined`.
 *
 * @example
 * normalizeDialCode('India (+91)'); // '+91'
 * normalizeDialCode('0044'); // '+44'
 * normalizeDialCode('+1-684'); // '+1'
 * normalizeDialCode('+999'); // undefined
 */
export const normalizeDialCode = (value: string): string | undefined => {
  const text = foldDigits(value);
  const plus = text.indexOf('+');
  let digits = text.slice(plus + 1).replace(/\D/g, '');
  if (plus < 0 && digits.startsWith('00')) digits = digits.slice(2);
  // Four digits at most, as `LEAD_LIMITS.dialCodeDigits` says; that object is not imported to keep it out of
  // browser bundles that need only this function.
  const code = digits.length <= 4 ? matchCallingCode(digits) : undefined;
  return code && `+${code}`;
};
