import { LEAD_LIMITS as L } from '../../shared/lead-limits';
import { leadFieldSchemas } from '../../shared/lead-schema';
import { normalizeText } from '../../shared/normalize-text';

/** The lists of a lead, checked element by element. */
export type LeadListName = 'notes' | 'tags' | 'attributes';

export type ElementCheck = { ok: true; value: unknown } | { ok: false; reason: string };

/** One text property of a list element, as the element's schema bounds it. */
interface TextRule {
  name: string;
  max: number;
  multiline: boolean;
  allowEmpty: boolean;
}

const OBJECT_RULES: Record<'notes' | 'attributes', readonly [TextRule, TextRule]> = {
  notes: [
    { name: 'title', max: L.noteTitle, multiline: false, allowEmpty: false },
    { name: 'description', max: L.noteDescription, multiline: true, allowEmpty: true },
  ],
  attributes: [
    { name: 'key', max: L.attributeKey, multiline: false, allowEmpty: false },
    { name: 'value', max: L.attributeValue, multiline: true, allowEmpty: true },
  ],
};
const TAG: TextRule = { name: 'tag', max: L.tag, multiline: false, allowEmpty: false };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Text the schema keeps as it is: normalized already (normalizing it changes nothing), within its length, and not
// empty where it is required. Normalizing text that is already normal is a single scan for most of it.
const isStored = (value: string, rule: TextRule): boolean =>
  value.length <= rule.max && (rule.allowEmpty || value !== '') && normalizeText(value, rule.multiline) === value;

const schemaCheck = (name: LeadListName, item: unknown): ElementCheck => {
  const result = leadFieldSchemas[name].element.safeParse(item);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reason: result.error.issues[0]?.message ?? 'is invalid' };
};

/**
 * Checks one element of `notes`, `tags` or `attributes` as the lead schema does, at a fraction of its cost: an
 * element whose texts are already as the schema stores them (as `normalizeBrowserLead` leaves them) is kept without
 * parsing, and one of the wrong type is refused with a reason that says what was expected. Anything else is parsed
 * with the element's schema, which stays the reference: property tests hold both answers to be the same.
 *
 * @example
 * checkListElement('notes', { title: 'Message', description: 'Hello' }); // { ok: true, value: { title, description } }
 * checkListElement('tags', 5); // { ok: false, reason: 'must be text' }
 */
export const checkListElement = (name: LeadListName, item: unknown): ElementCheck => {
  if (name === 'tags') {
    if (typeof item !== 'string') return { ok: false, reason: 'must be text' };
    return isStored(item, TAG) ? { ok: true, value: item } : schemaCheck(name, item);
  }
  const [first, second] = OBJECT_RULES[name];
  if (!isRecord(item)) return { ok: false, reason: `must be an object with a ${first.name} and a ${second.name}` };
  const a = item[first.name];
  const b = item[second.name];
  if (typeof a !== 'string') return { ok: false, reason: `its ${first.name} must be text` };
  if (typeof b !== 'string') return { ok: false, reason: `its ${second.name} must be text` };
  if (isStored(a, first) && isStored(b, second)) return { ok: true, value: { [first.name]: a, [second.name]: b } };
  return schemaCheck(name, item);
};
