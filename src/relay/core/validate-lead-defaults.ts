import { z } from 'zod';
import { CHAT_STATUSES } from '../../shared/lead';
import { LEAD_ID_PATTERN, LEAD_LIMITS } from '../../shared/lead-limits';
import { leadFieldSchemas } from '../../shared/lead-schema';
import { RelayConfigurationError } from './relay-configuration-error';
import type { LeadDefaults } from './relay-options';

// The relay adds a consent note and a dropped-fields note of its own; defaults get the rest of its allowance.
const MAX_DEFAULT_NOTES = LEAD_LIMITS.relayNotes - 2;

const defaultsSchema = z.strictObject({
  tags: leadFieldSchemas.tags.pipe(z.array(z.string()).max(LEAD_LIMITS.relayTags)).optional(),
  notes: leadFieldSchemas.notes.pipe(z.array(z.any()).max(MAX_DEFAULT_NOTES)).optional(),
  attributes: leadFieldSchemas.attributes.pipe(z.array(z.any()).max(LEAD_LIMITS.relayAttributes)).optional(),
  agentId: z.string().max(LEAD_LIMITS.id).regex(LEAD_ID_PATTERN).optional(),
  status: z.enum(CHAT_STATUSES).optional(),
});

/**
 * Checks the configured lead defaults once, at start, with the same schemas as visitor input plus the room the
 * upstream schema leaves the relay (`LEAD_LIMITS.relayNotes`, `relayTags`, `relayAttributes`).
 *
 * @example
 * validateLeadDefaults({ tags: ['website'], status: 'OPEN' });
 */
export const validateLeadDefaults = (defaults: LeadDefaults | undefined): LeadDefaults => {
  if (defaults === undefined) return {};
  const result = defaultsSchema.safeParse(defaults);
  if (result.success) return result.data as LeadDefaults;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `.${issue.path.map(String).join('.')}` : '';
  throw new RelayConfigurationError(`defaults${where}: ${issue?.message ?? 'invalid'}`);
};
