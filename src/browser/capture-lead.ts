import { buildLead, type CapturedField, type LeadContext } from './build-lead';
import { EVENTS, emit } from './events';
import type { LeadDraft } from './lead-draft';
import { limitLead } from './limit-lead';

/** Where captured leads go, and what completes them. */
export interface CaptureHooks {
  /** Hands a lead to delivery; `target` gets its lifecycle events. Must write the outbox before returning. */
  deliver: (draft: LeadDraft, target: EventTarget, confirmEvent?: string) => string | void;
  /** The identity known now; delivery completes what is still missing. */
  identity: () => Pick<LeadDraft, 'uuid' | 'botId' | 'customerId'>;
  /** `data-default-dial-code`: sent with a phone when no dial-code field has one. */
  defaultDialCode?: string;
  /** Debug output. */
  log?: (...args: unknown[]) => void;
}

/** What a capture knows besides its fields; the default dial code, and the page unless given, are added here. */
export type CaptureContext = Omit<LeadContext, 'page' | 'defaultDialCode'> & { page?: string };

/**
 * Builds a lead from captured fields on this page, announces it with a cancelable `flowmatix:capture` on `target`
 * (on `document` once `target` has left the page; listeners may edit `detail.lead`), and delivers it. Answers
 * delivery's idempotency key, or `undefined` when a listener cancelled the lead.
 *
 * @example
 * captureLead(fields, { form: 'Contact', at: new Date().toISOString() }, form, hooks);
 */
export const captureLead = (
  fields: CapturedField[],
  context: CaptureContext,
  target: EventTarget,
  { deliver, identity, defaultDialCode, log = () => {} }: CaptureHooks,
  confirmEvent?: string,
): string | undefined => {
  const detail = { lead: { ...identity(), ...buildLead(fields, { page: location.pathname, ...context, defaultDialCode }) } };
  if (!emit(target, EVENTS.capture, detail, true)) return void log('cancelled', target);
  const draft = limitLead(detail.lead);
  log('captured', draft);
  return deliver(draft, target, confirmEvent) || undefined;
};
