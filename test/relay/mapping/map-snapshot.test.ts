import { describe, expect, it } from 'vitest';
import type { LeadSnapshot, SnapshotControl } from '../../../src/shared/lead-snapshot';
import { mapSnapshot } from '../../../src/relay/mapping/map-snapshot';

const AT = '2025-05-01T10:00:00.000Z';
const formNote = { title: 'Contact us', description: `Submitted on /contact at ${AT}` };
const snapshot = (controls: SnapshotControl[], more: Partial<LeadSnapshot> = {}): LeadSnapshot => ({
  v: 2,
  form: 'Contact us',
  page: '/contact',
  at: AT,
  controls,
  ...more,
});
const fieldsOf = (controls: SnapshotControl[]) => mapSnapshot(snapshot(controls)).fields;
const leadOf = (controls: SnapshotControl[], more?: Partial<LeadSnapshot>) =>
  mapSnapshot(snapshot(controls, more)).lead;
// A control captured with a label and a role, as the browser's fields were: explicit mapping says the role.
const field = (label: string, value: string, role?: string): SnapshotControl =>
  role ? { label, value, field: role } : { label, value, type: 'url' };

describe('mapSnapshot: reading controls', () => {
  it('maps controls by detection and reads their values', () => {
    expect(
      fieldsOf([
        { label: 'Your name', name: 'your-name', type: 'text', value: ' Ada ' },
        { name: 'your-email', type: 'email', placeholder: 'Email', value: 'ada@example.com' },
        { id: 'm', label: 'Message', type: 'textarea', value: 'Hello' },
      ]),
    ).toEqual([
      { label: 'Your name', value: 'Ada', maps: 'name' },
      { label: 'Email', value: 'ada@example.com', maps: 'email' },
      { label: 'Message', value: 'Hello', maps: 'note' },
    ]);
  });

  it('cleans labels of required marks and trailing colons', () => {
    expect(
      fieldsOf([
        { label: 'Email  *', type: 'email', value: 'a@b.co' },
        { label: 'Phone (required):', value: '1' },
      ]).map((f) => f.label),
    ).toEqual(['Email', 'Phone']);
  });

  it('names a control by its label, else placeholder, name, id or position', () => {
    expect(
      fieldsOf([
        { value: 'a', label: 'L', placeholder: 'P', name: 'n' },
        { value: 'b', placeholder: 'P', name: 'n' },
        { value: 'c', id: 'i' },
        { value: 'd' },
      ]).map((f) => f.label),
    ).toEqual(['L', 'P', 'i', 'Field 4']);
  });

  it('lets field win over detection, including attribute:KEY and hidden controls', () => {
    expect(
      fieldsOf([
        { name: 'email', field: 'phone', value: '0123' },
        { name: 'plan', field: 'attribute:Plan chosen', value: 'Pro' },
        { type: 'hidden', name: 'campaign', field: 'tags', value: 'spring' },
        { name: 'x', field: 'attribute:', value: 'y' },
        { name: 'email', type: 'email', field: 'unknown-role', value: 'a@b.co' },
      ]),
    ).toEqual([
      { label: 'email', value: '0123', maps: 'phone' },
      { label: 'Plan chosen', value: 'Pro', maps: 'attribute' },
      { label: 'campaign', value: 'spring', maps: 'tags' },
      { label: 'x', value: 'y', maps: 'attribute' },
      { label: 'email', value: 'a@b.co', maps: 'attribute' },
    ]);
  });

  it('drops hidden controls nobody mapped and empty ones, and says why', () => {
    const mapping = mapSnapshot(
      snapshot([
        { type: 'hidden', name: 'source', value: 'ad' },
        { name: 'email', type: 'email', value: '  ' },
      ]),
    );
    expect(mapping.fields).toEqual([
      { label: 'source', value: 'ad', maps: 'attribute', dropped: 'hidden' },
      { label: 'email', value: '', maps: 'email', dropped: 'empty' },
    ]);
    expect(mapping.lead).toEqual({ notes: [formNote], tags: [], attributes: [] });
  });

  it('reads checkboxes, radios, selects and multi-selects as people see them (only checked boxes are sent)', () => {
    const mapping = mapSnapshot(
      snapshot([
        { type: 'checkbox', name: 'newsletter', label: 'Send me the newsletter', value: 'on' },
        { type: 'checkbox', name: 'size', label: 'Large box', value: 'large' },
        { type: 'checkbox', name: 'i[]', legend: 'Interests', label: 'Bread', value: 'bread' },
        { type: 'checkbox', name: 'i[]', legend: 'Interests', label: 'Cake', value: 'cake' },
        { type: 'checkbox', name: 'extras[]', label: 'Candles', value: 'c' },
        { type: 'checkbox', name: 'day', label: 'Mon', value: 'mon' },
        { type: 'checkbox', name: 'day', label: 'Fri', value: 'fri' },
        { type: 'radio', name: 'contact_method', label: 'Phone call', value: 'call' },
        { type: 'radio', name: 'plan', value: 'pro' },
        { type: 'select-one', name: 'budget', label: 'Budget', value: 'Please select', option: '' },
        { type: 'select-one', name: 'size', label: 'Size', value: 'Large', option: 'l' },
        { type: 'select-multiple', name: 'days', label: 'Days', value: 'Mon, Fri', option: 'Mon,Fri' },
      ]),
    );
    expect(mapping.fields).toEqual([
      { label: 'Send me the newsletter', value: 'yes', maps: 'attribute' },
      { label: 'Large box', value: 'large', maps: 'attribute' },
      { label: 'Interests', value: 'Bread', maps: 'attribute' },
      { label: 'Interests', value: 'Cake', maps: 'attribute' },
      { label: 'extras[]', value: 'Candles', maps: 'attribute' },
      { label: 'day', value: 'Mon', maps: 'attribute' },
      { label: 'day', value: 'Fri', maps: 'attribute' },
      { label: 'contact_method', value: 'Phone call', maps: 'attribute' },
      { label: 'plan', value: 'pro', maps: 'attribute' },
      { label: 'Budget', value: '', maps: 'attribute', dropped: 'empty' },
      { label: 'Size', value: 'Large', maps: 'attribute' },
      { label: 'Days', value: 'Mon, Fri', maps: 'attribute' },
    ]);
    expect(mapping.lead.attributes).toEqual([
      { key: 'Send me the newsletter', value: 'yes' },
      { key: 'Large box', value: 'large' },
      { key: 'Interests', value: 'Bread, Cake' },
      { key: 'extras[]', value: 'Candles' },
      { key: 'day', value: 'Mon, Fri' },
      { key: 'contact_method', value: 'Phone call' },
      { key: 'plan', value: 'pro' },
      { key: 'Size', value: 'Large' },
      { key: 'Days', value: 'Mon, Fri' },
    ]);
  });

  it('reads a box the same in a preview, which sends unchecked boxes empty, as in a lead, which leaves them out', () => {
    const checked = { type: 'checkbox', name: 'extras', label: 'Candles', value: 'on' };
    const preview = fieldsOf([checked, { type: 'checkbox', name: 'extras', label: 'Balloons', value: '' }]);
    expect(preview[0]).toEqual(fieldsOf([checked])[0]);
    expect(preview[0]).toEqual({ label: 'Candles', value: 'yes', maps: 'attribute' });
  });

  it('reads yes for a checked single box whose value is on, 1, true or yes', () => {
    for (const value of ['on', '1', 'true', 'YES'])
      expect(fieldsOf([{ type: 'checkbox', label: 'Call me', value }])[0]!.value).toBe('yes');
  });

  it('takes a dial code from a country-code select, by its value or its text', () => {
    expect(
      fieldsOf([{ type: 'select-one', name: 'cc', label: 'Country code', value: 'United Kingdom', option: '+44' }])[0],
    ).toEqual({
      label: 'Country code',
      value: '+44',
      maps: 'dial-code',
    });
    expect(fieldsOf([{ type: 'select-one', name: 'country', value: 'India (+91)', option: 'IN' }])[0]).toEqual({
      label: 'country',
      value: 'India (+91)',
      maps: 'dial-code',
    });
    expect(
      fieldsOf([{ type: 'select-one', name: 'country', label: 'Country', value: 'India', option: 'India' }])[0]!.maps,
    ).toBe('attribute');
  });

  it('maps the named fields capture() sends by their names', () => {
    const { lead, fields } = mapSnapshot(
      snapshot(
        [
          { name: 'firstName', value: 'Ada' },
          { name: 'lastName', value: 'Lovelace' },
          { name: 'Telefon', value: '+49 30 1234567' },
          { name: 'plan', value: 'Pro' },
          { name: 'dial_code', value: '+49' },
          { name: 'message', value: 'Hi' },
        ],
        { form: 'Pricing', tags: ['vip', 'api'] },
      ),
    );
    expect(fields.map((f) => f.maps)).toEqual(['first-name', 'last-name', 'phone', 'attribute', 'dial-code', 'note']);
    expect(lead).toMatchObject({
      name: 'Ada Lovelace',
      phone: '+49 30 1234567',
      dialCode: '+49',
      tags: ['vip', 'api'],
      attributes: [{ key: 'plan', value: 'Pro' }],
      notes: [{ title: 'Pricing' }, { title: 'message', description: 'Hi' }],
    });
  });
});

describe('mapSnapshot: building the lead', () => {
  it('records the form, page and time in the first note', () => {
    expect(leadOf([])).toEqual({ notes: [formNote], tags: [], attributes: [] });
  });

  it('fills the lead fields from their roles; free text becomes notes', () => {
    expect(
      leadOf([
        field('Name', 'Ada Lovelace', 'name'),
        field('Email', 'ada@example.com', 'email'),
        field('Your message', 'A quote, please.\nThanks', 'note'),
      ]),
    ).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      notes: [formNote, { title: 'Your message', description: 'A quote, please.\nThanks' }],
      tags: [],
      attributes: [],
    });
  });

  it('joins first and last names', () => {
    const joined = leadOf([field('First', ' Ada ', 'first-name'), field('Last', 'Lovelace', 'last-name')]);
    expect(joined.name).toBe('Ada Lovelace');
    expect(leadOf([field('First', 'Ada', 'first-name')]).name).toBe('Ada');
    expect(leadOf([field('Last', 'Lovelace', 'last-name')]).name).toBe('Lovelace');
  });

  it('reads a lone "name" next to a first or a last name as the other half', () => {
    expect(
      leadOf([
        { label: 'Nom', value: 'Curie' },
        { label: 'Prénom', value: 'Marie' },
      ]).name,
    ).toBe('Marie Curie');
    expect(leadOf([field('Nom', 'Curie', 'name'), field('Prénom', 'Marie', 'first-name')]).name).toBe('Marie Curie');
    expect(leadOf([field('Nombre', 'Frida', 'name'), field('Apellidos', 'Kahlo Calderón', 'last-name')]).name).toBe(
      'Frida Kahlo Calderón',
    );
  });

  it('takes a full name beside both halves, and says the halves were overridden', () => {
    const { lead, fields } = mapSnapshot(
      snapshot([
        field('Name', 'Ada King', 'name'),
        field('First', 'Ada', 'first-name'),
        field('Last', 'Lovelace', 'last-name'),
      ]),
    );
    expect(lead.name).toBe('Ada King');
    expect(fields.map((f) => f.dropped)).toEqual([undefined, 'overridden', 'overridden']);
  });

  it('keeps other fields as attributes, one key per label, and later different values of a role too', () => {
    const { lead, fields } = mapSnapshot(
      snapshot([
        field('Company', 'Analytical Engines'),
        field('Interests', 'Bread'),
        field('Interests', 'Cake'),
        field('Email', 'ada@example.com', 'email'),
        field('Confirm email', 'ada@example.com', 'email'),
        field('Work email', 'ada@engines.example', 'email'),
      ]),
    );
    expect(lead.email).toBe('ada@example.com');
    expect(lead.attributes).toEqual([
      { key: 'Company', value: 'Analytical Engines' },
      { key: 'Interests', value: 'Bread, Cake' },
      { key: 'Work email', value: 'ada@engines.example' },
    ]);
    expect(fields.slice(3).map(({ maps, dropped }) => [maps, dropped])).toEqual([
      ['email', undefined],
      ['email', 'duplicate'],
      ['attribute', undefined],
    ]);
  });

  it('adds tags from the page and from tag fields, split at commas', () => {
    expect(leadOf([field('t', 'a, b,,', 'tags')], { tags: ['web'] }).tags).toEqual(['web', 'a', 'b']);
  });

  it('carries consent', () => {
    const consent = { text: 'You may contact me', at: AT };
    expect(leadOf([], { consent }).consent).toEqual(consent);
  });

  it("turns the companion's cut marker into a line of the first note", () => {
    const { lead, fields } = mapSnapshot(snapshot([{ name: 'flowmatix-cut', value: '2 values cut to fit' }]));
    expect(lead.notes).toEqual([{ title: 'Contact us', description: `${formNote.description}\n2 values cut to fit` }]);
    expect(lead.attributes).toEqual([]);
    expect(fields).toEqual([{ label: 'flowmatix-cut', value: '2 values cut to fit', maps: 'note' }]);
  });

  describe('phone', () => {
    // The phone goes as typed and the dial code as the page offers it; the relay's phone step reads them.
    const sent = (controls: SnapshotControl[], dialCode?: string) => {
      const { phone, dialCode: dial } = leadOf(controls, dialCode ? { dialCode } : {});
      return [phone, dial];
    };

    it("takes the dial code from a dial-code field first, else the snapshot's default", () => {
      expect(
        sent([field('Country', 'India (+91)', 'dial-code'), field('Phone', '98765 43210', 'phone')], '+44'),
      ).toEqual(['98765 43210', 'India (+91)']);
      expect(sent([field('Phone', '020 7946 0958', 'phone')], '+44')).toEqual(['020 7946 0958', '+44']);
      expect(sent([field('Phone', '(555) 123-4567', 'phone')])).toEqual(['(555) 123-4567', undefined]);
    });

    it('joins a phone typed into several boxes', () => {
      expect(
        sent([
          field('Country', '1', 'dial-code'),
          field('Area', '415', 'phone'),
          field('Prefix', '555', 'phone'),
          field('Line', '0132', 'phone'),
        ]),
      ).toEqual(['4155550132', '1']);
    });

    it('sends no dial code without a phone', () => {
      expect(leadOf([field('Country', '+91', 'dial-code')], { dialCode: '+44' })).not.toHaveProperty('dialCode');
    });

    it("gives the region of the page's language for the phone step", () => {
      expect(leadOf([], { lang: 'hu-HU' }).region).toBe('HU');
      expect(leadOf([], { lang: 'de' })).not.toHaveProperty('region');
    });
  });

  describe('values the page set (flowmatix:capture)', () => {
    it('win over the controls of their role, which are marked overridden', () => {
      const { lead, fields } = mapSnapshot(
        snapshot(
          [
            { name: 'first_name', value: 'Ada' },
            { name: 'last_name', value: 'Lovelace' },
            { name: 'email', type: 'email', value: 'ada@example.com' },
            { name: 'phone', type: 'tel', value: '020 7946 0958' },
            { name: 'message', type: 'textarea', value: 'Hi' },
          ],
          { lead: { name: 'Countess of Lovelace', email: 'ada@engines.example' } },
        ),
      );
      expect(lead).toEqual({
        name: 'Countess of Lovelace',
        email: 'ada@engines.example',
        phone: '020 7946 0958',
        notes: [formNote, { title: 'message', description: 'Hi' }],
        tags: [],
        attributes: [],
      });
      expect(fields.map((f) => f.dropped)).toEqual(['overridden', 'overridden', 'overridden', undefined, undefined]);
    });

    it('use notes, tags and attributes as given', () => {
      const given = {
        notes: [{ title: 'Own', description: 'Set by the page' }],
        tags: ['own'],
        attributes: [{ key: 'Plan', value: 'Pro' }],
      };
      const { lead, fields } = mapSnapshot(
        snapshot(
          [
            { name: 'message', type: 'textarea', value: 'Hi' },
            { name: 'tags', field: 'tags', value: 'x' },
            { name: 'budget', value: '5k' },
          ],
          {
            tags: ['web'],
            lead: given,
          },
        ),
      );
      expect(lead).toEqual({ ...given, notes: given.notes, tags: ['own'], attributes: given.attributes });
      expect(fields.map((f) => f.dropped)).toEqual(['overridden', 'overridden', 'overridden']);
    });

    it('set the phone and dial code, a phone taking the dial-code control when the page set none', () => {
      expect(
        leadOf([{ name: 'cc', label: 'Country code', value: '+36' }], { lead: { phone: '06 30 123 4567' } }),
      ).toMatchObject({
        phone: '06 30 123 4567',
        dialCode: '+36',
      });
      expect(
        leadOf([{ name: 'phone', type: 'tel', value: '0612345678' }], { dialCode: '+44', lead: { dialCode: '+33' } }),
      ).toMatchObject({
        phone: '0612345678',
        dialCode: '+33',
      });
    });

    it('clear a part of the lead with an empty string', () => {
      expect(
        leadOf([{ name: 'email', type: 'email', value: 'ada@example.com' }], { lead: { email: '' } }),
      ).not.toHaveProperty('email');
    });
  });
});
