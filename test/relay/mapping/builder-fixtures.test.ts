import { describe, expect, it } from 'vitest';
import { mapSnapshot } from '../../../src/relay/mapping/map-snapshot';
import { snapshotFromFixture } from './snapshot-from-html';

// Each fixture is the markup a form builder emits, with only `data-flowmatix` added to the form. A visitor types
// into it; the companion sends its controls as a snapshot, and the relay maps it. The lead carries the phone as
// typed and the dial code as the page offers it (`sent`), for the relay's phone step to read.
interface Case {
  file: string;
  /** The script tag's data-default-dial-code on that site. */
  dialCode?: string;
  /** What the visitor types or picks, by selector. */
  type: Record<string, string | boolean>;
  sent: { phone: string; dialCode?: string };
  /** What the mapped lead must hold besides (partial: notes and attributes where listed). */
  expected: object;
}

const CASES: Case[] = [
  {
    file: 'contact-form-7.html',
    type: {
      '[name=your-name]': 'Ada Lovelace',
      '[name=your-email]': 'ada@example.com',
      '[name=tel-123]': '+44 20 7946 0958',
      '[name=your-subject]': 'Catering',
      '[name=your-message]': 'Lunch for 40 on Friday?',
    },
    sent: { phone: '+44 20 7946 0958' },
    expected: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      attributes: [{ key: 'Subject', value: 'Catering' }],
      notes: [
        { title: 'Contact form', description: 'Submitted on / at 2025-05-01T10:00:00.000Z' },
        { title: 'Your message', description: 'Lunch for 40 on Friday?' },
      ],
    },
  },
  {
    file: 'wpforms.html',
    dialCode: '+1',
    type: {
      '[name="wpforms[fields][0][first]"]': 'Grace',
      '[name="wpforms[fields][0][last]"]': 'Hopper',
      '[name="wpforms[fields][1]"]': 'grace@example.com',
      '[name="wpforms[fields][3]"]': '(555) 010-0199',
      '[name="wpforms[fields][2]"]': 'Do you deliver?',
      '#wpforms-123-field_4_2': true,
    },
    sent: { phone: '(555) 010-0199', dialCode: '+1' },
    expected: {
      name: 'Grace Hopper',
      email: 'grace@example.com',
      attributes: [{ key: 'How did you hear about us?', value: 'A friend' }],
    },
  },
  {
    file: 'gravity-forms.html',
    dialCode: '+33',
    type: {
      '#input_1_1_3': 'Marie',
      '#input_1_1_6': 'Curie',
      '#input_1_2': 'marie@example.fr',
      '#input_1_3': '06 12 34 56 78',
      '#input_1_4': 'Wedding cake',
      '#input_1_5': 'For 120 guests',
    },
    sent: { phone: '06 12 34 56 78', dialCode: '+33' },
    expected: {
      name: 'Marie Curie',
      email: 'marie@example.fr',
      attributes: [{ key: 'Service', value: 'Wedding cake' }],
    },
  },
  {
    file: 'elementor.html',
    type: {
      '#form-field-name': 'Ada Lovelace',
      '#form-field-email': 'ada@example.com',
      '#form-field-field_a1b2c3d': '+919876543210',
      '#form-field-message': 'Call me back',
    },
    sent: { phone: '+919876543210' },
    expected: { name: 'Ada Lovelace', email: 'ada@example.com' },
  },
  {
    file: 'ninja-forms.html',
    type: {
      '#nf-field-5': 'Katherine',
      '#nf-field-6': 'Johnson',
      '#nf-field-7': 'kj@example.com',
      '#nf-field-8': '+1 415 555 0132',
      '#nf-field-9': 'Orbital math',
    },
    sent: { phone: '+1 415 555 0132' },
    expected: { name: 'Katherine Johnson', email: 'kj@example.com' },
  },
  {
    file: 'shopify.html',
    dialCode: '+61',
    type: {
      '#ContactForm-name': 'Ada Lovelace',
      '#ContactForm-email': 'ada@example.com',
      '#ContactForm-phone': '0412-345-678',
      '#ContactForm-body': 'Is the rye vegan?',
    },
    sent: { phone: '0412-345-678', dialCode: '+61' },
    expected: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      notes: [
        { title: 'ContactForm', description: 'Submitted on / at 2025-05-01T10:00:00.000Z' },
        { title: 'Comment', description: 'Is the rye vegan?' },
      ],
    },
  },
  {
    file: 'webflow.html',
    type: {
      '#name': 'Ada Lovelace',
      '#email': 'ada@example.com',
      '#Phone': '+49 30 1234567',
      '#Company': 'Engines Ltd',
      '#Message': 'Hi',
    },
    sent: { phone: '+49 30 1234567' },
    expected: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      attributes: [{ key: 'Company', value: 'Engines Ltd' }],
      notes: [{ title: 'Email Form' }, { title: 'Message', description: 'Hi' }],
    },
  },
  {
    file: 'squarespace.html',
    type: {
      '[name=fname]': 'Ada',
      '[name=lname]': 'Lovelace',
      '[name=email]': 'ada@example.com',
      '[data-title=Country]': '1',
      '[data-title=Areacode]': '415',
      '[data-title=Prefix]': '555',
      '[data-title=Line]': '0132',
      textarea: 'Gluten-free options?',
    },
    sent: { phone: '4155550132', dialCode: '1' },
    expected: { name: 'Ada Lovelace', email: 'ada@example.com' },
  },
  {
    file: 'hubspot.html',
    type: {
      '[name=firstname]': 'Ada',
      '[name=lastname]': 'Lovelace',
      '[name=email]': 'ada@example.com',
      'select.hs-input': 'IN',
      '[name=phone]': '98765 43210',
      '[name=company]': 'Engines Ltd',
    },
    sent: { phone: '98765 43210', dialCode: 'India (+91)' },
    expected: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      attributes: [{ key: 'Company name', value: 'Engines Ltd' }],
    },
  },
  {
    file: 'bootstrap.html',
    type: {
      '#firstName': 'Ada',
      '#lastName': 'Lovelace',
      '#email': 'ada@example.com',
      '#countryCode': '+49',
      '#phone': '030 1234567',
      '#budget': '€1,000 – €5,000',
      '#newsletter': true,
    },
    sent: { phone: '030 1234567', dialCode: '+49' },
    expected: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      attributes: [
        { key: 'Budget', value: '€1,000 – €5,000' },
        { key: 'Send me your newsletter', value: 'yes' },
      ],
    },
  },
  {
    file: 'react.html',
    type: {
      '[id=":r0:"]': 'Ada Lovelace',
      '[id=":r1:"]': 'ada@engines.example',
      'select[aria-label="Country code"]': '+44',
      '[id=":r2:"]': '07700 900123',
      '[id=":r3:"]': '11-50',
      '[id=":r4:"]': 'A demo, please',
    },
    sent: { phone: '07700 900123', dialCode: '+44' },
    expected: {
      name: 'Ada Lovelace',
      email: 'ada@engines.example',
      attributes: [{ key: 'Team size', value: '11–50' }],
      notes: [{ title: 'Website form' }, { title: 'How can we help?', description: 'A demo, please' }],
    },
  },
];

describe('form builder fixtures, mapped on the relay', () => {
  it.each(CASES)(
    '$file: name, email, phone and dial code come out right',
    ({ file, dialCode, type, sent, expected }) => {
      const { lead } = mapSnapshot(snapshotFromFixture(file, { type, ...(dialCode ? { dialCode } : {}) }));
      expect({ phone: lead.phone, dialCode: lead.dialCode }).toEqual({ dialCode: undefined, ...sent });
      expect(lead).toMatchObject(expected);
    },
  );

  it("keeps builders' honeypots, hidden fields and anti-spam tokens out of the lead, even when a sender sends them", () => {
    const leads = CASES.map(({ file, type }) => {
      const snapshot = snapshotFromFixture(file, { type, hidden: true });
      const { lead, fields } = mapSnapshot(snapshot);
      expect(fields.filter((field) => field.dropped == 'hidden').length, file).toBe(
        snapshot.controls.filter((c) => c.type == 'hidden').length,
      );
      return lead;
    });
    const sent = JSON.stringify(leads);
    for (const internal of [
      '_wpcf7',
      'wpforms[id]',
      'gform_submit',
      'state_1',
      'post_id',
      'form_type',
      'hs_context',
      'nf-field-hp',
      'utf8',
    ]) {
      expect(sent).not.toContain(internal);
    }
  });
});
