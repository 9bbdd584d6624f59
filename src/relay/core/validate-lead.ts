import type { z } from 'zod';
import type { LeadInput } from '../../shared/lead';
import { LEAD_LIMITS } from '../../shared/lead-limits';
import { leadFieldSchemas } from '../../shared/lead-schema';
import type { RelayIssue } from '../../shared/relay-protocol';
import { checkListElement } from './check-list-element';
import { normalizeBrowserLead } from './normalize-browser-lead';

const IDENTITY_FIELDS = ['botId', 'customerId'] as const;
const OPTIONAL_FIELDS = ['name', 'email', 'phone', 'dialCode', 'notes', 'tags', 'attributes', 'consent'] as const;
const LIST_FIELDS = ['notes', 'tags', 'attributes'] as const;

export type OptionalLeadField = (typeof OPTIONAL_FIELDS)[number];
type ListField = (typeof LIST_FIELDS)[number];

/**
 * An optional field, or one element of a list, that failed its schema: not sent as such, but kept (as a note)
 * rather than lost. `name` is the field (`email`), or the list and the element's index as sent (`notes[2]`).
 */
export interface DroppedField {
  name: string;
  raw: unknown;
  reason: string;
}

export type LeadValidation =
  | { ok: true; lead: LeadInput; dropped: DroppedField[] }
  | { ok: false; issues: RelayIssue[] };

const toIssues = (field: string, error: z.ZodError): RelayIssue[] =>
  error.issues.map((issue) => ({
    path: [field, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))],
    message: issue.message,
  }));

// A form field left blank often arrives as "" or null: that is an absent field, not an invalid one.
const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const isList = (name: OptionalLeadField): name is ListField => (LIST_FIELDS as readonly string[]).includes(name);

const hasTextDescription = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { description?: unknown }).description === 'string';

const reasonOf = (error: z.ZodError): string => error.issues[0]?.message ?? 'is invalid';

/**
 * How many elements of a list are checked one by one: twice its limit, so that a few bad elements still leave
 * room for good ones. What lies past it is cut before any work and named as one range, so that a body of
 * thousands of tiny elements costs no more than a list this long.
 */
export const listCheckCap = (name: ListField): number => 2 * LEAD_LIMITS[name];

/** The elements of a list past its check cap, as one dropped entry: `notes[40..8139]`. */
interface Overflow {
  field: DroppedField;
  list: ListField;
}

/**
 * A shallow copy of the body with each list cut at its check cap, and what was cut. Costs one slice per list
 * however long it is.
 */
const cutLists = (body: Record<string, unknown>): { body: Record<string, unknown>; overflows: Overflow[] } => {
  const overflows: Overflow[] = [];
  let cut = body;
  for (const name of LIST_FIELDS) {
    const list = Object.hasOwn(body, name) ? body[name] : undefined;
    const cap = listCheckCap(name);
    if (!Array.isArray(list) || list.length <= cap) continue;
    if (cut === body) cut = { ...body };
    cut[name] = list.slice(0, cap);
    overflows.push({
      list: name,
      field: {
        name: `${name}[${cap}..${list.length - 1}]`,
        raw: list.slice(cap, cap + 10),
        reason: `are past the first ${LEAD_LIMITS[name]} ${name} (${list.length - cap} entries)`,
      },
    });
  }
  return { body: cut, overflows };
};

/**
 * Where an element of a finished list was in the list as sent, so that `dropped` names what the sender wrote.
 * Finishing keeps the order and cuts the end; it may put the relay's phone note first, when the first note sent
 * has no text to add it to; and it removes blank and repeated tags, which leaves the tags the schema refuses
 * (anything but text) as they were sent.
 */
const sentIndex = (
  name: ListField,
  index: number,
  item: unknown,
  sent: unknown,
  finished: readonly unknown[],
): number => {
  const list = Array.isArray(sent) ? sent : [];
  if (name === 'tags') return list.includes(item) ? list.indexOf(item) : index;
  if (name === 'notes' && hasTextDescription(finished[0]) && !hasTextDescription(list[0])) return index - 1;
  return index;
};

/**
 * A list checked element by element: a bad element is dropped on its own (blank ones silently, as blank fields
 * are), the others are kept up to the list's limit (those past it are dropped and named one by one, so the
 * kept-as-text note holds them). The list's own rules hold by then: its length is the limit at most, and tags
 * were made unique by `normalizeBrowserLead`, so the list is not parsed again as a whole.
 */
const validateList = (
  name: ListField,
  items: readonly unknown[],
  sent: unknown,
  dropped: DroppedField[],
): unknown[] | undefined => {
  const limit = LEAD_LIMITS[name];
  const kept: unknown[] = [];
  items.forEach((item, index) => {
    if (isBlank(item)) return;
    const result = checkListElement(name, item);
    if (result.ok && kept.length < limit) {
      kept.push(result.value);
      return;
    }
    const reason = result.ok ? `is past the first ${limit} ${name}` : result.reason;
    dropped.push({ name: `${name}[${sentIndex(name, index, item, sent, items)}]`, raw: item, reason });
  });
  return kept.length === 0 && items.length > 0 ? undefined : kept;
};

/** The optional fields of a lead, validated, and what was dropped from them. */
export interface LeadFieldsValidation {
  fields: Partial<Pick<LeadInput, OptionalLeadField>>;
  dropped: DroppedField[];
}

/**
 * The optional fields of a parsed body (everything but identity), finished and checked as `validateLead` does,
 * which uses it once identity passed; the relay's preview uses it alone, as a preview needs no identity. Never
 * refuses: a bad field or list element is dropped and named, the rest kept.
 *
 * @example
 * validateLeadFields({ email: 'ada@', name: 'Ada' });
 * // { fields: { name: 'Ada' }, dropped: [{ name: 'email', raw: 'ada@', reason: 'must be an email address' }] }
 */
export const validateLeadFields = (sent: Record<string, unknown>): LeadFieldsValidation => {
  const { body: capped, overflows } = cutLists(sent);
  // The companion sends phones as typed and texts uncut; finishing them here keeps that work out of the browser.
  const body = normalizeBrowserLead(capped);
  const fields: Record<string, unknown> = {};
  const dropped: DroppedField[] = [];
  for (const name of OPTIONAL_FIELDS) {
    const raw = Object.hasOwn(body, name) ? body[name] : undefined;
    if (isBlank(raw)) continue;
    if (isList(name) && Array.isArray(raw)) {
      const list = validateList(name, raw, capped[name], dropped);
      if (list !== undefined) fields[name] = list;
      const overflow = overflows.find((entry) => entry.list === name);
      if (overflow) dropped.push(overflow.field);
      continue;
    }
    const result = leadFieldSchemas[name].safeParse(raw);
    if (result.success) fields[name] = result.data;
    else dropped.push({ name, raw, reason: reasonOf(result.error) });
  }
  return { fields: fields as LeadFieldsValidation['fields'], dropped };
};

/**
 * Finishes a parsed body as `normalizeBrowserLead` does (phone split by calling code, texts fitted to the limits),
 * then checks it against the shared lead schema, field by field. Identity (`botId`, `customerId`, and `uuid` when
 * one is sent) must be valid or the lead is refused with issues. A `uuid` that is absent, `null` or blank leaves
 * the lead unattached (no `uuid` in the result): the visitor never opened the chat. Each optional field is checked
 * on its own: a bad one (a malformed email, say) is dropped and reported, so one typo never loses the lead. Lists
 * (`notes`, `tags`, `attributes`) are checked element by element: one bad note is dropped and reported as
 * `notes[2]`, the others are sent. Only the first `listCheckCap` elements (twice the list's limit) are checked;
 * the rest are cut unread and reported as one range, `notes[40..8139]`. Identity is checked before anything else
 * is read, so a refused lead costs little. Keys the schema does not know — `status`, `agentId`, `picture` among
 * them — are never read, so they can never be forwarded.
 *
 * @example
 * const result = validateLead(JSON.parse(text));
 * if (!result.ok) return reject(400, result.issues);
 */
export const validateLead = (value: unknown): LeadValidation => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [{ path: [], message: 'must be a JSON object with botId and customerId' }] };
  }
  const sent = value as Record<string, unknown>;
  const own = (name: string): unknown => (Object.hasOwn(sent, name) ? sent[name] : undefined);
  const lead: Record<string, unknown> = {};
  const issues: RelayIssue[] = [];
  // Identity first, on the body as sent (normalizing leaves it alone): a lead refused for it costs nothing more.
  // The uuid comes first in the result, as it goes first upstream.
  const uuid = own('uuid');
  if (!isBlank(uuid)) {
    const result = leadFieldSchemas.uuid.safeParse(uuid);
    if (result.success) lead.uuid = result.data;
    else issues.push(...toIssues('uuid', result.error));
  }
  for (const name of IDENTITY_FIELDS) {
    const raw = own(name);
    if (raw === undefined || raw === null) {
      issues.push({ path: [name], message: 'is required' });
      continue;
    }
    const result = leadFieldSchemas[name].safeParse(raw);
    if (result.success) lead[name] = result.data;
    else issues.push(...toIssues(name, result.error));
  }
  if (issues.length > 0) return { ok: false, issues };

  const { fields, dropped } = validateLeadFields(sent);
  return { ok: true, lead: { ...lead, ...fields } as LeadInput, dropped };
};
