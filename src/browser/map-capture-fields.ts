import type { CapturedField } from './build-lead';
import { detectField } from './detect-field';
import { isSensitiveField } from './is-sensitive-field';

/** What `FlowmatixLeads.capture()` takes: field names (any naming style, any language we read) and values. */
export type CaptureFields = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/**
 * Maps the fields of an API capture by their names, the way form controls are mapped: `email`, `firstName`,
 * `Telefon`, `dial_code`, `message`… Names that say nothing become attributes; `tags` takes a list or a
 * comma-separated string; sensitive names (password, card number…) are dropped, empty values skipped.
 *
 * @example
 * mapCaptureFields({ name: 'Ada', plan: 'Pro' }); // [{ label: 'name', value: 'Ada', role: 'name' }, { label: 'plan', value: 'Pro' }]
 */
export const mapCaptureFields = (fields: CaptureFields): CapturedField[] => {
  if (!(fields instanceof Object)) throw new TypeError('[flowmatix-leads] capture(fields) takes an object');
  return Object.entries(fields)
    .map(([label, value]): CapturedField => ({ label, value: String(value ?? '').trim(), role: label == 'tags' ? 'tags' : detectField(label) }))
    .filter(({ label, value }) => value && !isSensitiveField(label));
};
