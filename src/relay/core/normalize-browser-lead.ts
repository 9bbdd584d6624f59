import { LEAD_LIMITS as L } from '../../shared/lead-limits';
import { normalizeDialCode } from '../../shared/normalize-dial-code';
import { normalizeText } from '../../shared/normalize-text';
import { parsePhone } from '../../shared/parse-phone';

type Json = Record<string, unknown>;
/** How a text property is fitted: its maximum length, and whether it keeps line breaks. */
type Bound = [max: number, multiline?: boolean];

/** The text properties of an object and how each is fitted. */
type Bounds = readonly (readonly [name: string, bound: Bound])[];

const NOTE: Bounds = [
  ['title', [L.noteTitle]],
  ['description', [L.noteDescription, true]],
];
const ATTRIBUTE: Bounds = [
  ['key', [L.attributeKey]],
  ['value', [L.attributeValue, true]],
];
const CONSENT: Bounds = [['text', [L.consentText]]];
// A cut address is a wrong one: an email is cleaned but never cut, and the relay keeps an over-long one as text.
const LEAD: Bounds = [
  ['name', [L.name]],
  ['email', [Infinity]],
];

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Text as the schema stores it (no control characters; a single line has its whitespace runs collapsed), cut to
 * `max` UTF-16 units without leaving half of a surrogate pair. Anything but a string is left for the schema.
 */
const fit = (value: unknown, [max, multiline]: Bound): unknown =>
  typeof value === 'string'
    ? normalizeText(value, multiline)
        .slice(0, max)
        .replace(/[\ud800-\udbff]$/, '')
    : value;

/** A copy of an object with the text properties named in `bounds` fitted; anything but an object as it is. */
const fitRecord = (value: unknown, bounds: Bounds): unknown => {
  if (!isRecord(value)) return value;
  const fitted = { ...value };
  for (const [name, bound] of bounds) {
    if (Object.hasOwn(value, name)) fitted[name] = fit(value[name], bound);
  }
  return fitted;
};

// What the companion sends for a phone is what was typed; API callers may send JSON numbers.
const typed = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;

/** Adds a line to the first note (the companion's "Submitted on … at …"), or a note of its own if there is none. */
const flag = (lead: Json, line: string): void => {
  if (lead.notes !== undefined && !Array.isArray(lead.notes)) return;
  const notes = [...((lead.notes as unknown[] | undefined) ?? [])];
  const [first] = notes;
  if (isRecord(first) && typeof first.description === 'string') {
    notes[0] = { ...first, description: `${first.description}\n${line}` };
  } else notes.unshift({ title: 'Phone number', description: line });
  lead.notes = notes;
};

/**
 * Finishes a lead as the companion sends it, before the relay validates it. The browser leaves to the server what
 * needs the numbering plans and the lead limits, so that every visitor of every site downloads less.
 *
 * - `phone` is what the visitor typed; `dialCode` what the page offered: a dial-code field's value or option text
 *   ("India (+91)", or a country code such as "IN"), or the script tag's `data-default-dial-code`; `region` the
 *   country of last resort, from the page's language (`HU`), read and never sent on. `parsePhone` splits the
 *   phone into national digits and a dial code with libphonenumber; a `+`/`00` prefix typed in the number wins over
 *   `dialCode`, which wins over `region`. A number that is not valid is still sent as its digits and flagged in the
 *   first note ("Phone number not verified, as typed: …"); one with more digits than any phone number has is left
 *   out (the note keeps it). An extension typed after a valid number goes to the note ("Phone extension: 12"). A
 *   dial code that names no calling code becomes the attribute "Dial code", so the visitor's choice is not lost.
 * - Text is cleaned of control characters and cut to `LEAD_LIMITS` (name, note titles and descriptions, tags,
 *   attribute keys and values, consent text), so a long message is cut rather than dropped. Tags lose blanks and
 *   duplicates. Emails are cleaned, never cut. Lists keep every entry: what lies past their limits is for the
 *   validation to name.
 *
 * A valid lead that is already normalized (from an older companion, or from a server) comes out the same. Every
 * other key is left for the schema to judge. Pure: never throws on any JSON value, and answers anything but an
 * object as it is.
 *
 * @example
 * normalizeBrowserLead({ uuid, botId, customerId, phone: '098765 43210', dialCode: 'India (+91)' });
 * // { uuid, botId, customerId, phone: '9876543210', dialCode: '+91' }
 * normalizeBrowserLead({ uuid, botId, customerId, phone: '06 30 123 4567', region: 'HU' });
 * // { uuid, botId, customerId, phone: '301234567', dialCode: '+36' }
 */
export const normalizeBrowserLead = (body: Record<string, unknown>): Record<string, unknown> => {
  if (!isRecord(body)) return body;
  const lead = fitRecord(body, LEAD) as Json;
  const own = (name: string): unknown => (Object.hasOwn(body, name) ? body[name] : undefined);

  const phone = typed(own('phone'));
  const dial = typed(own('dialCode'));
  const region = own('region');
  const dialCode = dial ? normalizeDialCode(dial) : undefined;
  // Blank fields are left out (the relay reads them as absent anyway); a filled phone sets both fields again below.
  if (dial !== undefined) lead.dialCode = dialCode;
  if (phone !== undefined) lead.phone = undefined;
  // Only a hint for reading the phone: the API has no such field.
  delete lead.region;
  if (dial && !dialCode) {
    const attributes = own('attributes') ?? [];
    if (Array.isArray(attributes)) lead.attributes = [...attributes, { key: 'Dial code', value: dial }];
  }
  if (phone) {
    const parsed = parsePhone(phone, dial, typeof region === 'string' ? region : undefined);
    const { number, valid, ext } = parsed;
    const fits = number !== '' && number.length <= L.phoneDigits;
    lead.phone = fits ? number : undefined;
    lead.dialCode = fits ? parsed.dialCode : undefined;
    if (!valid) flag(lead, `Phone number not verified, as typed: ${phone}`);
    else if (ext) flag(lead, `Phone extension: ${ext}`);
  }
  for (const name of ['phone', 'dialCode']) {
    if (Object.hasOwn(lead, name) && lead[name] === undefined) delete lead[name];
  }

  const { notes, attributes, tags } = lead;
  if (Array.isArray(notes)) lead.notes = notes.map((note) => fitRecord(note, NOTE));
  if (Array.isArray(attributes)) lead.attributes = attributes.map((attribute) => fitRecord(attribute, ATTRIBUTE));
  if (Array.isArray(tags)) lead.tags = [...new Set(tags.map((tag) => fit(tag, [L.tag])))].filter((tag) => tag !== '');
  if (Object.hasOwn(lead, 'consent')) lead.consent = fitRecord(lead.consent, CONSENT);
  return lead;
};
