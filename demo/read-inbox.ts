import type { Chat, FlowmatixClient } from '../src/flowmatix';
import type { InboxLead } from './inbox-view';

// The panel shows a demo's worth of leads; a real inbox with thousands is the Flowmatix dashboard's job.
const MAX_LEADS = 200;

const toInboxLead = (chat: Chat): InboxLead => {
  const details = chat.profile?.userDetails;
  const phone = details?.contact?.phone;
  const number = phone?.number ?? '';
  return {
    uuid: chat.uuid,
    ...(details?.name && { name: details.name }),
    ...(details?.contact?.email && { email: details.contact.email }),
    ...(number && { phone: phone?.prefix ? `+${phone.prefix} ${number}` : number }),
    tags: details?.tags ?? [],
    notes: (chat.profile?.notes ?? []).map(({ title, description }) => ({ title, description })),
    attributes: details?.attributes ?? [],
    ...(chat.createdAt && { createdAt: chat.createdAt }),
    ...(chat.updatedAt && { updatedAt: chat.updatedAt }),
  };
};

/** Lists a bot's leads through the Flowmatix listing endpoint, flattened for the demo's inbox panel. */
export const readInbox = async (
  client: FlowmatixClient,
  bot: { botId: string; customerId: string },
  signal?: AbortSignal,
): Promise<InboxLead[]> => {
  const leads: InboxLead[] = [];
  for await (const chat of client.listAllChats({ type: 'lead', ...bot }, signal ? { signal } : {})) {
    leads.push(toInboxLead(chat));
    if (leads.length >= MAX_LEADS) break;
  }
  return leads;
};
