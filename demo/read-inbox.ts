import type { Chat, FlowmatixClient } from '../src/flowmatix';
import type { InboxLead } from './inbox-view';

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

/**
 * The first page of a bot's leads through the Flowmatix listing endpoint (most recently updated first), flattened
 * for the demo's inbox panel. One page only: against the real API the panel must stay a light, occasional reader.
 */
export const readInbox = async (
  client: FlowmatixClient,
  bot: { botId: string; customerId: string },
): Promise<InboxLead[]> => (await client.listChats({ type: 'lead', page: 1, ...bot })).map(toInboxLead);
