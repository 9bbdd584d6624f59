import type { Chat, ChatNote } from '../shared/chat';
import type { LeadAttribute, UpstreamLead } from '../shared/lead';

export interface ApplyLeadContext {
  now: Date;
  /** A new 24-hex id, for a new chat or note. */
  newId: () => string;
}

const mergeTags = (current: string[], added: string[]): string[] => [...new Set([...current, ...added])];

const mergeAttributes = (current: LeadAttribute[], added: LeadAttribute[]): LeadAttribute[] => {
  const byKey = new Map(current.map((attribute) => [attribute.key, attribute.value]));
  for (const attribute of added) byKey.set(attribute.key, attribute.value);
  return [...byKey].map(([key, value]) => ({ key, value }));
};

const mergeNotes = (current: ChatNote[], added: UpstreamLead['notes'] & {}, newId: () => string): ChatNote[] => {
  const notes = [...current];
  for (const note of added) {
    const known = notes.some((kept) => kept.title === note.title && kept.description === note.description);
    if (!known) notes.push({ title: note.title, description: note.description, _id: newId() });
  }
  return notes;
};

/**
 * The chat after a PUT, as the sandbox understands the upsert: fields present replace, tags are a set, attributes
 * merge by key, and a note identical to one the chat has is not added again. Pure: `existing` is not modified.
 *
 * @example
 * const chat = applyLead(undefined, { uuid, botId: 'b', customerId: 'c', name: 'Ada' }, { now: new Date(), newId });
 */
export const applyLead = (existing: Chat | undefined, lead: UpstreamLead, context: ApplyLeadContext): Chat => {
  const at = context.now.toISOString();
  const chat: Chat = existing
    ? structuredClone(existing)
    : { _id: context.newId(), uuid: lead.uuid, createdAt: at, isOnline: false, status: 'OPEN' };
  const profile = (chat.profile ??= {});
  const details = (profile.userDetails ??= {});
  const contact = (details.contact ??= {});

  if (lead.name !== undefined) details.name = lead.name;
  if (lead.email !== undefined) contact.email = lead.email;
  if (lead.phone !== undefined) contact.phone = { ...contact.phone, number: lead.phone };
  // The API stores the calling code without its "+".
  if (lead.dialCode !== undefined) contact.phone = { ...contact.phone, prefix: lead.dialCode.replace(/^\+/, '') };
  if (lead.picture !== undefined) details.picture = lead.picture;
  if (lead.status !== undefined) chat.status = lead.status;
  if (lead.agentId !== undefined) chat._agentAssigned = lead.agentId;
  details.tags = mergeTags(details.tags ?? [], lead.tags ?? []);
  details.attributes = mergeAttributes(details.attributes ?? [], lead.attributes ?? []);
  profile.notes = mergeNotes(profile.notes ?? [], lead.notes ?? [], context.newId);
  chat.updatedAt = at;
  return chat;
};
