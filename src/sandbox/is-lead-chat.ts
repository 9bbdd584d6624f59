import type { Chat } from '../shared/chat';

const filled = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

/** Whether a chat is a lead: it has any contact detail, a name, an email or a phone number. */
export const isLeadChat = (chat: Chat): boolean => {
  const details = chat.profile?.userDetails;
  return filled(details?.name) || filled(details?.contact?.email) || filled(details?.contact?.phone?.number);
};
