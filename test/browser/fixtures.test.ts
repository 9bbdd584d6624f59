import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindForms } from '../../src/browser/bind-forms';
import { mapSnapshot } from '../../src/relay/mapping';
import type { LeadSnapshot } from '../../src/shared/lead-snapshot';

// Each fixture is the markup a form builder emits, with only `data-flowmatix` added to the form. A visitor types
// into it and submits the way the builder's own button does; the lead must carry name, email, phone and dial code.
// The companion sends a snapshot of the controls; the relay maps it (`mapSnapshot`) to the lead (`expected`), with
// the phone as typed and the dial code as the page offers it (`sent`), for its phone step to read.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures');

interface Case {
  file: string;
  /** The script tag's data-default-dial-code on that site. */
  defaultDialCode?: string;
  /** What the visitor types or picks, by selector. */
  type: Record<string, string | boolean>;
  /** How the builder submits: its submit button, or (Ninja Forms) a plain button its script listens to. */
  button: string;
  /** Whether the builder's script posts with fetch (preventDefault) rather than letting the browser navigate. */
  ajax: boolean;
  /** The phone and the dial code (or its source) as the relay's mapping reads them from the snapshot. */
  sent: { phone: string; dialCode?: string };
  /** What the relay's mapping makes of the rest (partial: notes and attributes where listed). */
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
    button: '[type=submit]',
    ajax: true,
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
    defaultDialCode: '+1',
    type: {
      '[name="wpforms[fields][0][first]"]': 'Grace',
      '[name="wpforms[fields][0][last]"]': 'Hopper',
      '[name="wpforms[fields][1]"]': 'grace@example.com',
      '[name="wpforms[fields][3]"]': '(555) 010-0199',
      '[name="wpforms[fields][2]"]': 'Do you deliver?',
      '#wpforms-123-field_4_2': true,
    },
    button: '[type=submit]',
    ajax: true,
    sent: { phone: '(555) 010-0199', dialCode: '+1' },
    expected: {
      name: 'Grace Hopper',
      email: 'grace@example.com',
      attributes: [{ key: 'How did you hear about us?', value: 'A friend' }],
    },
  },
  {
    file: 'gravity-forms.html',
    defaultDialCode: '+33',
    type: {
      '#input_1_1_3': 'Marie',
      '#input_1_1_6': 'Curie',
      '#input_1_2': 'marie@example.fr',
      '#input_1_3': '06 12 34 56 78',
      '#input_1_4': 'Wedding cake',
      '#input_1_5': 'For 120 guests',
    },
    button: '[type=submit]',
    ajax: true,
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
    button: '[type=submit]',
    ajax: true,
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
    button: '#nf-field-10',
    ajax: true,
    sent: { phone: '+1 415 555 0132' },
    expected: { name: 'Katherine Johnson', email: 'kj@example.com' },
  },
  {
    file: 'shopify.html',
    defaultDialCode: '+61',
    type: {
      '#ContactForm-name': 'Ada Lovelace',
      '#ContactForm-email': 'ada@example.com',
      '#ContactForm-phone': '0412-345-678',
      '#ContactForm-body': 'Is the rye vegan?',
    },
    button: '[type=submit]',
    ajax: false,
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
    button: '[type=submit]',
    ajax: true,
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
    button: '[type=submit]',
    ajax: true,
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
    button: '[type=submit]',
    ajax: true,
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
    button: '[type=submit]',
    ajax: true,
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
    button: '[type=submit]',
    ajax: true,
    sent: { phone: '07700 900123', dialCode: '+44' },
    expected: {
      name: 'Ada Lovelace',
      email: 'ada@engines.example',
      attributes: [{ key: 'Team size', value: '11–50' }],
      notes: [{ title: 'Website form' }, { title: 'How can we help?', description: 'A demo, please' }],
    },
  },
];

let delivered: LeadSnapshot[];
/** The lead the relay's mapping makes of a snapshot (the page region aside). */
const mapped = (snapshot: LeadSnapshot) => {
  const { region: _region, ...lead } = mapSnapshot(snapshot).lead;
  return lead;
};
let unbind: () => void;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeEach(() => {
  delivered = [];
  // The builders' own scripts, as far as their inline handlers reach for them.
  vi.stubGlobal('jQuery', () => [{ checkValidity: () => true }]);
  vi.stubGlobal('Y', { use: () => {} });
});

afterEach(async () => {
  await tick();
  unbind();
  history.replaceState(null, '', '/'); // a native post navigated
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('form builder fixtures', () => {
  it.each(CASES)(
    '$file: name, email, phone and dial code come out right',
    async ({ file, defaultDialCode, type, button, ajax, sent, expected }) => {
      unbind = bindForms(window, {
        deliver: (snapshot) => void delivered.push(snapshot),
        defaultDialCode,
        now: () => Date.parse('2025-05-01T10:00:00.000Z'),
      });
      document.body.innerHTML = readFileSync(resolve(FIXTURES, file), 'utf8');
      const form = document.querySelector('form')!;
      expect(form.hasAttribute('data-flowmatix')).toBe(true);
      for (const [selector, value] of Object.entries(type)) {
        const control = document.querySelector<HTMLInputElement>(selector)!;
        expect(control, selector).not.toBeNull();
        if (typeof value == 'boolean') control.checked = value;
        else control.value = value;
      }
      if (ajax) form.addEventListener('submit', (event) => event.preventDefault());
      document.querySelector<HTMLElement>(button)!.click();
      await tick();
      // The page then leaves for its thank-you page: a submission that waits for the builder's answer counts.
      dispatchEvent(new Event('pagehide'));
      expect(delivered).toHaveLength(1);
      const lead = mapped(delivered[0]!);
      expect({ phone: lead.phone, dialCode: lead.dialCode }).toEqual({ dialCode: undefined, ...sent });
      expect(lead).toMatchObject(expected);
    },
  );

  it("keeps builders' honeypots, hidden fields and anti-spam tokens out of the lead", async () => {
    unbind = bindForms(window, { deliver: (snapshot) => void delivered.push(snapshot) });
    for (const { file, type, button } of CASES) {
      document.body.innerHTML = readFileSync(resolve(FIXTURES, file), 'utf8');
      for (const [selector, value] of Object.entries(type)) {
        const control = document.querySelector<HTMLInputElement>(selector)!;
        if (typeof value == 'boolean') control.checked = value;
        else control.value = value;
      }
      document.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault());
      document.querySelector<HTMLElement>(button)!.click();
      await tick();
      dispatchEvent(new Event('pagehide'));
    }
    expect(delivered).toHaveLength(CASES.length);
    const sent = JSON.stringify(delivered);
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
