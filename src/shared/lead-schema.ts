import { z } from 'zod';
import { isCallingCode } from './calling-codes';
import { UUID_PATTERN } from './is-uuid';
import { CHAT_STATUSES, type LeadInput, type UpstreamLead } from './lead';
import { LEAD_ID_PATTERN, LEAD_LIMITS } from './lead-limits';
import { EMAIL_PATTERN, normalizeEmail } from './normalize-email';
import { hasControlChars } from './normalize-text';

// Text is compared and bounded as stored: CR LF and CR become LF, then NFC, then trimmed.
const text = (max: number, { multiline = false, allowEmpty = false } = {}) =>
  z
    .string()
    .overwrite((value) => (multiline ? value.replace(/\r\n?/g, '\n') : value))
    .normalize('NFC')
    .trim()
    .min(allowEmpty ? 0 : 1, 'must not be empty')
    .max(max)
    .refine((value) => !hasControlChars(value, multiline), 'must not contain control characters');

const id = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty', abort: true })
  .max(LEAD_LIMITS.id)
  .regex(LEAD_ID_PATTERN, 'must hold only letters, digits, _ and -');

const uuid = z.string().trim().regex(UUID_PATTERN, 'must be a UUID (8-4-4-4-12 hex digits)');

const email = z
  .string()
  .overwrite(normalizeEmail)
  .max(LEAD_LIMITS.email)
  .regex(EMAIL_PATTERN, 'must be an email address')
  // The pattern refuses controls; format characters (Unicode Cf) would hide in an address just as well.
  .refine((value) => !hasControlChars(value), 'must not contain control characters');

const phone = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be digits only, with the country code in dialCode')
  .max(LEAD_LIMITS.phoneDigits);

const dialCode = z
  .string()
  .trim()
  .refine(
    (value) => /^\+\d{1,4}$/.test(value) && isCallingCode(value.slice(1)),
    'must be + and a country calling code, such as +91',
  );

// A note may be a bare title and an attribute a bare key (a ticked box): descriptions and values may be empty.
const noteShape = {
  title: text(LEAD_LIMITS.noteTitle),
  description: text(LEAD_LIMITS.noteDescription, { multiline: true, allowEmpty: true }),
};
const attributeShape = {
  key: text(LEAD_LIMITS.attributeKey),
  value: text(LEAD_LIMITS.attributeValue, { multiline: true, allowEmpty: true }),
};

// A tag is a set member: duplicates (after normalization) are dropped before the count is bounded.
const tags = (max: number) =>
  z
    .array(text(LEAD_LIMITS.tag))
    .overwrite((values) => [...new Set(values)])
    .max(max);

/**
 * The schema of each field a browser may send, by name, each required. The relay checks identity with
 * `botId`, `customerId` and, when one is sent, `uuid`, then every optional field on its own, so that one bad field
 * is dropped (and kept as a note) instead of losing the lead.
 *
 * @example
 * const result = leadFieldSchemas.email.safeParse(body.email);
 * if (!result.success) dropped.push('email');
 */
export const leadFieldSchemas = {
  uuid,
  botId: id,
  customerId: id,
  name: text(LEAD_LIMITS.name),
  email,
  phone,
  dialCode,
  notes: z.array(z.object(noteShape)).max(LEAD_LIMITS.notes),
  tags: tags(LEAD_LIMITS.tags),
  attributes: z.array(z.object(attributeShape)).max(LEAD_LIMITS.attributes),
  consent: z.object({ text: text(LEAD_LIMITS.consentText), at: z.iso.datetime({ offset: true }) }),
};

const f = leadFieldSchemas;

/**
 * What a browser may send to the relay (`LeadInput`). Strings come out NFC and trimmed, emails with a lowercase
 * domain, tags without duplicates. `uuid` may be absent (an unattached lead); when present it must be a UUID (the
 * relay also reads `null` and `""` as absent, which this schema leaves to the caller). Unknown keys — `status`, `agentId`, `picture` among them — are stripped, never
 * forwarded: the relay compares the body's keys with `leadFieldSchemas` to report them.
 *
 * @example
 * const result = leadInputSchema.safeParse(await request.json());
 * if (!result.success) return reject(result.error.issues);
 */
export const leadInputSchema = z.object({
  uuid: f.uuid.optional(),
  botId: f.botId,
  customerId: f.customerId,
  name: f.name.optional(),
  email: f.email.optional(),
  phone: f.phone.optional(),
  dialCode: f.dialCode.optional(),
  notes: f.notes.optional(),
  tags: f.tags.optional(),
  attributes: f.attributes.optional(),
  consent: f.consent.optional(),
});

/**
 * The body of `PUT /inbox/direct/lead` (`UpstreamLead`), as the relay builds it. Strict: an unknown key here is a
 * bug in the relay, not input. Arrays leave room for what the relay adds (`LEAD_LIMITS.relayNotes` and friends).
 *
 * @example
 * const body = upstreamLeadSchema.parse({ ...lead, notes: [...(lead.notes ?? []), consentNote] });
 */
export const upstreamLeadSchema = z.strictObject({
  uuid: f.uuid,
  botId: f.botId,
  customerId: f.customerId,
  agentId: id.optional(),
  name: f.name.optional(),
  email: f.email.optional(),
  phone: f.phone.optional(),
  dialCode: f.dialCode.optional(),
  notes: z
    .array(z.strictObject(noteShape))
    .max(LEAD_LIMITS.notes + LEAD_LIMITS.relayNotes)
    .optional(),
  status: z.enum(CHAT_STATUSES).optional(),
  picture: z.httpUrl().max(LEAD_LIMITS.pictureUrl).optional(),
  tags: tags(LEAD_LIMITS.tags + LEAD_LIMITS.relayTags).optional(),
  attributes: z
    .array(z.strictObject(attributeShape))
    .max(LEAD_LIMITS.attributes + LEAD_LIMITS.relayAttributes)
    .optional(),
});

// Compile-time proof that the schemas produce exactly the interfaces in lead.ts: a drift fails the typecheck.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Proven<T extends true> = T;
type SchemasMatchInterfaces = [
  Proven<Same<z.output<typeof leadInputSchema>, LeadInput>>,
  Proven<Same<z.output<typeof upstreamLeadSchema>, UpstreamLead>>,
];
