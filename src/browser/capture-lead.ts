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
  /** Debug output. */
  log?: (...args: unknown[]) => void;
}

/**
 * Builds a lead from captured fields, announces it with a cancelable `flowmatix:capture` on `target` (listeners may
 * edit `detail.lead`), fits it to the relay's limits and delivers it. Answers delivery's idempotency key, or
 * `undefined` when a listener cancelled the lead.
 *
 * @example
 * captureLead(fields, { form: 'Contact', page: location.pathname, at: new Date().toISOString() }, form, hooks);
 */
export const captureLead = (
  fields: CapturedField[],
  context: LeadContext,
  target: EventTarget,
  { deliver, identity, log = () => {} }: CaptureHooks,
  confirmEvent?: string,
): string | undefined => {
  const detail = { lead: { ...identity(), ...buildLead(fields, context) } };
  if (!emit(target, EVENTS.capture, detail, true)) return void log('cancelled by a listener', target);
  const draft = limitLead(detail.lead);
  log('captured', draft);
  return deliver(draft, target, confirmEvent) || undefined;
};
