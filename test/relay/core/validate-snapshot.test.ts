import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_LIMITS, validateSnapshot } from '../../../src/relay/core/validate-snapshot';
import { anyText } from '../../shared/arbitraries';

const AT = '2024-05-01T10:00:00.000Z';
const snapshot = (fields: Record<string, unknown> = {}) => ({
  v: 2,
  form: 'Contact',
  page: '/contact',
  at: AT,
  controls: [{ name: 'email', type: 'email', value: 'ada@example.com' }],
  ...fields,
});

const issuesOf = (value: unknown) => {
  const result = validateSnapshot(value);
  if (result.ok) throw new Error('expected a refusal');
  return result.issues;
};

describe('validateSnapshot', () => {
  it('passes a well-formed snapshot, every documented property kept and unknown keys stripped', () => {
    const sent = snapshot({
      botId: 'b1',
      customerId: 'c1',
      uuid: 'u',
      idempotencyKey: 'k-1',
      lang: 'hu-HU',
      dialCode: '+36',
      tags: ['web'],
      consent: { text: 'I agree', at: AT },
      controls: [
        {
          value: 'India',
          option: '+91',
          name: 'cc',
          id: 'cc',
          type: 'select-one',
          autocomplete: 'tel-country-code',
          label: 'Country',
          legend: 'Phone',
          placeholder: 'Pick',
          field: 'dial-code',
          picture: 'https://x.example/p.png',
        },
      ],
      lead: {
        name: 'Ada',
        email: 'ada@example.com',
        phone: '1',
        dialCode: '+1',
        notes: [{ title: 'T', description: 'D' }],
        tags: ['t'],
        attributes: [{ key: 'K', value: 'V' }],
        status: 'CLOSED',
      },
    });
    const result = validateSnapshot(sent);
    expect(result).toEqual({
      ok: true,
      dropped: [],
      snapshot: {
        v: 2,
        form: 'Contact',
        page: '/contact',
        at: AT,
        lang: 'hu-HU',
        dialCode: '+36',
        tags: ['web'],
        consent: { text: 'I agree', at: AT },
        controls: [
          {
            value: 'India',
            option: '+91',
            name: 'cc',
            id: 'cc',
            type: 'select-one',
            autocomplete: 'tel-country-code',
            label: 'Country',
            legend: 'Phone',
            placeholder: 'Pick',
            field: 'dial-code',
          },
        ],
        lead: {
          name: 'Ada',
          email: 'ada@example.com',
          phone: '1',
          dialCode: '+1',
          notes: [{ title: 'T', description: 'D' }],
          tags: ['t'],
          attributes: [{ key: 'K', value: 'V' }],
        },
      },
    });
  });

  it('reads a control sent without a value as one left empty', () => {
    const result = validateSnapshot(snapshot({ controls: [{ name: 'phone' }] }));
    expect(result.ok && result.snapshot.controls).toEqual([{ name: 'phone', value: '' }]);
  });

  it('refuses controls of the wrong type with the path of each', () => {
    expect(issuesOf(snapshot({ controls: [{ value: 'ok' }, { value: 'ok' }, { value: 'ok' }, { value: 5 }] }))).toEqual(
      [{ path: ['controls', 3, 'value'], message: 'must be text' }],
    );
    expect(issuesOf(snapshot({ controls: [{ value: 'a', label: null }, 'text'] }))).toEqual([
      { path: ['controls', 0, 'label'], message: 'must be text' },
      { path: ['controls', 1], message: 'must be an object' },
    ]);
    expect(issuesOf(snapshot({ controls: { 0: { value: 'a' } } }))).toEqual([
      { path: ['controls'], message: 'must be a list' },
    ]);
  });

  it('names every required property that is missing', () => {
    expect(issuesOf({ v: 2 })).toEqual([
      { path: ['form'], message: 'is required' },
      { path: ['page'], message: 'is required' },
      { path: ['at'], message: 'is required' },
      { path: ['controls'], message: 'is required' },
    ]);
  });

  it('refuses a malformed lead set by the page, naming the element', () => {
    expect(
      issuesOf(snapshot({ lead: { notes: [{ title: 'T', description: 'D' }, { title: 'T' }], email: 5 } })),
    ).toEqual([
      { path: ['lead', 'email'], message: 'must be text' },
      { path: ['lead', 'notes', 1, 'description'], message: 'is required' },
    ]);
    expect(issuesOf(snapshot({ tags: 'a,b', consent: { text: 'ok' } }))).toEqual([
      { path: ['tags'], message: 'must be a list' },
      { path: ['consent', 'at'], message: 'is required' },
    ]);
  });

  it('refuses anything but an object', () => {
    for (const value of [null, 2, 'v2', [snapshot()]]) {
      expect(issuesOf(value)).toEqual([{ path: [], message: 'must be a JSON object' }]);
    }
  });

  it('names twenty issues at most, and counts the rest', () => {
    const controls = Array.from({ length: 30 }, () => ({ value: 1 }));
    const issues = issuesOf(snapshot({ controls }));
    expect(issues).toHaveLength(SNAPSHOT_LIMITS.issues + 1);
    expect(issues[0]).toEqual({ path: ['controls', 0, 'value'], message: 'must be text' });
    expect(issues.at(-1)).toEqual({ path: [], message: 'and 10 more issues like these' });
  });

  it('cuts long strings rather than refusing them, never between the halves of a surrogate pair', () => {
    const value = `${'a'.repeat(SNAPSHOT_LIMITS.value - 1)}😀tail`;
    const label = 'L'.repeat(SNAPSHOT_LIMITS.text + 50);
    const result = validateSnapshot(snapshot({ controls: [{ value, label }] }));
    if (!result.ok) throw new Error('expected a snapshot');
    const [control] = result.snapshot.controls;
    expect(control?.value).toBe('a'.repeat(SNAPSHOT_LIMITS.value - 1));
    expect(control?.label).toBe('L'.repeat(SNAPSHOT_LIMITS.text));
  });

  it('reads the first 100 controls and keeps the rest as one dropped range, before reading any element', () => {
    const controls = Array.from({ length: 150 }, (_, index) => ({ name: `q${index}`, value: `answer ${index}` }));
    // Past the cut, elements are not read: a malformed one there refuses nothing.
    controls[120] = { value: 5 } as never;
    const result = validateSnapshot(snapshot({ controls }));
    if (!result.ok) throw new Error('expected a snapshot');
    expect(result.snapshot.controls).toHaveLength(SNAPSHOT_LIMITS.controls);
    expect(result.snapshot.controls.at(-1)).toEqual({ name: 'q99', value: 'answer 99' });
    expect(result.dropped).toEqual([
      {
        name: 'controls[100..149]',
        raw: controls.slice(100, 110),
        reason: 'are past the first 100 controls the relay reads (50 entries)',
      },
    ]);
  });

  it('bounds the lists of the lead a page set, at twice the lead limits', () => {
    const notes = Array.from({ length: 45 }, (_, index) => ({ title: `N${index}`, description: '' }));
    const tags = Array.from({ length: 61 }, (_, index) => `t${index}`);
    const result = validateSnapshot(snapshot({ tags, lead: { notes, tags } }));
    if (!result.ok) throw new Error('expected a snapshot');
    expect(result.snapshot.lead?.notes).toHaveLength(40);
    expect(result.snapshot.tags).toHaveLength(60);
    expect(result.dropped.map((field) => field.name)).toEqual([
      'tags[60..60]',
      'lead.notes[40..44]',
      'lead.tags[60..60]',
    ]);
  });

  it('leaves the body it was given unchanged', () => {
    const sent = snapshot({ controls: Array.from({ length: 120 }, () => ({ value: 'x' })) });
    const copy = structuredClone(sent);
    validateSnapshot(sent);
    expect(sent).toEqual(copy);
  });

  it('never throws, whatever JSON it is given, and answers issues with paths or a snapshot', () => {
    const control = fc.oneof(
      fc.record(
        { value: anyText({ maxLength: 20 }), name: anyText({ maxLength: 8 }), type: fc.string() },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record(
        {
          v: fc.oneof(fc.constant(2), fc.jsonValue({ maxDepth: 1 })),
          form: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
          page: fc.string(),
          at: fc.string(),
          controls: fc.oneof(fc.array(control, { maxLength: 120 }), fc.jsonValue({ maxDepth: 2 })),
          lead: fc.jsonValue({ maxDepth: 3 }),
          tags: fc.oneof(fc.array(fc.string()), fc.jsonValue({ maxDepth: 2 })),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(body, (value) => {
        const result = validateSnapshot(value);
        if (result.ok) {
          expect(result.snapshot.v).toBe(2);
          expect(result.snapshot.controls.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.controls);
          for (const control of result.snapshot.controls) expect(typeof control.value).toBe('string');
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
          expect(result.issues.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.issues + 1);
          for (const issue of result.issues) expect(typeof issue.message).toBe('string');
        }
      }),
      { numRuns: 500 },
    );
  });
});
