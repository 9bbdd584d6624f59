import type { LeadDraft } from './lead-draft';

/**
 * The longest text the relay keeps (`LEAD_LIMITS.noteDescription`). The relay fits every field to its own limit;
 * the companion only makes sure that a pasted novel cannot push a lead past the relay's body cap (16 KiB by
 * default), which would refuse the whole lead.
 */
export const MAX_TEXT = 5000;

/**
 * A copy of a lead as it is sent — also after a `flowmatix:capture` listener edited it: texts cut at `MAX_TEXT`,
 * undefined properties and empty lists left out (upstream, a list that is present replaces the chat's own).
 *
 * @example
 * limitLead({ name: 'Ada', tags: [], uuid: undefined }); // { name: 'Ada' }
 */
export const limitLead = (lead: LeadDraft): LeadDraft =>
  JSON.parse(
    JSON.stringify(lead, (_key, value) =>
      typeof value == 'string' ? value.slice(0, MAX_TEXT) : Array.isArray(value) && !value[0] ? undefined : value,
    ),
  );
