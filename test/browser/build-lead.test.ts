import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLead, type CapturedField, type LeadContext } from '../../src/browser/build-lead';
import { normalizeBrowserLead } from '../../src/relay/normalize-browser-lead';

const context: LeadContext = { form: 'Contact us', page: '/contact', at: '2025-05-01T10:00:00.000Z' };
const formNote = { title: 'Contact us', description: 'Submitted on /contact at 2025-05-01T10:00:00.000Z' };
const field = (label: string, value: string, role?: CapturedField['role']): CapturedField => ({ label, value, role });

describe('buildLead', () => {
  it('records the form, page and time in the first note', () => {
    expect(JSON.parse(JSON.stringify(buildLead([], context)))).toEqual({ notes: [formNote], tags: [], attributes: [] });
  });

  it('fills the lead fields from their roles; free text becomes notes', () => {
    const lead = buildLead(
      [field('Name', 'Ada Lovelace', 'name'), field('Email', 'ada@example.com', 'email'), field('Your message', 'A quote, please.\nThanks', 'note')],
      context,
    );
    expect(lead).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      notes: [formNote, { title: 'Your message', description: 'A quote, please.\nThanks' }],
    });
  });

  it('cuts card numbers out of every value, whatever the field, and drops a value that was only one', () => {
    const lead = buildLead(
      [
        field('Reference', '4111 1111 1111 1111'),
        field('Message', 'Charge 5555-5555-5555-4444 for the Pro plan', 'note'),
        field('Phone', '+49 1512 3456789', 'phone'),
        field('Order', '4111 1111 1111 1112'),
      ],
      context,
    );
    expect(lead.attributes).toEqual([{ key: 'Order', value: '4111 1111 1111 1112' }]);
    expect(lead.notes).toEqual([formNote, { title: 'Message', description: 'Charge  for the Pro plan' }]);
    expect(lead.phone).toBe('+49 1512 3456789');
  });

  it('joins first and last names (the relay collapses the spaces)', () => {
    const joined = buildLead([field('First', ' Ada ', 'first-name'), field('Last', 'Lovelace', 'last-name')], context);
    expect(normalizeBrowserLead({ ...joined }).name).toBe('Ada Lovelace');
    expect(buildLead([field('First', 'Ada', 'first-name')], context).name).toBe('Ada');
  });

  it('reads a lone "name" next to a first or a last name as the other half', () => {
    expect(buildLead([field('Nom', 'Curie', 'name'), field('Prénom', 'Marie', 'first-name')], context).name).toBe('Marie Curie');
    expect(buildLead([field('Nombre', 'Frida', 'name'), field('Apellidos', 'Kahlo Calderón', 'last-name')], context).name).toBe(
      'Frida Kahlo Calderón',
    );
  });

  it('keeps other fields as attributes, one key per label, and later different values of a role too', () => {
    const lead = buildLead(
      [
        field('Company', 'Analytical Engines'),
        field('Interests', 'Bread'),
        field('Interests', 'Cake'),
        field('Email', 'ada@example.com', 'email'),
        field('Confirm email', 'ada@example.com', 'email'),
        field('Work email', 'ada@engines.example', 'email'),
      ],
      context,
    );
    expect(lead.email).toBe('ada@example.com');
    expect(lead.attributes).toEqual([
      { key: 'Company', value: 'Analytical Engines' },
      { key: 'Interests', value: 'Bread, Cake' },
      { key: 'Work email', value: 'ada@engines.example' },
    ]);
  });

  it('adds tags from the page and from tag fields', () => {
    expect(buildLead([field('t', 'a, b', 'tags')], { ...context, tags: ['web'] }).tags).toEqual(['web', 'a', ' b']);
  });

  it('carries consent', () => {
    const consent = { text: 'You may contact me', at: context.at };
    expect(buildLead([], { ...context, consent }).consent).toBe(consent);
  });

  describe('phone', () => {
    // The companion sends the phone as typed and the dial code as the page offers it; the relay splits the phone.
    const phone = (fields: CapturedField[], defaultDialCode?: string) => {
      const draft = buildLead(fields, { ...context, defaultDialCode });
      const { phone, dialCode, notes } = normalizeBrowserLead({ ...draft }) as typeof draft;
      return { sent: [draft.phone, draft.dialCode], phone, dialCode, flagged: notes![0]!.description.includes('not verified') };
    };

    it('takes the dial code from a dial-code field first', () => {
      expect(phone([field('Country', 'India (+91)', 'dial-code'), field('Phone', '98765 43210', 'phone')], '+44')).toEqual({
        sent: ['98765 43210', 'India (+91)'],
        phone: '9876543210',
        dialCode: '+91',
        flagged: false,
      });
    });

    it('else from a + or 00 prefix, by longest calling code', () => {
      expect(phone([field('Phone', '+351 912 345 678', 'phone')], '+44')).toEqual({
        sent: ['+351 912 345 678', '+44'],
        phone: '912345678',
        dialCode: '+351',
        flagged: false,
      });
      expect(phone([field('Phone', '0049 30 1234567', 'phone')])).toMatchObject({ phone: '301234567', dialCode: '+49', flagged: false });
    });

    it('else from data-default-dial-code, dropping the trunk prefix', () => {
      expect(phone([field('Phone', '020 7946 0958', 'phone')], '+44')).toEqual({
        sent: ['020 7946 0958', '+44'],
        phone: '2079460958',
        dialCode: '+44',
        flagged: false,
      });
    });

    it('sends a number without any dial code as digits', () => {
      expect(phone([field('Phone', '(555) 123-4567', 'phone')])).toEqual({
        sent: ['(555) 123-4567', undefined],
        phone: '5551234567',
        dialCode: undefined,
        flagged: false,
      });
    });

    it('joins a phone typed into several boxes', () => {
      const fields = [field('Country', '1', 'dial-code'), field('Area', '415', 'phone'), field('Prefix', '555', 'phone'), field('Line', '0132', 'phone')];
      expect(phone(fields)).toMatchObject({ sent: ['4155550132', '1'], phone: '4155550132', dialCode: '+1' });
    });

    it('still sends a phone that does not parse, as digits, and flags it in the note', () => {
      expect(phone([field('Phone', 'call 12 after 5', 'phone')])).toMatchObject({ phone: '125', dialCode: undefined, flagged: true });
      const { notes } = normalizeBrowserLead({ ...buildLead([field('Phone', 'ext. 12', 'phone')], context) }) as { notes: { description: string }[] };
      expect(notes[0]!.description).toBe(`${formNote.description}\nPhone number not verified, as typed: ext. 12`);
    });

    it('keeps a dial-code field it cannot read as an attribute', () => {
      const draft = buildLead([field('Country', 'IN', 'dial-code'), field('Phone', '9876543210', 'phone')], context);
      expect([draft.phone, draft.dialCode]).toEqual(['9876543210', 'IN']);
      expect(normalizeBrowserLead({ ...draft }).attributes).toEqual([{ key: 'Dial code', value: 'IN' }]);
    });

    it('sends no dial code without a phone', () => {
      expect(buildLead([field('Country', '+91', 'dial-code')], { ...context, defaultDialCode: '+44' })).not.toHaveProperty('dialCode');
    });

    it('never throws and always gives digits, a known dial code, or a flag', () => {
      fc.assert(
        fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), fc.option(fc.constantFrom('+1', '+44', '+91', 'x'), { nil: undefined }), (typed, dial, fallback) => {
          const fields = [field('Phone', typed, 'phone'), ...(dial === undefined ? [] : [field('Code', dial, 'dial-code')])];
          const lead = normalizeBrowserLead({ ...buildLead(fields, { ...context, defaultDialCode: fallback }) });
          if (lead.phone !== undefined) expect(lead.phone).toMatch(/^\d{0,20}$/);
          if (lead.dialCode !== undefined) expect(lead.dialCode).toMatch(/^\+\d{1,4}$/);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
