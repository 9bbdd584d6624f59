import { countryCallingCode, isCallingCode } from './calling-codes';
import { foldDigits } from './fold-digits';

const CANONICAL = /^\+\d{1,4}$/;
// `1`, a separator, and a three-digit area code: how lists write a North American territory (`+1-684`, `+1 268`).
const NANP_AREA = /^1[\s.()\-\u2010-\u2015]+\d{3}$/;

/**
 * A dial code as the API wants it, `+` and a known country calling code, from what forms offer: `+91`, `91`,
 * `0091`, a select option's text such as `India (+91)`, or a country code such as `IN` (any case, a whole value
 * of two letters). When the text has a `+`, only what follows it counts.
 * All its digits together must be a calling code: `+440` or `12` is a typing slip, not +44 or +1. The exception is
 * a North American sub-code written `1`, separator, area code (`+1-684`, `+1 268`, `1-684`): it gives `+1`, the
 * area code being part of the number. Anything else, a whole phone number included, gives `undefined`.
 *
 * @example
 * normalizeDialCode('India (+91)'); // '+91'
 * normalizeDialCode('IN'); // '+91'
 * normalizeDialCode('0044'); // '+44'
 * normalizeDialCode('+1-684'); // '+1'
 * normalizeDialCode('+440'); // undefined
 */
export const normalizeDialCode = (value: string): string | undefined => {
  // Already in the API's form, as most are by the time the relay reads them again.
  if (CANONICAL.test(value)) return isCallingCode(value.slice(1)) ? value : undefined;
  const text = foldDigits(value);
  const country = countryCallingCode(text.trim());
  if (country) return `+${country}`;
  const plus = text.indexOf('+');
  const rest = text.slice(plus + 1);
  // From the first digit to the last; `/\D+$/` would backtrack over every run of non-digits, quadratic in a long text.
  let code = rest.slice(rest.search(/\d/), rest.search(/\d\D*$/) + 1);
  if (plus < 0 && code.startsWith('00')) code = code.slice(2);
  if (NANP_AREA.test(code)) return '+1';
  const digits = code.replace(/\D/g, '');
  return isCallingCode(digits) ? `+${digits}` : undefined;
};
