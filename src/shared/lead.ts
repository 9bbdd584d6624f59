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
 * What a browser may send to the relay. `botId` and `customerId` are required; every other field is optional.
 * A lead without `uuid` is *unattached*: the visitor never opened the chat, so the widget made no visitor id yet,
 * and the relay holds the lead (or mints a uuid, or drops it, as configured) instead of sending it upstream.
 * It has no `status`, `agentId` or `picture`: a visitor must never be able to close or reassign a chat.
 *
 * @example
 * const lead: LeadInput = { uuid, botId: 'b', customerId: 'c', email: 'ada@example.com' };
 * const unattached: LeadInput = { botId: 'b', customerId: 'c', email: 'ada@example.com' };
 */
export interface LeadInput {
  /** The widget's visitor id, which names the chat; absent until the visitor opens the chat. */
  uuid?: string;
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

/**
 * The body of `PUT /inbox/direct/lead`. `agentId`, `status` and `picture` are set by servers, never by visitors.
 * `uuid` is required: nothing goes upstream without the chat it belongs to.
 */
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
