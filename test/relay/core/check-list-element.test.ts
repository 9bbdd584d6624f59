import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkListElement, type LeadListName } from '../../../src/relay/core/check-list-element';
import { leadFieldSchemas } from '../../../src/shared/lead-schema';
import { normalizeText } from '../../../src/shared/normalize-text';
import { anyText } from '../../shared/arbitraries';

const text = fc.oneof(
  anyText({ maxLength: 12 }),
  anyText().map((value) => normalizeText(value)),
  fc.constant(''),
);
const value = fc.oneof(text, fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(text, { maxLength: 2 }));
const record = (a: string, b: string) =>
  fc.record({ [a]: value, [b]: value, extra: value }, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;

const elements: Record<LeadListName, fc.Arbitrary<unknown>> = {
  notes: fc.oneof(record('title', 'description'), value),
  attributes: fc.oneof(record('key', 'value'), value),
  tags: value,
};

describe('checkListElement', () => {
  for (const name of ['notes', 'tags', 'attributes'] as const) {
    it(`keeps and refuses the ${name} the schema keeps and refuses, with the same output`, () => {
      fc.assert(
        fc.property(elements[name], (item) => {
          const parsed = leadFieldSchemas[name].element.safeParse(item);
          const checked = checkListElement(name, item);
          expect(checked.ok).toBe(parsed.success);
          if (checked.ok && parsed.success) expect(checked.value).toEqual(parsed.data);
        }),
        { numRuns: 2_000 },
      );
    });
  }

  it('says what a list element of the wrong type should have been', () => {
    expect(checkListElement('notes', 0)).toEqual({
      ok: false,
      reason: 'must be an object with a title and a description',
    });
    expect(checkListElement('attributes', { key: 'plan', value: 3 })).toEqual({
      ok: false,
      reason: 'its value must be text',
    });
    expect(checkListElement('tags', ['vip'])).toEqual({ ok: false, reason: 'must be text' });
  });
});
