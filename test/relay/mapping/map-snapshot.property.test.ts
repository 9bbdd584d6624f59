import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeadSnapshot, SnapshotControl } from '../../../src/shared/lead-snapshot';
import { mapSnapshot } from '../../../src/relay/mapping/map-snapshot';
import { anyText } from '../../shared/arbitraries';

const text = anyText({ maxLength: 40 });
// Realistic values mixed with anything: the properties must hold for both.
const oneOf = (...values: string[]) => fc.oneof(fc.constantFrom(...values), text);
const ROLE_NAMES = [
  'name',
  'first-name',
  'last-name',
  'email',
  'phone',
  'dial-code',
  'note',
  'tags',
  'attribute:Plan',
  'attribute:',
  'company',
];

const control: fc.Arbitrary<SnapshotControl> = fc.record(
  {
    value: oneOf('Ada', 'ada@example.com', '+44 20 7946 0958', '415', 'India (+91)', 'on', 'a, b', ''),
    option: oneOf('', '+91', 'IN', 'a,,b'),
    name: oneOf('email', 'first_name', 'lastName', 'phone', 'i[]', 'flowmatix-cut', 'Telefon', 'имя', '姓名'),
    id: text,
    type: oneOf(
      'text',
      'email',
      'tel',
      'textarea',
      'select-one',
      'select-multiple',
      'checkbox',
      'radio',
      'hidden',
      'number',
      'url',
    ),
    autocomplete: oneOf('given-name', 'family-name', 'tel-area-code', 'organization', 'off', 'email'),
    label: oneOf('Name', 'Nom', 'Prénom', 'Country code', 'Message', 'Company', 'الاسم', 'नाम'),
    legend: oneOf('Phone', 'Interests', ''),
    placeholder: text,
    field: oneOf(...ROLE_NAMES),
  },
  { requiredKeys: ['value'] },
);

const note = fc.record({ title: text, description: text });
const attribute = fc.record({ key: text, value: text });

const snapshot: fc.Arbitrary<LeadSnapshot> = fc.record(
  {
    v: fc.constant(2 as const),
    botId: text,
    customerId: text,
    uuid: text,
    form: text,
    page: text,
    at: text,
    lang: oneOf('hu-HU', 'pt-BR', 'ja', 'de', 'zh-Hans-CN'),
    dialCode: oneOf('+44', '+1', 'India (+91)'),
    tags: fc.array(text, { maxLength: 5 }),
    consent: fc.record({ text, at: text }),
    controls: fc.array(control, { maxLength: 30 }),
    lead: fc.record(
      {
        name: text,
        email: text,
        phone: text,
        dialCode: text,
        notes: fc.array(note, { maxLength: 3 }),
        tags: fc.array(text, { maxLength: 3 }),
        attributes: fc.array(attribute, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['v', 'form', 'page', 'at', 'controls'] },
);

const MAPS = new Set(['name', 'first-name', 'last-name', 'email', 'phone', 'dial-code', 'note', 'tags', 'attribute']);
const DROPPED = new Set([undefined, 'empty', 'hidden', 'duplicate', 'overridden']);

// Every string a lead holds, to find where a value went.
const strings = (value: unknown): string[] =>
  typeof value == 'string' ? [value] : value && typeof value == 'object' ? Object.values(value).flatMap(strings) : [];

describe('mapSnapshot, for any snapshot', () => {
  it('maps without throwing, one entry per control, every string a string', () => {
    fc.assert(
      fc.property(snapshot, (input) => {
        const { lead, fields } = mapSnapshot(input);
        expect(fields).toHaveLength(input.controls.length);
        for (const field of fields) {
          expect(MAPS.has(field.maps)).toBe(true);
          expect(DROPPED.has(field.dropped)).toBe(true);
          expect(typeof field.label).toBe('string');
          if (!field.dropped) expect(field.value).not.toBe('');
        }
        expect(Array.isArray(lead.notes) && Array.isArray(lead.tags) && Array.isArray(lead.attributes)).toBe(true);
        for (const key of ['name', 'email', 'phone', 'dialCode', 'region'] as const) {
          if (key in lead) expect(typeof lead[key] == 'string' && lead[key] !== '').toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is a pure function: the same snapshot maps to the same result, and is not changed', () => {
    fc.assert(
      fc.property(snapshot, (input) => {
        const before = structuredClone(input);
        const first = mapSnapshot(input);
        expect(input).toEqual(before);
        // What the relay does with a mapping afterwards cannot reach the snapshot or the next mapping.
        if (first.lead.notes[0]) first.lead.notes[0].description += 'x';
        first.lead.attributes.push({ key: 'k', value: 'v' });
        first.lead.tags.push('t');
        if (first.lead.consent) first.lead.consent.text += 'x';
        expect(input).toEqual(before);
        expect(mapSnapshot(input)).toEqual(mapSnapshot(structuredClone(before)));
      }),
      { numRuns: 500 },
    );
  });

  it('loses no value it maps: each one not dropped is somewhere in the lead (a dial code needs a phone)', () => {
    fc.assert(
      fc.property(snapshot, (input) => {
        const { lead, fields } = mapSnapshot(input);
        const held = strings(lead);
        for (const field of fields) {
          if (field.dropped || field.maps == 'dial-code') continue;
          const parts =
            field.maps == 'tags'
              ? field.value
                  .split(',')
                  .map((part) => part.trim())
                  .filter(Boolean)
              : [field.value];
          for (const part of parts) expect([field, held.some((value) => value.includes(part))]).toEqual([field, true]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
