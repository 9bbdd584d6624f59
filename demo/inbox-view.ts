import type { LeadAttribute, LeadNote } from '../src/shared/lead';

/** Where the demo relays leads: the in-process sandbox (no token), or the real Flowmatix API. */
export type DemoMode = 'sandbox' | 'api';

/** One lead as the demo's inbox panel shows it: the listing endpoint's chat, flattened. */
export interface InboxLead {
  uuid: string;
  name?: string;
  email?: string;
  phone?: string;
  tags: string[];
  notes: LeadNote[];
  attributes: LeadAttribute[];
  createdAt?: string;
  updatedAt?: string;
}

/**
 * One lead the relay holds without a chat UUID (the visitor had not opened the chat), as the panel's "Held" group
 * shows it. `attached` is set once the same lead came back with a UUID and went to that chat.
 */
export interface HeldInboxLead {
  /** The idempotency key the companion sent: what `flowmatix-leads held attach --key` takes. */
  key: string;
  name?: string;
  email?: string;
  phone?: string;
  /** ISO time the relay received it. */
  receivedAt: string;
  attached?: { uuid: string; at: string };
}

/** The answer of the dev-only `GET /__flowmatix/inbox` route. It never carries the token. */
export interface InboxView {
  mode: DemoMode;
  /** Human-readable upstream: "in-process sandbox" or the API URL. */
  upstream: string;
  botId: string;
  customerId: string;
  leads: InboxLead[];
  /** Set when the upstream listing failed (the route still answers 200); `leads` is then empty. */
  error?: string;
  /** Leads the relay holds without a chat UUID, most recently received first (attached ones included). */
  held: HeldInboxLead[];
  /** Where the relay keeps them, for the panel to say: e.g. ".flowmatix-leads/ (file)" or "memory". */
  heldStore: string;
  /** Set when the held-lead store could not be read; `held` is then empty. */
  heldError?: string;
}

/** The dev-only route the inbox panel polls. */
export const INBOX_PATH = '/__flowmatix/inbox';
