import type { LeadSnapshot } from '../shared/lead-snapshot';
import { isSensitiveField } from './is-sensitive-field';
import { splitTags } from './split-tags';
import { stripCardNumbers } from './strip-card-numbers';

/** What `FlowmatixLeads.capture()` takes: field names (any naming style, any language the relay reads) and values. */
export type CaptureFields = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/**
 * Turns the fields of an API capture into snapshot controls named by their keys (`{ name, value }`; the relay maps
 * them as it maps form controls), lists joined with ', '. `tags` takes a list or a comma-separated string. Sensitive
 * names (password, card number…) are dropped, card numbers cut out of values, empty values skipped. Throws a
 * `TypeError` when `fields` is no object.
 *
 * @example
 * readCaptureFields({ email: 'ada@example.com', plan: 'Pro', tags: ['vip'] });
 * // { controls: [{ name: 'email', value: 'ada@example.com' }, { name: 'plan', value: 'Pro' }], tags: ['vip'] }
 */
export const readCaptureFields = (fields: CaptureFields): Pick<LeadSnapshot, 'controls' | 'tags'> => {
  if (!(fields instanceof Object)) throw new TypeError('[flowmatix-leads] capture(fields) takes an object');
  const snapshot: Pick<LeadSnapshot, 'controls' | 'tags'> = { controls: [] };
  for (const [name, given] of Object.entries(fields)) {
    const value = stripCardNumbers([given ?? ''].flat().join(', ')).trim();
    if (name == 'tags') snapshot.tags = splitTags(value);
    else if (value && !isSensitiveField(name)) snapshot.controls.push({ name, value });
  }
  return snapshot;
};
