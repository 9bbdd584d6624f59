import { describe, expect, it } from 'vitest';
import { detectField } from '../../src/browser/detect-field';

describe('detectField', () => {
  it('takes autocomplete tokens first', () => {
    expect(detectField('input_1 Company', 'text', 'given-name')).toBe('first-name');
    expect(detectField('x', 'text', 'section-a shipping family-name')).toBe('last-name');
    expect(detectField('Your message', 'text', 'email')).toBe('email');
    expect(detectField('x', 'tel', 'mobile tel')).toBe('phone');
    expect(detectField('x', 'select-one', 'tel-country-code')).toBe('dial-code');
    expect(detectField('fname', 'text', 'surname')).toBe('last-name');
  });

  it('stops at autocomplete tokens that name something else', () => {
    expect(detectField('Prefix', 'select-one', 'honorific-prefix')).toBeUndefined();
    expect(detectField('Name', 'text', 'nickname')).toBeUndefined();
    expect(detectField('Name', 'text', 'organization')).toBeUndefined();
    expect(detectField('Name', 'text', 'country-name')).toBeUndefined();
  });

  it('ignores autocomplete on/off', () => {
    expect(detectField('your-name Your name', 'text', 'off')).toBe('name');
  });

  it('then the input type', () => {
    expect(detectField('input_2 Contact', 'email')).toBe('email');
    expect(detectField('input_3', 'tel')).toBe('phone');
    expect(detectField('country_code Country code', 'tel')).toBe('dial-code');
    expect(detectField('anything', 'textarea')).toBe('note');
  });

  it('then the words of name, id, label and placeholder, in any naming style', () => {
    const cases: [string, string | undefined][] = [
      ['your-name Your Name', 'name'],
      ['form_fields[name] form-field-name Name', 'name'],
      ['contact[Name] ContactForm-name', 'name'],
      ['wpforms[fields][0][first] First', 'first-name'],
      ['wpforms[fields][0][last] Last', 'last-name'],
      ['firstName', 'first-name'],
      ['lastname', 'last-name'],
      ['fname', 'first-name'],
      ['LNAME', 'last-name'],
      ['Surname', 'last-name'],
      ['Full name', 'name'],
      ['your-email Email address', 'email'],
      ['E-Mail', 'email'],
      ['tel-123 Phone', 'phone'],
      ['mobilephone Mobile phone number', 'phone'],
      ['WhatsApp number', 'phone'],
      ['contact[phone] Phone Number', 'phone'],
      ['dial_code', 'dial-code'],
      ['countryCode', 'dial-code'],
      ['your-message Your message', 'note'],
      ['How can we help?', 'note'],
      ['Company name', undefined],
      ['Business Name', undefined],
      ['Username', undefined],
      ['Website', undefined],
      ['Budget', undefined],
      ['your-subject Subject', undefined],
    ];
    for (const [hints, role] of cases) expect([hints, detectField(hints)]).toEqual([hints, role]);
  });

  it('matches short words whole, not inside longer ones', () => {
    const cases: [string, string | undefined][] = [
      ['contact_no Contact number', 'phone'],
      ['input_1 Name As noted on your ID', 'name'],
      ['a Name - required', 'name'],
      ['fullname Your name', 'name'],
      ['vm Best number for voicemail', undefined],
      ['telegram Telegram', undefined],
      ['notes Notes', 'note'],
      ['enquiry Your enquiry', 'note'],
      ['Telefon', 'phone'],
      ['tel', 'phone'],
    ];
    for (const [hints, role] of cases) expect([hints, detectField(hints)]).toEqual([hints, role]);
  });

  it('reads labels in other languages where they share a stem with English, and keeps the rest as attributes', () => {
    const cases: [string, string | undefined][] = [
      ['Ihre E-Mail-Adresse', 'email'],
      ['Telefonnummer', 'phone'],
      ['Téléphone portable', 'phone'],
      ['Teléfono', 'phone'],
      ['Telefoonnummer', 'phone'],
      ['Messaggio', 'note'],
      ['Courriel', undefined],
      ['Prénom', undefined],
    ];
    for (const [hints, role] of cases) expect([hints, detectField(hints)]).toEqual([hints, role]);
  });

  it('lets a select give only a dial code', () => {
    expect(detectField('country Country code', 'select-one')).toBe('dial-code');
    expect(detectField('phone_ext Phone', 'select-one')).toBe('dial-code');
    expect(detectField('Name', 'select-one')).toBeUndefined();
    expect(detectField('Interests', 'select-multiple')).toBeUndefined();
  });

  it('keeps checkboxes, radios and typed inputs as attributes', () => {
    expect(detectField('newsletter Email me news', 'checkbox')).toBeUndefined();
    expect(detectField('contact_method Phone', 'radio')).toBeUndefined();
    expect(detectField('website', 'url')).toBeUndefined();
    expect(detectField('event_date Date', 'date')).toBeUndefined();
    expect(detectField('phone', 'number')).toBe('phone');
  });
});
