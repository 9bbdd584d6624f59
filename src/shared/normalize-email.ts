/**
 * The pragmatic shape of an email address, shared by `looksLikeEmail` and the lead schema: something without
 * whitespace or controls, one `@`, and a domain of at least two dot-separated labels. Mail servers decide the rest.
 */
export const EMAIL_PATTERN = /^[^\s@\p{Cc}\p{Cs}]+@[^\s@.\p{Cc}\p{Cs}]+(?:\.[^\s@.\p{Cc}\p{Cs}]+)+$/u;

/**
 * An email address as stored: trimmed, NFC, its domain lowercased. The local part keeps its case, which a
 * mail server may honour. Anything that is not an address is returned trimmed and NFC, for the schema to judge.
 *
 * @example
 * normalizeEmail(' Ada.Lovelace@Example.COM '); // 'Ada.Lovelace@example.com'
 */
export const normalizeEmail = (value: string): string => {
  const email = value.trim().normalize('NFC');
  const at = email.lastIndexOf('@') + 1;
  return at ? (email.slice(0, at) + email.slice(at).toLowerCase()).normalize('NFC') : email;
};

/**
 * Whether a string has the shape of an email address (the same rule the relay applies).
 *
 * @example
 * looksLikeEmail('ada@example.com'); // true
 * looksLikeEmail('ada@localhost'); // false
 */
export const looksLikeEmail = (value: string): boolean => EMAIL_PATTERN.test(value);
