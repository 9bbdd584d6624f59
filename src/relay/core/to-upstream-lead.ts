import type { LeadAttribute, LeadInput, LeadNote, UpstreamLead } from '../../shared/lead';
import { droppedFieldsNote } from './dropped-fields-note';
import type { LeadDefaults } from './relay-options';
import type { DroppedField } from './validate-lead';

const consentNote = (consent: NonNullable<LeadInput['consent']>): LeadNote => ({
  title: 'Consent',
  description: `${consent.text}\nGiven at ${consent.at}`,
});

const mergeAttributes = (
  visitor: readonly LeadAttribute[] | undefined,
  configured: readonly LeadAttribute[] | undefined,
): LeadAttribute[] | undefined => {
  if (!configured?.length) return visitor?.slice();
  const overridden = new Set(configured.map((attribute) => attribute.key));
  return [...(visitor ?? []).filter((attribute) => !overridden.has(attribute.key)), ...configured];
};

/**
 * Builds the body of the upstream PUT from a validated lead, all but the `uuid` (which the relay puts first: the
 * visitor's, or one it minted; a held lead is kept without one until it is attached): the visitor's fields, a note
 * for the consent, a note keeping the raw text of dropped fields, then the configured defaults. Nothing else can enter: the body is built
 * field by field from a lead `validateLead` checked and defaults `validateLeadDefaults` checked, so it is not parsed
 * again (that cost a lead as much as validating it); property tests hold every body the relay sends to the strict
 * upstream schema.
 *
 * @example
 * const body: UpstreamLead = { uuid, ...toUpstreamLead(lead, dropped, { tags: ['website'] }) };
 */
export const toUpstreamLead = (
  lead: LeadInput,
  dropped: readonly DroppedField[],
  defaults: LeadDefaults,
): Omit<UpstreamLead, 'uuid'> => {
  const notes = [
    ...(lead.notes ?? []),
    ...(lead.consent ? [consentNote(lead.consent)] : []),
    ...(dropped.length > 0 ? [droppedFieldsNote(dropped)] : []),
    ...(defaults.notes ?? []),
  ];
  const tags = [...new Set([...(lead.tags ?? []), ...(defaults.tags ?? [])])];
  const attributes = mergeAttributes(lead.attributes, defaults.attributes);
  return {
    botId: lead.botId,
    customerId: lead.customerId,
    ...(defaults.agentId !== undefined && { agentId: defaults.agentId }),
    ...(lead.name !== undefined && { name: lead.name }),
    ...(lead.email !== undefined && { email: lead.email }),
    ...(lead.phone !== undefined && { phone: lead.phone }),
    ...(lead.dialCode !== undefined && { dialCode: lead.dialCode }),
    ...(notes.length > 0 && { notes }),
    ...(defaults.status !== undefined && { status: defaults.status }),
    ...(tags.length > 0 && { tags }),
    ...(attributes && attributes.length > 0 && { attributes }),
  };
};
