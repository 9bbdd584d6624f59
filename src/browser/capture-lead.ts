import type { LeadSnapshot } from '../shared/lead-snapshot';
import { EVENTS, emit } from './events';
import { fitSnapshot } from './fit-snapshot';

/** Where captured leads go. */
export interface CaptureHooks {
  /** Hands a snapshot to delivery; `target` gets its lifecycle events. Must write the outbox before returning. */
  deliver: (snapshot: LeadSnapshot, target: EventTarget, confirmEvent?: string) => string | void;
  /** `data-default-dial-code`: the relay's region for phones typed without a dial code. */
  defaultDialCode?: string;
  /** Debug output. */
  log?: (...args: unknown[]) => void;
}

/** What a capture read; the page (unless given), the default dial code and the version are added here. */
export type CaptureContext = Omit<LeadSnapshot, 'v' | 'page' | 'dialCode'> & { page?: string };

/** The detail of `flowmatix:capture`: the snapshot to send, and lead values the page sets itself. */
export interface CaptureDetail {
  snapshot: LeadSnapshot;
  lead: NonNullable<LeadSnapshot['lead']>;
}

/**
 * Announces a snapshot of this page with a cancelable `flowmatix:capture` on `target` (on `document` once `target`
 * has left the page), whose listeners may edit `detail.snapshot` or set values on `detail.lead`, which win on the
 * relay; then fits it to the relay's body cap (`fitSnapshot`) and delivers it. Answers delivery's idempotency key,
 * or `undefined` when a listener cancelled the lead.
 *
 * @example
 * captureLead({ form: 'Contact', at: new Date().toISOString(), controls }, form, hooks);
 */
export const captureLead = (
  context: CaptureContext,
  target: EventTarget,
  { deliver, defaultDialCode, log = () => {} }: CaptureHooks,
  confirmEvent?: string,
): string | undefined => {
  const detail: CaptureDetail = {
    snapshot: { v: 2, page: location.pathname, dialCode: defaultDialCode, ...context },
    lead: {},
  };
  if (!emit(target, EVENTS.capture, detail, true)) return void log('cancelled', target);
  const snapshot = fitSnapshot({ ...detail.snapshot });
  if (Object.keys(detail.lead)[0]) snapshot.lead = detail.lead;
  log('captured', snapshot);
  return deliver(snapshot, target, confirmEvent) || undefined;
};
