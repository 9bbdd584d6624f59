import type { LeadSnapshot } from '../shared/lead-snapshot';

/**
 * The most a snapshot may weigh as JSON, in bytes: the relay refuses bodies over 16 KiB by default, and delivery
 * adds the identity and the idempotency key to it.
 */
export const MAX_SNAPSHOT_BYTES = 15 * 1024;

/** The name of the control that says values were cut; the relay turns it into a line of the lead's first note. */
export const CUT_MARKER = 'flowmatix-cut';

// Room for the marker itself: `,{"name":"flowmatix-cut","value":"99 value(s) cut to fit"}`.
const MARKER_BYTES = 64;

/**
 * Fits a snapshot to the relay's body cap: while its JSON weighs more than `MAX_SNAPSHOT_BYTES`, the longest
 * control value is cut, and a last control `{ name: 'flowmatix-cut', value: '2 value(s) cut to fit' }` says how
 * many were, so that a pasted novel shortens the message instead of losing the whole lead to a 413. Changes the
 * snapshot in place and answers it.
 *
 * @example
 * fitSnapshot(snapshot).controls.at(-1); // { name: 'flowmatix-cut', value: '1 value(s) cut to fit' } after a 40 KB message
 */
export const fitSnapshot = (snapshot: LeadSnapshot): LeadSnapshot => {
  const { controls } = snapshot;
  // A UTF-16 unit is at most 3 bytes: most snapshots are counted without encoding them (a Blob would cost the
  // submit a millisecond in Chromium).
  const excess = (json = JSON.stringify(snapshot)) =>
    (json.length * 3 > MAX_SNAPSHOT_BYTES ? new TextEncoder().encode(json).length : json.length) - MAX_SNAPSHOT_BYTES;
  let cut = 0;
  if (excess() > 0) {
    for (let over; (over = excess() + MARKER_BYTES) > 0; cut++) {
      const longest = controls.reduce((a, b) => (b.value.length > a.value.length ? b : a), { value: '' });
      if (!longest.value) break;
      // Each character cut takes at least one byte with it: one cut fits, or empties this value and goes on.
      longest.value = longest.value.slice(0, Math.max(0, longest.value.length - over));
    }
    controls.push({ name: CUT_MARKER, value: `${cut} value(s) cut to fit` });
  }
  return snapshot;
};
