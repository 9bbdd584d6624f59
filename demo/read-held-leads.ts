import type { HeldLead, HeldLeadStore } from '../src/relay/stores/held-lead-store';
import type { HeldInboxLead } from './inbox-view';

/** The panel shows this many held leads at most: it is a glance, `flowmatix-leads held list` is the full view. */
const MAX_SHOWN = 20;

const toHeldInboxLead = ({ key, receivedAt, lead, attached }: HeldLead): HeldInboxLead => ({
  key,
  ...(lead.name && { name: lead.name }),
  ...(lead.email && { email: lead.email }),
  ...(lead.phone && { phone: lead.dialCode ? `${lead.dialCode} ${lead.phone}` : lead.phone }),
  receivedAt: new Date(receivedAt).toISOString(),
  ...(attached && { attached: { uuid: attached.uuid, at: new Date(attached.at).toISOString() } }),
});

/**
 * The leads the relay holds without a chat UUID, most recently received first, flattened for the demo's inbox
 * panel: the contact details and whether the lead has since gone to a chat, nothing else of what the store keeps.
 */
export const readHeldLeads = async (store: HeldLeadStore): Promise<HeldInboxLead[]> =>
  (await store.list()).reverse().slice(0, MAX_SHOWN).map(toHeldInboxLead);
