// Built once: the relay maps every submission with them.
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})/gu;
// Latin, Greek and Cyrillic accents (é, ñ, й after NFKD), Arabic vowel marks and tatweel: written or not, the word
// is the same. Other combining marks stay: a Devanagari vowel sign or a Japanese voicing mark changes the word.
const OPTIONAL_MARKS = /[\u0300-\u036f\u0640\u064b-\u065f\u0670]/g;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * Text as the field rules read it: camelCase split, lower case, compatibility forms folded (full-width letters,
 * half-width katakana), optional accents removed, and every run of what is neither letter, digit nor mark (in any
 * script) turned into one space, with a space at each end (`billing_firstName[0]` → ` billing first name 0 `), so
 * rules match whole words in any naming style and any script.
 *
 * @example
 * words('Téléphone*'); // ' telephone '
 * words('E-Mail-Adresse'); // ' e mail adresse '
 * words('फ़ोन नंबर'); // ' फ़ोन नंबर ' (NFKD: the nukta and vowel signs stay)
 */
export const words = (text: string): string =>
  ` ${text.replace(CAMEL, ' ').toLowerCase().normalize('NFKD').replace(OPTIONAL_MARKS, '').replace(NOT_WORD, ' ').trim()} `;
