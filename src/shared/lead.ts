/** A note on a chat, as the Flowmatix API takes it. */
export interface LeadNote {
  title: string;
  description: string;
}

/** A custom attribute on a chat: both sides are strings. */
export interface LeadAttribute {
  key: string;
  value: string;
}

/** Proof that a visitor ticked a consent box: the box's label and when it was ticked (ISO 8601). */
export interface LeadConsent {
  text: string;
  at: string;
}

/**
 * What a browser may send to the relay. Identity is required; every other field is optional.
 * It has no `status`, `agentId` or `picture`: a visitor must never be able to close or reassign a chat.
 *
 * @example
 * const lead: LeadInput = { uuid, botId: 'b', customerId: 'c', email: 'ada@example.com' };
 */
export interface LeadInput {
  uuid: string;
  botId: string;
  customerId: string;
  name?: string;
  email?: string;
  phone?: string;
  dialCode?: string;
  notes?: LeadNote[];
  tags?: string[];
  attributes?: LeadAttribute[];
  consent?: LeadConsent;
}

/** The chat statuses the API accepts, spelled as it spells them. */
export const CHAT_STATUSES = ['OPEN', 'INPROGRESS', 'REVIEW', 'ONHOLD', 'DEPENDANCY', 'CLOSED'] as const;

export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** The body of `PUT /inbox/direct/lead`. `agentId`, `status` and `picture` are set by servers, never by visitors. */
export interface UpstreamLead {
  uuid: string;
  botId: string;
  customerId: string;
  agentId?: string;
  name?: string;
  email?: string;
  phone?: string;
  dialCode?: string;
  notes?: LeadNote[];
  status?: ChatStatus;
  picture?: string;
  tags?: string[];
  attributes?: LeadAttribute[];
}
