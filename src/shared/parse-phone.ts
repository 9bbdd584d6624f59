import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/core';
// `max`, not `min`: `min` checks only a number's length, so any ten digits pass as Indian or German; `max` checks
// the number ranges each country assigns. It costs more memory once per process, not more time per number.
import metadata from 'libphonenumber-js/metadata.max';
import { countryCallingCode, matchCallingCode, toCountryCode } from './calling-codes';
import { foldDigits } from './fold-digits';
import { normalizeDialCode } from './normalize-dial-code';

/** A phone number split the way the API stores it. */
export interface ParsedPhone {
  /** `+` and the country calling code, when the number carries one or a default applies. */
  dialCode?: string;
  /** The national significant number, digits only. An invalid number carries every digit typed after its code. */
  number: string;
  /**
   * Whether the number is one its country assigns (libphonenumber's `isValid`). A national number typed without
   * any dial code or region cannot be checked against a country: it passes if it looks dialable.
   */
  valid: boolean;
  /** The extension typed after a valid number (`ext. 12`, `x12`, `#12`), which the API has no field for. */
  ext?: string;
}

type Defaults = { defaultCountry?: CountryCode; defaultCallingCode?: string };

// Invisible format characters: bidi marks come along when numbers are copied from right-to-left text.
const FORMAT = /\p{Cf}/gu;
// A `+`, or the `00` most of the world dials abroad, before the first digit. `00` counts wherever the visitor is,
// North America (011) included: a national number never starts with it.
const INTERNATIONAL = /^[^\d+]*(?:\+|00)/;
// Without any country a number can only be checked for its form: digits and separators, 4 to 15 digits (E.164).
const DIALABLE = /^[\d\s.()[\]/\-\u2010-\u2015\u2212]*$/;

/** The country or calling code a national number is read in: the dial code first, then the region. */
const defaultsOf = (dialCode: string | undefined, region: string | undefined): Defaults => {
  const dialCountry = dialCode === undefined ? undefined : toCountryCode(dialCode.trim());
  if (dialCountry) return { defaultCountry: dialCountry };
  const country = region === undefined ? undefined : toCountryCode(region.trim());
  const code = dialCode === undefined ? undefined : normalizeDialCode(dialCode)?.slice(1);
  if (!code) return country ? { defaultCountry: country } : {};
  // The region tells apart the countries that share the calling code (Canada from the United States under +1).
  return country && countryCallingCode(country) === code ? { defaultCountry: country } : { defaultCallingCode: code };
};

const parse = (text: string, defaults: Defaults): PhoneNumber | undefined => {
  try {
    // `extract: false`: text around a number ("after 5pm") makes it unreadable rather than silently dropped.
    return parsePhoneNumberFromString(text, { ...defaults, extract: false }, metadata);
  } catch {
    // The library answers undefined for what it cannot read; a throw would be its bug, and callers must not throw.
    return undefined;
  }
};

/**
 * Splits what a visitor typed into a dial code and national significant number, with libphonenumber's metadata.
 * Which country a number is read in: a `+` or `00` typed before it wins; then `dialCode`, what the form offered
 * (`+91`, `0091`, option text such as `India (+91)`, or a country code such as `IN`; the caller passes the page's
 * default when the form offers none); then `region`, a country code such as `HU` (the page's language's region).
 * A national trunk prefix is dropped as the country's plan says (`06` in Hungary, `8` in Russia) and a leading 0
 * kept where it belongs to the number (Italy). A number that is not valid, or that the library cannot read, is
 * answered as every digit typed, under the calling code typed or the default. Never throws. Parsing
 * `dialCode + number` of a result gives the same result.
 *
 * @example
 * parsePhone('06 30 123 4567', '+36'); // { dialCode: '+36', number: '301234567', valid: true }
 * parsePhone('098765 43210', 'India (+91)'); // { dialCode: '+91', number: '9876543210', valid: true }
 * parsePhone('020 7946 0958', undefined, 'GB'); // { dialCode: '+44', number: '2079460958', valid: true }
 * parsePhone('123456', '+91'); // { dialCode: '+91', number: '123456', valid: false }
 * parsePhone('call me'); // { number: '', valid: false }
 */
export const parsePhone = (typed: string, dialCode?: string, region?: string): ParsedPhone => {
  let text = foldDigits(typed).replace(FORMAT, '');
  const international = INTERNATIONAL.exec(text);
  if (international?.[0].endsWith('00'))
    text = `${international[0].slice(0, -2)}+${text.slice(international[0].length)}`;
  const defaults = international ? {} : defaultsOf(dialCode, region);
  const phone = parse(text, defaults);
  if (phone?.isValid()) {
    const { countryCallingCode: code, nationalNumber: number, ext } = phone;
    return { dialCode: `+${code}`, number, valid: true, ...(ext && { ext }) };
  }
  // Not valid: every digit typed is kept, so that reading the result again gives it again and nothing is lost.
  const digits = text.replace(/\D/g, '');
  const code = international
    ? matchCallingCode(digits)
    : digits &&
      (defaults.defaultCallingCode ?? (defaults.defaultCountry && countryCallingCode(defaults.defaultCountry)));
  if (!code) return { number: digits, valid: !international && DIALABLE.test(text) && /^\d{4,15}$/.test(digits) };
  return { dialCode: `+${code}`, number: international ? digits.slice(code.length) : digits, valid: false };
};
