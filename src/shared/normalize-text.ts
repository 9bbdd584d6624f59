// Control characters (C0, DEL, C1) and UTF-16 halves without their pair: invisible, or unreadable
// once stored, and JSON carries both. A multiline text keeps line feeds and tabs.
const FORBIDDEN = /[\p{Cc}\p{Cs}]/u;
const FORBIDDEN_IN_MULTILINE = /(?![\n\t])[\p{Cc}\p{Cs}]/u;
// Made once, not on every call.
const ALL_FORBIDDEN_IN_MULTILINE = new RegExp(FORBIDDEN_IN_MULTILINE, 'gu');
// What normalizing would change. Printable ASCII is its own NFC; without these, most text a form sends comes out
// as it went in, and one scan finds that (a relayed lead has a dozen texts).
const NOT_PLAIN = /[^\x20-\x7e]|^ | $| {2}/;
const NOT_PLAIN_MULTILINE = /[^\x20-\x7e\n\t]|^\s|\s$/;

/**
 * Whether text holds a character the lead schema rejects: a control character or an unpaired surrogate.
 * With `multiline`, line feeds and tabs are allowed.
 *
 * @example
 * hasControlChars('Ada\u0000'); // true
 * hasControlChars('line 1\nline 2', true); // false
 */
export const hasControlChars = (value: string, multiline = false): boolean =>
  (multiline ? FORBIDDEN_IN_MULTILINE : FORBIDDEN).test(value);

/**
 * Text as the lead schema accepts it: NFC, trimmed, without control characters or unpaired surrogates.
 * A single line (titles, tags, keys, names) has every run of whitespace or control characters turned into one
 * space; `multiline` text (note descriptions, attribute values) keeps its line breaks as `\n` and its tabs.
 * Never truncates: callers decide what to do with text over `LEAD_LIMITS`.
 *
 * @example
 * normalizeText('  Contact\r\n  form\u0000 '); // 'Contact form'
 * normalizeText('Hello,\r\nI would like a quote.\u0007', true); // 'Hello,\nI would like a quote.'
 */
export const normalizeText = (value: string, multiline = false): string => {
  if (!(multiline ? NOT_PLAIN_MULTILINE : NOT_PLAIN).test(value)) return value;
  const cleaned = multiline
    ? value.replace(/\r\n?/g, '\n').replace(ALL_FORBIDDEN_IN_MULTILINE, '')
    : value.replace(/[\s\p{Cc}\p{Cs}]+/gu, ' ');
  return cleaned.trim().normalize('NFC');
};
