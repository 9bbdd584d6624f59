import type { z } from 'zod';
import type { LeadInput } from '../shared/lead';
import { leadFieldSchemas } from '../shared/lead-schema';
import type { RelayIssue } from '../shared/relay-protocol';
import { normalizeBrowserLead } from './normalize-browser-lead';

const IDENTITY_FIELDS = ['uuid', 'botId', 'customerId'] as const;
const OPTIONAL_FIELDS = ['name', 'email', 'phone', 'dialCode', 'notes', 'tags', 'attributes', 'consent'] as const;

export type OptionalLeadField = (typeof OPTIONAL_FIELDS)[number];

/** An optional field that failed its schema: not sent as a field, but kept (as a note) rather than lost. */
export interface DroppedField {
  name: OptionalLeadField;
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

/**
 * Finishes a parsed body as `normalizeBrowserLead` does (phone split by calling code, texts fitted to the limits),
 * then checks it against the shared lead schema, field by field. Identity (`uuid`, `botId`, `customerId`)
 * must be valid or the lead is refused with issues. Each optional field is checked on its own: a bad one (a
 * malformed email, say) is dropped and reported, so one typo never loses the lead. Keys the schema does not know —
 * `status`, `agentId`, `picture` among them — are never read, so they can never be forwarded.
 *
 * @example
 * const result = validateLead(JSON.parse(text));
 * if (!result.ok) return reject(400, result.issues);
 */
export const validateLead = (value: unknown): LeadValidation => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [{ path: [], message: 'must be a JSON object with uuid, botId and customerId' }] };
  }
  // The companion sends phones as typed and texts uncut; finishing them here keeps that work out of the browser.
  const body = normalizeBrowserLead(value as Record<string, unknown>);
  const own = (name: string): unknown => (Object.hasOwn(body, name) ? body[name] : undefined);
  const lead: Record<string, unknown> = {};
  const issues: RelayIssue[] = [];
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

  const dropped: DroppedField[] = [];
  for (const name of OPTIONAL_FIELDS) {
    const raw = own(name);
    if (isBlank(raw)) continue;
    const result = leadFieldSchemas[name].safeParse(raw);
    if (result.success) lead[name] = result.data;
    else dropped.push({ name, raw, reason: result.error.issues[0]?.message ?? 'is invalid' });
  }
  return { ok: true, lead: lead as unknown as LeadInput, dropped };
};
