import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeBrowserLead } from '../../../src/relay/core/normalize-browser-lead';
import { LEAD_LIMITS } from '../../../src/shared/lead-limits';
import { leadFieldSchemas } from '../../../src/shared/lead-schema';
import { anyText, dialCodeLike, phoneLike } from '../../shared/arbitraries';

const IDENTITY = { uuid: '0f8fad5b-d9cb-469f-a165-70867728950e', botId: 'b1', customerId: 'c1' };
const FORM_NOTE = { title: 'Contact us', description: 'Submitted on /contact at 2025-05-01T10:00:00.000Z' };

/** What the relay makes of a companion's phone and dial code: the phone fields, and whether the note flags it. */
const phoneOf = (phone: string, dialCode?: string, region?: string) => {
  const body = { ...IDENTITY, notes: [FORM_NOTE], phone, ...(dialCode !== undefined && { dialCode }), region };
  const lead = normalizeBrowserLead(body);
  const notes = lead.notes as { description: string }[];
  return { phone: lead.phone, dialCode: lead.dialCode, flagged: notes[0]!.description.includes('not verified') };
};

describe('normalizeBrowserLead: phone', () => {
  it('takes the dial code from what the page offered: a dial-code field, its option text, or the default', () => {
    expect(phoneOf('98765 43210', 'India (+91)')).toEqual({ phone: '9876543210', dialCode: '+91', flagged: false });
    expect(phoneOf('098765 43210', 'India (+91)')).toEqual({ phone: '9876543210', dialCode: '+91', flagged: false });
    expect(phoneOf('98765 43210', 'IN')).toEqual({ phone: '9876543210', dialCode: '+91', flagged: false });
    expect(phoneOf('(415) 555-0199', '1')).toEqual({ phone: '4155550199', dialCode: '+1', flagged: false });
    expect(phoneOf('07911 123456', '0044')).toEqual({ phone: '7911123456', dialCode: '+44', flagged: false });
  });

  it('takes the region, from the page language, last, and never sends it on', () => {
    expect(phoneOf('06 30 123 4567', undefined, 'HU')).toEqual({ phone: '301234567', dialCode: '+36', flagged: false });
    expect(phoneOf('06 30 123 4567', '+36', 'GB')).toEqual({ phone: '301234567', dialCode: '+36', flagged: false });
    expect(phoneOf('+44 20 7946 0958', '+36', 'HU')).toEqual({ phone: '2079460958', dialCode: '+44', flagged: false });
    expect(phoneOf('030 1234567', 'Other', 'DE')).toEqual({ phone: '301234567', dialCode: '+49', flagged: false });
    for (const region of ['HU', 42, null, { country: 'HU' }]) {
      expect(normalizeBrowserLead({ ...IDENTITY, region })).toEqual(IDENTITY);
      expect(normalizeBrowserLead({ ...IDENTITY, phone: '+36 30 123 4567', region })).toEqual({
        ...IDENTITY,
        phone: '301234567',
        dialCode: '+36',
      });
    }
  });

  it('lets a + or 00 prefix typed in the number win, by longest calling code', () => {
    expect(phoneOf('+351 912 345 678', '+44')).toEqual({ phone: '912345678', dialCode: '+351', flagged: false });
    expect(phoneOf('0049 30 1234567')).toEqual({ phone: '301234567', dialCode: '+49', flagged: false });
    expect(phoneOf('+44 20 7946 0958')).toEqual({ phone: '2079460958', dialCode: '+44', flagged: false });
  });

  it("drops the national trunk prefix under a default dial code as the country's plan says", () => {
    expect(phoneOf('020 7946 0958', '+44')).toEqual({ phone: '2079460958', dialCode: '+44', flagged: false });
    expect(phoneOf('0412-345-678', '+61')).toEqual({ phone: '412345678', dialCode: '+61', flagged: false });
    expect(phoneOf('06 30 123 4567', '+36')).toEqual({ phone: '301234567', dialCode: '+36', flagged: false });
    expect(phoneOf('8 (912) 345-67-89', '+7')).toEqual({ phone: '9123456789', dialCode: '+7', flagged: false });
    expect(phoneOf('06 1234 5678', '+39')).toEqual({ phone: '0612345678', dialCode: '+39', flagged: false });
  });

  it('flags a number that is not one its country assigns, and still sends its digits', () => {
    expect(phoneOf('123456', '+91')).toEqual({ phone: '123456', dialCode: '+91', flagged: true });
    expect(phoneOf('+1 555 0100')).toEqual({ phone: '5550100', dialCode: '+1', flagged: true });
    expect(phoneOf('(555) 123-4567', '+1')).toEqual({ phone: '5551234567', dialCode: '+1', flagged: true });
  });

  it('sends a number without any dial code or region as digits, unflagged when it looks dialable', () => {
    expect(phoneOf('(555) 123-4567')).toEqual({ phone: '5551234567', dialCode: undefined, flagged: false });
    expect(phoneOf('555 1234 after 5')).toEqual({ phone: '55512345', dialCode: undefined, flagged: true });
  });

  it('keeps the extension typed after a valid number in the first note', () => {
    const lead = normalizeBrowserLead({
      ...IDENTITY,
      notes: [FORM_NOTE],
      phone: '020 7946 0958 ext. 12',
      dialCode: '+44',
    });
    expect(lead).toMatchObject({ phone: '2079460958', dialCode: '+44' });
    expect(lead.notes).toEqual([
      { title: FORM_NOTE.title, description: `${FORM_NOTE.description}\nPhone extension: 12` },
    ]);
  });

  it('still sends a phone that does not parse, as digits, and flags it in the first note', () => {
    expect(phoneOf('call 12 after 5')).toEqual({ phone: '125', dialCode: undefined, flagged: true });
    const notes = [FORM_NOTE, { title: 'Message', description: 'Hi' }];
    const lead = normalizeBrowserLead({ ...IDENTITY, notes, phone: 'ext. 12' });
    expect(lead.notes).toEqual([
      { title: FORM_NOTE.title, description: `${FORM_NOTE.description}\nPhone number not verified, as typed: ext. 12` },
      { title: 'Message', description: 'Hi' },
    ]);
    expect(lead.phone).toBe('12');
  });

  it('flags a phone in a note of its own when the lead has no notes', () => {
    expect(normalizeBrowserLead({ ...IDENTITY, phone: '12' }).notes).toEqual([
      { title: 'Phone number', description: 'Phone number not verified, as typed: 12' },
    ]);
  });

  it('leaves out a number with more digits than any phone has, keeping it in the note', () => {
    const typed = '+44 1234 5678 9012 3456 7890 12';
    const lead = normalizeBrowserLead({ ...IDENTITY, notes: [FORM_NOTE], phone: typed, dialCode: '+44' });
    expect(lead).not.toHaveProperty('phone');
    expect(lead).not.toHaveProperty('dialCode');
    expect((lead.notes as { description: string }[])[0]!.description).toContain(typed);
  });

  it('keeps a dial code it cannot read as the attribute "Dial code"', () => {
    const plan = { key: 'Plan', value: 'Pro' };
    const lead = normalizeBrowserLead({ ...IDENTITY, phone: '+91 98765 43210', dialCode: 'Other', attributes: [plan] });
    expect(lead).toEqual({
      ...IDENTITY,
      phone: '9876543210',
      dialCode: '+91',
      attributes: [plan, { key: 'Dial code', value: 'Other' }],
    });
    expect(normalizeBrowserLead({ ...IDENTITY, phone: '020 7946 0958', dialCode: '+999', region: 'GB' })).toEqual({
      ...IDENTITY,
      phone: '2079460958',
      dialCode: '+44',
      attributes: [{ key: 'Dial code', value: '+999' }],
    });
    expect(normalizeBrowserLead({ ...IDENTITY, dialCode: 'UK' })).toEqual({
      ...IDENTITY,
      attributes: [{ key: 'Dial code', value: 'UK' }],
    });
  });

  it('leaves out a blank phone and dial code', () => {
    expect(normalizeBrowserLead({ ...IDENTITY, phone: ' ', dialCode: '' })).toEqual(IDENTITY);
  });

  it('normalizes a dial code sent without a phone, and reads phones sent as JSON numbers', () => {
    expect(normalizeBrowserLead({ ...IDENTITY, dialCode: '0091' })).toEqual({ ...IDENTITY, dialCode: '+91' });
    expect(normalizeBrowserLead({ ...IDENTITY, phone: 9876543210, dialCode: 91 })).toEqual({
      ...IDENTITY,
      phone: '9876543210',
      dialCode: '+91',
    });
  });

  it('leaves a lead the companion already normalized as it is, so older companions keep working', () => {
    const attributes = [{ key: 'Plan', value: 'Pro' }];
    const lead = { ...IDENTITY, phone: '2079460958', dialCode: '+44', notes: [FORM_NOTE], tags: ['web'], attributes };
    expect(normalizeBrowserLead(lead)).toEqual(lead);
    const india = { ...IDENTITY, phone: '9876543210', dialCode: '+91' };
    expect(normalizeBrowserLead(india)).toEqual(india);
    expect(normalizeBrowserLead({ ...IDENTITY, phone: '09876543210' })).toEqual({ ...IDENTITY, phone: '09876543210' });
  });

  const phoneOrText = fc.oneof(phoneLike, anyText({ maxLength: 40 }));

  it('gives a phone and dial code the schema accepts, or none, whatever was typed', () => {
    const accepted = (schema: { safeParse: (value: unknown) => { success: boolean } }, value: unknown) =>
      value === undefined || schema.safeParse(value).success;
    fc.assert(
      fc.property(
        phoneOrText,
        fc.option(dialCodeLike, { nil: undefined }),
        fc.jsonValue(),
        (phone, dialCode, region) => {
          const lead = normalizeBrowserLead({ ...IDENTITY, phone, dialCode, region });
          expect(accepted(leadFieldSchemas.phone, lead.phone)).toBe(true);
          expect(accepted(leadFieldSchemas.dialCode, lead.dialCode)).toBe(true);
          expect(lead).not.toHaveProperty('region');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeBrowserLead: limits', () => {
  it('cuts text to the relay limits rather than letting the field be dropped', () => {
    const lead = normalizeBrowserLead({
      name: 'n'.repeat(500),
      notes: [{ title: 't'.repeat(300), description: 'd'.repeat(6000) }],
      attributes: [{ key: 'k'.repeat(200), value: 'v'.repeat(2000) }],
      consent: { text: 'c'.repeat(2000), at: '2025-05-01T10:00:00.000Z' },
    }) as {
      name: string;
      notes: { title: string; description: string }[];
      attributes: { key: string; value: string }[];
      consent: { text: string };
    };
    expect(lead.name).toHaveLength(LEAD_LIMITS.name);
    expect(lead.notes[0]!.title).toHaveLength(LEAD_LIMITS.noteTitle);
    expect(lead.notes[0]!.description).toHaveLength(LEAD_LIMITS.noteDescription);
    expect(lead.attributes[0]!.key).toHaveLength(LEAD_LIMITS.attributeKey);
    expect(lead.attributes[0]!.value).toHaveLength(LEAD_LIMITS.attributeValue);
    expect(lead.consent.text).toHaveLength(LEAD_LIMITS.consentText);
  });

  it('never cuts an email: a cut address is a wrong one', () => {
    const email = `${'e'.repeat(300)}@x.co`;
    expect(normalizeBrowserLead({ email: ` ${email} ` }).email).toBe(email);
  });

  it('keeps every entry of the lists for the validation to name what lies past their limits; tags lose blanks and duplicates', () => {
    const lead = normalizeBrowserLead({
      notes: Array.from({ length: 30 }, (_, i) => ({ title: `t${i}`, description: '' })),
      attributes: Array.from({ length: 70 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
      tags: ['a', ' a ', '', 'b'.repeat(150), ...Array.from({ length: 40 }, (_, i) => `t${i}`)],
    }) as { notes: unknown[]; attributes: unknown[]; tags: string[] };
    expect(lead.notes).toHaveLength(30);
    expect(lead.notes[0]).toEqual({ title: 't0', description: '' });
    expect(lead.attributes).toHaveLength(70);
    expect(lead.tags).toHaveLength(42);
    expect(lead.tags.slice(0, 3)).toEqual(['a', 'b'.repeat(LEAD_LIMITS.tag), 't0']);
  });

  it('never splits a surrogate pair, removes control characters and keeps line breaks where text may have them', () => {
    const notes = [{ title: 'x\u0007', description: 'line 1\r\nline 2\u0000' }];
    const lead = normalizeBrowserLead({ name: `${'a'.repeat(199)}😀`, notes });
    expect(lead.name).toBe('a'.repeat(199));
    expect(lead.notes).toEqual([{ title: 'x', description: 'line 1\nline 2' }]);
  });

  it('leaves every other key, and values of the wrong type, for the schema to judge', () => {
    const junk = { name: 42, notes: 'hi', tags: 'vip', attributes: [7], consent: null };
    const body = { ...IDENTITY, idempotencyKey: 'k-1', status: 'CLOSED', ...junk };
    expect(normalizeBrowserLead(body)).toEqual(body);
  });

  it('answers anything but an object as it is, and never changes its input', () => {
    for (const body of [null, 'lead', 42, [IDENTITY]]) expect(normalizeBrowserLead(body as never)).toBe(body);
    const notes = [{ title: 'A', description: 'B' }];
    const body = { ...IDENTITY, name: ` ${'n'.repeat(300)}`, phone: '+44 20 7946 0958', notes };
    const copy = structuredClone(body);
    normalizeBrowserLead(body);
    expect(body).toEqual(copy);
  });

  const json = fc.jsonValue({ maxDepth: 4 });
  const text = fc.oneof(anyText({ maxLength: 300 }), fc.string({ maxLength: 6000 }));
  const leadLike = fc.record(
    {
      name: fc.oneof(text, json),
      email: fc.oneof(text, json),
      phone: fc.oneof(phoneLike, json),
      dialCode: fc.oneof(dialCodeLike, json),
      notes: fc.oneof(fc.array(fc.oneof(fc.record({ title: text, description: text }), json), { maxLength: 25 }), json),
      tags: fc.oneof(fc.array(fc.oneof(text, json), { maxLength: 40 }), json),
      attributes: fc.oneof(fc.array(fc.oneof(fc.record({ key: text, value: text }), json), { maxLength: 60 }), json),
      consent: fc.oneof(fc.record({ text, at: fc.constant('2025-05-01T10:00:00.000Z') }), json),
    },
    { requiredKeys: [] },
  );

  it('never throws on any JSON, and fits every text it cleans within the limits', () => {
    fc.assert(
      fc.property(fc.oneof(json, leadLike), (body) => {
        const lead = normalizeBrowserLead(body as Record<string, unknown>);
        if (typeof lead !== 'object' || lead === null || Array.isArray(lead)) return;
        const within = (value: unknown, max: number) => typeof value !== 'string' || value.length <= max;
        expect(within(lead.name, LEAD_LIMITS.name)).toBe(true);
        const { notes, tags, attributes } = LEAD_LIMITS;
        for (const [name, max] of Object.entries({ notes, tags, attributes })) {
          const list = lead[name];
          if (Array.isArray(list)) expect(list.length).toBeLessThanOrEqual(max);
        }
        for (const note of Array.isArray(lead.notes) ? lead.notes : []) {
          if (!note || typeof note !== 'object') continue;
          expect(within(note.title, LEAD_LIMITS.noteTitle)).toBe(true);
          expect(within(note.description, LEAD_LIMITS.noteDescription)).toBe(true);
        }
        for (const tag of Array.isArray(lead.tags) ? lead.tags : []) {
          expect(within(tag, LEAD_LIMITS.tag) && tag !== '').toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeBrowserLead: format characters', () => {
  it('removes bidi controls and zero-width characters from names and single-line fields, and from descriptions', () => {
    const rlo = '\u202e';
    const lead = normalizeBrowserLead({
      ...IDENTITY,
      name: `\u200bAda ${rlo}Love\u00adlace\u2066`,
      email: `ada\u200b@exa\u200emple.com\ufeff`,
      phone: `+44\u200f 20 7946 0958`,
      dialCode: `\u202a+44`,
      tags: [`v\u200bip${rlo}`],
      notes: [{ title: `Con${rlo}tact`, description: `line\u200b 1\n${rlo}line 2` }],
      attributes: [{ key: `Com\u2060pany`, value: `Analytical\u200d\n Engines${rlo}` }],
    });
    expect(lead).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '2079460958',
      dialCode: '+44',
      tags: ['vip'],
      notes: [{ title: 'Contact', description: 'line 1\nline 2' }],
      attributes: [{ key: 'Company', value: 'Analytical\n Engines' }],
    });
    for (const name of ['name', 'email'] as const)
      expect(leadFieldSchemas[name].safeParse(lead[name]).success).toBe(true);
  });
});
