import { LEAD_LIMITS as L } from '../shared/lead-limits';
import { normalizeText } from '../shared/normalize-text';
import type { LeadDraft } from './lead-draft';

// The bound of each lead property by its name, wherever it sits (notes' titles, attributes' keys…).
const MAX: Record<string, number> = {
  name: L.name,
  email: L.email,
  notes: L.notes,
  title: L.noteTitle,
  description: L.noteDescription,
  tags: L.tags,
  attributes: L.attributes,
  key: L.attributeKey,
  value: L.attributeValue,
  text: L.consentText,
};

// Text as the relay stores it (no control characters but line breaks and tabs, NFC, trimmed), cut to `max` UTF-16
// code units without leaving half of a surrogate pair.
const cut = (value: string, max?: number): string =>
  normalizeText(String(value), true).slice(0, max).replace(/[\ud800-\udbff]$/, '');

/**
 * Fits a lead into `LEAD_LIMITS` by cleaning and truncating its text and lists (tags also lose blanks and
 * duplicates), so the relay never drops a field for its length or for stray control characters — also after a
 * `flowmatix:capture` listener edited the lead. Undefined properties and empty lists disappear.
 *
 * @example
 * limitLead({ name: 'x'.repeat(300) }).name?.length; // 200
 */
export const limitLead = (lead: LeadDraft): LeadDraft =>
  JSON.parse(
    JSON.stringify(lead, (key, value) => {
      if (typeof value == 'string') return cut(value, MAX[key]);
      if (key == 'tags') value = [...new Set((value as string[]).map((tag) => cut(tag, L.tag)))].filter(Boolean);
      // An empty list is left out: upstream, a list that is present replaces the chat's own.
      return Array.isArray(value) ? (value = value.slice(0, MAX[key]))[0] && value : value;
    }),
  );
