import type { LeadInput } from '../shared/lead';

/**
 * A lead as the companion captures it: identity may still be missing (the widget creates the visitor UUID only
 * when the bot is opened, and its tag may load after us), so delivery completes it before sending.
 */
export type LeadDraft = Omit<LeadInput, 'uuid' | 'botId' | 'customerId'> &
  Partial<Pick<LeadInput, 'uuid' | 'botId' | 'customerId'>>;
