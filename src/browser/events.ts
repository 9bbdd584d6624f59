/** The companion's lifecycle events: bubbling `CustomEvent`s on the form, or on `document` for API captures. */
export const EVENTS = {
  /**
   * A submission became a lead. Cancelable: `preventDefault()` drops it. `detail.snapshot` is what will be sent
   * (editable); values set on `detail.lead` (`name`, `email`, `phone`, `notes`, `tags`, `attributes`…) win on the relay.
   */
  capture: 'flowmatix:capture',
  /**
   * A lead waits: `detail.reason` is `uuid-pending`, `unattached` (the relay holds it until the visitor UUID
   * appears), `offline` or `retrying`.
   */
  queued: 'flowmatix:queued',
  /**
   * The relay accepted a lead: `detail.requestId`, `detail.dropped`, `detail.attached` (false when it went without
   * the visitor UUID; then `detail.held` says whether the relay kept it).
   */
  sent: 'flowmatix:sent',
  /** A lead will not be sent: rejected, expired or evicted. `detail.code`, `detail.issues`. */
  failed: 'flowmatix:failed',
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/**
 * Dispatches a bubbling event on `target`, or on `document` once `target` has left the page (where no listener of
 * the page would hear it), and answers whether it was not cancelled.
 */
export const emit = (target: EventTarget, type: EventName, detail: object, cancelable = false): boolean =>
  ((target as Node).isConnected === false ? document : target).dispatchEvent(
    new CustomEvent(type, { bubbles: true, cancelable, detail }),
  );
