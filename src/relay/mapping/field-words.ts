/**
 * The words a language labels contact fields with, as data: one table per language in `field-languages.ts`. Each entry
 * is matched in the text of a control's name, id, label and placeholder as `words()` reads it (lower case, accents
 * off, every non-letter a space). A space at the start of an entry anchors it at the start of a word, one at the
 * end at the end of a word: `' tel '` is the whole word "tel" ("Telegram" is no phone), `' nom '` is no "nombre",
 * `'phone'` is anywhere ("mobilephone"). Short words are written whole. Scripts without spaces (Chinese, Japanese)
 * are matched anywhere, single characters whole.
 *
 * The lists are checked in a fixed order across all languages, the first match deciding: `ignore`, `phoneParts`,
 * `dialCode`, `email`, `phone`, `note`, `company` and `notPerson`, `fullName`, `lastName`, `firstName`, `name`.
 * So "country code" is no phone, a company's or a user's name is nobody's name, "Vor- und Nachname" is a full name
 * and "Nachname" a last name.
 *
 * @example
 * const de: FieldWords = { lang: 'de', language: 'Deutsch', email: ['e mail'], phone: [' telef'], … };
 */
export interface FieldWords {
  /** BCP 47 language tag (`de`, `hi-Latn`). */
  lang: string;
  /** The language's name in itself. */
  language: string;
  /** Words that end detection first: they name something else that mentions a name or a code (honorific, nickname). */
  ignore?: readonly string[];
  /** Parts of a phone number typed into several boxes (area code, local prefix): phone, and never a dial code. */
  phoneParts?: readonly string[];
  /** The country calling code ("+49"): a dial-code control. */
  dialCode: readonly string[];
  email: readonly string[];
  phone: readonly string[];
  /** A message, comment, question or request: a note titled by its label. */
  note: readonly string[];
  /** A company or organisation: no role (an attribute), and never mistaken for a person's name. */
  company: readonly string[];
  /** Other things with a name that are no person's (user, product, city, website): attributes too. */
  notPerson?: readonly string[];
  /** Phrases that name both halves of a name ("full name", "Imię i nazwisko"): checked before first and last. */
  fullName: readonly string[];
  lastName: readonly string[];
  firstName: readonly string[];
  /** The plain word for a name, checked last: alone it is the name, beside only a first or last name the other half. */
  name: readonly string[];
}
