import type { LeadAttribute } from './lead';

/** The two lists the API keeps: chats with any contact detail (`lead`) and the rest (`non-lead`). */
export const CHAT_TYPES = ['lead', 'non-lead'] as const;

export type ChatType = (typeof CHAT_TYPES)[number];

/** A phone as the API stores it: `prefix` is the calling code without `+` (`"91"`). */
export interface ChatPhone {
  number?: string;
  prefix?: string;
}

export interface ChatContact {
  email?: string;
  phone?: ChatPhone;
}

export interface ChatNote {
  title: string;
  description: string;
  _id?: string;
}

export interface ChatUserDetails {
  name?: string;
  picture?: string;
  city?: string;
  country?: string;
  gender?: string;
  tags?: string[];
  attributes?: LeadAttribute[];
  contact?: ChatContact;
}

export interface ChatProfile {
  notes?: ChatNote[];
  userDetails?: ChatUserDetails;
}

export interface ChatLastMessage {
  at?: string;
  by?: string;
  text?: string;
}

/**
 * A chat as `GET /inbox/direct/chats` lists it. Only `uuid` is certain; every other field is optional because the
 * API documents a sample, not a schema. Fields the API adds later are kept on the object as they came.
 */
export interface Chat {
  /** 24 hex digits. */
  _id?: string;
  uuid: string;
  createdAt?: string;
  updatedAt?: string;
  isOnline?: boolean;
  lastSeenAt?: string;
  websiteVisits?: number;
  /** One of `CHAT_STATUSES` in practice; kept as a string so a new status does not break listing. */
  status?: string;
  /** The assigned agent's id. */
  _agentAssigned?: string;
  lastMessage?: ChatLastMessage;
  profile?: ChatProfile;
}
