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
}

/** The dev-only route the inbox panel polls. */
export const INBOX_PATH = '/__flowmatix/inbox';
