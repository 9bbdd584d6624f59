import { describe, expect, it } from 'vitest';
import { detectRole } from '../../../src/relay/mapping/detect-role';

const each = (cases: [string, string | undefined][]) => {
  for (const [hints, role] of cases) expect([hints, detectRole(hints)]).toEqual([hints, role]);
};

describe('detectRole', () => {
  it('takes autocomplete tokens first', () => {
    expect(detectRole('input_1 Company', 'text', 'given-name')).toBe('first-name');
    expect(detectRole('x', 'text', 'section-a shipping family-name')).toBe('last-name');
    expect(detectRole('Your message', 'text', 'email')).toBe('email');
    expect(detectRole('x', 'tel', 'mobile tel')).toBe('phone');
    expect(detectRole('x', 'select-one', 'tel-country-code')).toBe('dial-code');
    expect(detectRole('fname', 'text', 'surname')).toBe('last-name');
    expect(detectRole('x', 'text', 'tel-area-code')).toBe('phone');
    expect(detectRole('x', 'text', 'off phone-local-prefix')).toBe('phone');
  });

  it('stops at autocomplete tokens that name something else', () => {
    expect(detectRole('Prefix', 'select-one', 'honorific-prefix')).toBeUndefined();
    expect(detectRole('Name', 'text', 'nickname')).toBeUndefined();
    expect(detectRole('Name', 'text', 'organization')).toBeUndefined();
    expect(detectRole('Name', 'text', 'country-name')).toBeUndefined();
    expect(detectRole('Name', 'text', 'username')).toBeUndefined();
  });

  it('ignores autocomplete on/off', () => {
    expect(detectRole('your-name Your name', 'text', 'off')).toBe('name');
    expect(detectRole('your-name Your name', 'text', 'on')).toBe('name');
  });

  it('then the input type', () => {
    expect(detectRole('input_2 Contact', 'email')).toBe('email');
    expect(detectRole('input_3', 'tel')).toBe('phone');
    expect(detectRole('country_code Country code', 'tel')).toBe('dial-code');
    expect(detectRole('anything', 'textarea')).toBe('note');
  });

  it('then the words of name, id, label and placeholder, in any naming style', () => {
    each([
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
    ]);
  });

  it('matches short words whole, not inside longer ones', () => {
    each([
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
      ['nombre', 'name'],
      ['Nomination', undefined],
    ]);
  });

  it('reads labels in other languages, stems shared with English and their own words alike', () => {
    each([
      ['Ihre E-Mail-Adresse', 'email'],
      ['Telefonnummer', 'phone'],
      ['Téléphone portable', 'phone'],
      ['Teléfono', 'phone'],
      ['Telefoonnummer', 'phone'],
      ['Messaggio', 'note'],
      ['Courriel', 'email'],
      ['Prénom', 'first-name'],
      ['Nom', 'name'],
    ]);
  });

  it('lets a select give only a dial code', () => {
    expect(detectRole('country Country code', 'select-one')).toBe('dial-code');
    expect(detectRole('phone_ext Phone', 'select-one')).toBe('dial-code');
    expect(detectRole('Name', 'select-one')).toBeUndefined();
    expect(detectRole('Interests', 'select-multiple')).toBeUndefined();
  });

  it('keeps checkboxes, radios and typed inputs as attributes', () => {
    expect(detectRole('newsletter Email me news', 'checkbox')).toBeUndefined();
    expect(detectRole('contact_method Phone', 'radio')).toBeUndefined();
    expect(detectRole('website', 'url')).toBeUndefined();
    expect(detectRole('event_date Date', 'date')).toBeUndefined();
    expect(detectRole('phone', 'number')).toBe('phone');
  });

  it('reads boxes that say nothing themselves as parts of a phone under a "Phone" legend', () => {
    expect(detectRole(' (###)', 'text', '', 'Phone')).toBe('phone');
    expect(detectRole(' ###', 'text', '', 'Telefonnummer')).toBe('phone');
    expect(detectRole(' Code', 'select-one', '', 'Phone')).toBe('dial-code');
    // A legend is a group's title, not what each control is: "Your details" makes no note of a budget.
    expect(detectRole('budget Budget', 'text', '', 'Your details')).toBeUndefined();
    expect(detectRole('company Company', 'text', '', 'Phone')).toBeUndefined();
  });

  it('reads the words of every language it knows, and what each says is no contact field', () => {
    each([
      ['Vor- und Nachname', 'name'],
      ['Firmenname', undefined],
      ['Straße', undefined],
      ['Spitzname', undefined],
      ['Nombre de usuario', undefined],
      ['Consultant name', 'name'],
      ['Confirmation name', 'name'],
      ['Cognome', 'last-name'],
      ['Gebruikersnaam', undefined],
      ['Imię', 'first-name'],
      ['Nazwa użytkownika', undefined],
      ['İSİM', 'name'],
      ['SOYADI', 'last-name'],
      ['Ad Soyad', 'name'],
      ['Kullanıcı adı', undefined],
      ['Ваше имя', 'name'],
      ['Имя пользователя', undefined],
      ['Отчество', undefined],
      ['الإسم', 'name'],
      ['اسم الشركة', undefined],
      ['الرمز البريدي', undefined],
      ['नमस्ते', undefined],
      ['आपका नाम', 'name'],
      ['Aapka naam', 'name'],
      ['您的姓名', 'name'],
      ['公司名称', undefined],
      ['邮编', undefined],
      ['名', 'first-name'],
      ['件名', undefined],
      ['会社名', undefined],
      ['ﾒｰﾙｱﾄﾞﾚｽ', 'email'],
      ['timeline', undefined],
    ]);
  });

  it('tells a country code from an area code typed apart', () => {
    expect(detectRole('Ländervorwahl', 'select-one')).toBe('dial-code');
    expect(detectRole('Vorwahl', 'text')).toBe('phone');
    expect(detectRole('Indicatif', 'select-one')).toBe('dial-code');
    expect(detectRole('رمز الدولة', 'text')).toBe('dial-code');
    expect(detectRole('国番号', 'text')).toBe('dial-code');
  });
});
