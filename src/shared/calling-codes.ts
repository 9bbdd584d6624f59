import { type CountryCode, getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/core';
// The metadata `parsePhone` reads (its comment says why `max`), so that both agree on what a calling code is.
import metadata from 'libphonenumber-js/metadata.max';

let codes: Set<string> | undefined;

/**
 * Whether digits are exactly a country calling code (without the `+`), as libphonenumber's numbering plans know
 * them: every country's and the non-geographic ones (800 freephone, 870 Inmarsat, 881–883 global networks…).
 * North American territories share +1 and are told apart by area code, so `1684` is not a calling code.
 *
 * @example
 * isCallingCode('351'); // true
 * isCallingCode('35'); // false
 */
export const isCallingCode = (digits: string): boolean => {
  codes ??= new Set([...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic ?? {})]);
  return codes.has(digits);
};

/**
 * The country calling code that an international number's digits start with (the longest match), without `+`.
 * Calling codes form a prefix-free set, so there is at most one.
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

/**
 * The ISO 3166-1 country code (any case) as libphonenumber spells it, if it has a numbering plan.
 *
 * @example
 * toCountryCode('in'); // 'IN'
 * toCountryCode('UK'); // undefined: the United Kingdom is GB
 */
export const toCountryCode = (value: string): CountryCode | undefined => {
  const code = value.toUpperCase();
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode, metadata)
    ? (code as CountryCode)
    : undefined;
};

/**
 * The calling code of a country given by its ISO 3166-1 code (any case), without `+`.
 *
 * @example
 * countryCallingCode('IN'); // '91'
 * countryCallingCode('ca'); // '1'
 * countryCallingCode('XX'); // undefined
 */
export const countryCallingCode = (country: string): string | undefined => {
  const code = toCountryCode(country);
  return code && getCountryCallingCode(code, metadata);
};
