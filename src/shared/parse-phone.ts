import { matchCallingCode } from './calling-codes';
import { foldDigits } from './fold-digits';
import { normalizeDialCode } from './normalize-dial-code';

/** A phone number split the way the API stores it. */
export interface ParsedPhone {
  /** `+` and the country calling code, when the number carries one or a default applies. */
  dialCode?: string;
  /** The national digits, digits only. Never truncated: an invalid number still carries every digit. */
  number: string;
  /** Whether the number looks dialable: only digits and separators, 4+ national digits, ≤ 15 in all (E.164). */
  valid: boolean;
}

// Separators people and input masks put in phone numbers, including invisible format characters (bidi marks
// come along when numbers are copied from right-to-left text) and the many Unicode dashes.
const SEPARATORS = /[\s\p{Cf}.()[\]/\-\u2010-\u2015\u2212]/gu;

// The digit dialled before a national number at home, never sent abroad. North America dials 1 and Russia and
// Kazakhstan 8 before ten digits; most others dial 0; Italy, San Marino, the Vatican, Côte d'Ivoire and Congo have
// no trunk prefix, their leading 0 is part of the number.
const dropTrunkPrefix = (code: string, digits: string): string => {
  const trunk = code === '1' ? '1' : code === '7' ? '8' : /^(39|37[89]|225|242)$/.test(code) ? '' : '0';
  const strip = trunk !== '' && digits.startsWith(trunk) && (trunk === '0' || digits.length === 11);
  return strip ? digits.slice(1) : digits;
};

/**
 * Splits what a visitor typed into a dial code and national digits. A leading `+` or `00` makes the number
 * international, and its calling code is found by longest prefix in the ITU table; a `(0)` after it (as in
 * `+44 (0)20…`) is the optional trunk 0 and is dropped. Otherwise `defaultDialCode` (any form
 * `normalizeDialCode` accepts) applies and one national trunk prefix is dropped. Never throws; nothing typed as a
 * digit is lost. Parsing `dialCode + number` of a valid result gives the same result.
 *
 * @example
 * parsePhone('+91 98765 43210'); // { dialCode: '+91', number: '9876543210', valid: true }
 * parsePhone('(555) 123-4567', '+1'); // { dialCode: '+1', number: '5551234567', valid: true }
 * parsePhone('020 7946 0958', '+44'); // { dialCode: '+44', number: '2079460958', valid: true }
 * parsePhone('call me'); // { number: '', valid: false }
 */
export const parsePhone = (raw: string, defaultDialCode?: string): ParsedPhone => {
  const text = foldDigits(raw);
  const compact = text.replace(SEPARATORS, '');
  const plus = /^[^\d+]*\+/.test(compact);
  let number = compact.replace(/\D/g, '');
  const international = plus || number.startsWith('00');
  if (!plus && international) number = number.slice(2);
  let dialCode: string | undefined;
  if (international) {
    const code = matchCallingCode(number);
    if (code) {
      dialCode = `+${code}`;
      number = number.slice(code.length);
      if (/\(\s*0\s*\)/.test(text) && number.startsWith('0')) number = number.slice(1);
    }
  } else if (number && defaultDialCode) {
    dialCode = normalizeDialCode(defaultDialCode);
    if (dialCode) number = dropTrunkPrefix(dialCode.slice(1), number);
  }
  const digits = number.length + (dialCode ? dialCode.length - 1 : 0);
  const valid = (!international || !!dialCode) && /^\+?\d*$/.test(compact) && number.length >= 4 && digits <= 15;
  return dialCode ? { dialCode, number, valid } : { number, valid };
};
