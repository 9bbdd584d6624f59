// Control characters (C0, DEL, C1) and UTF-16 halves without their pair: invisible, or unreadable once stored,
// and JSON carries both. A multiline text keeps line feeds and tabs.
const CONTROL = /[\p{Cc}\p{Cs}]/u;
const CONTROL_IN_MULTILINE = /(?![\n\t])[\p{Cc}\p{Cs}]/u;
// Format characters (Unicode Cf): bidi controls that reorder what an inbox shows, zero-width spaces, U+FEFF, soft
// hyphens. The two joiners (U+200C, U+200D) are kept between two visible characters only: Persian and Indic
// spelling and emoji sequences need them there, and nowhere else do they show anything.
const FORMAT =
  /(?![\u200c\u200d])\p{Cf}|(?<![\p{L}\p{M}\p{N}\p{S}])[\u200c\u200d]|[\u200c\u200d](?![\p{L}\p{M}\p{N}\p{S}])/u;
// Made once, not on every call.
const ALL_CONTROL_IN_MULTILINE = new RegExp(CONTROL_IN_MULTILINE, 'gu');
const ALL_FORMAT = new RegExp(FORMAT, 'gu');
const SPACE_RUNS = /[\s\p{Cc}\p{Cs}]+/gu;
// What normalizing would change. Printable ASCII is its own NFC; without these, most text a form sends comes out
// as it went in, and one scan finds that (a relayed lead has a dozen texts).
const NOT_PLAIN = /[^\x20-\x7e]|^ | $| {2}/;
const NOT_PLAIN_MULTILINE = /[^\x20-\x7e\n\t]|^\s|\s$/;

/**
 * Whether text holds a character the lead schema rejects: a control character, a format character (Unicode Cf:
 * bidi controls, zero-width spaces, U+FEFF, U+00AD; a joiner anywhere but between two visible characters) or an
 * unpaired surrogate. With `multiline`, line feeds and tabs are allowed.
 *
 * @example
 * hasControlChars('Ada\u0000'); // true
 * hasControlChars('line 1\nline 2', true); // false
 */
export const hasControlChars = (value: string, multiline = false): boolean =>
  (multiline ? CONTROL_IN_MULTILINE : CONTROL).test(value) || FORMAT.test(value);

/**
 * Text as the lead schema accepts it: NFC, trimmed, without control characters, format characters (Unicode Cf:
 * bidi controls such as U+202E, zero-width spaces, U+FEFF, U+00AD) or unpaired surrogates. Format characters are
 * removed, but for the joiners U+200C and U+200D between two visible characters (Persian and Indic spelling, emoji
 * sequences). A single line (titles, tags, keys, names) has every run of whitespace or control characters turned
 * into one space; `multiline` text (note descriptions, attribute values) keeps its line breaks as `\n` and its
 * tabs, and loses the other controls.
 * Never truncates: callers decide what to do with text over `LEAD_LIMITS`.
 *
 * @example
 * normalizeText('  Contact\r\n  form\u0000 '); // 'Contact form'
 * normalizeText('Hello,\r\nI would like a quote.\u0007', true); // 'Hello,\nI would like a quote.'
 * normalizeText('Ada\u200b Love\u00adlace\u202e'); // 'Ada Lovelace'
 */
export const normalizeText = (value: string, multiline = false): string => {
  if (!(multiline ? NOT_PLAIN_MULTILINE : NOT_PLAIN).test(value)) return value;
  // Format characters go first and leave nothing: a zero-width space inside a word must not split it.
  const visible = value.replace(ALL_FORMAT, '');
  const cleaned = multiline
    ? visible.replace(/\r\n?/g, '\n').replace(ALL_CONTROL_IN_MULTILINE, '')
    : visible.replace(SPACE_RUNS, ' ');
  return cleaned.trim().normalize('NFC');
};
