import { describe, expect, it } from 'vitest';
import { readForm } from '../../src/browser/read-form';

const AT = '2025-05-01T10:00:00.000Z';
const form = (html: string, attributes = 'data-flowmatix="Quote"') => {
  document.body.innerHTML = `<form ${attributes}>${html}</form>`;
  return document.querySelector('form')!;
};

describe('readForm', () => {
  it('snapshots filled, captured fields with the form label and tags', () => {
    const snapshot = readForm(
      form(`<input name="name" value="Ada"><input name="empty"><input type="password" name="pw" value="x">`, 'data-flowmatix="Quote" data-flowmatix-tags=" a, b ,,"'),
      AT,
    );
    expect(snapshot).toEqual({ form: 'Quote', tags: ['a', 'b'], fields: [{ label: 'name', value: 'Ada', role: 'name' }], consent: undefined });
  });

  it('sends nothing when a consent box is unchecked', () => {
    expect(readForm(form(`<input name="name" value="Ada"><label><input type="checkbox" data-flowmatix-consent> OK</label>`), AT)).toBeUndefined();
  });

  it('sends nothing when a disabled consent box is unchecked, or a disabled honeypot is filled', () => {
    expect(readForm(form(`<input name="name" value="Ada"><label><input type="checkbox" data-flowmatix-consent disabled> OK</label>`), AT)).toBeUndefined();
    expect(readForm(form(`<input name="name" value="Ada"><input name="website" data-flowmatix-honeypot disabled value="spam">`), AT)).toBeUndefined();
  });

  it('records checked consent with its label text and the time', () => {
    const snapshot = readForm(
      form(`<input name="name" value="Ada"><label><input type="checkbox" name="ok" data-flowmatix-consent checked> You may contact me</label>`),
      AT,
    );
    expect(snapshot!.consent).toEqual({ text: 'You may contact me', at: AT });
    expect(snapshot!.fields).toHaveLength(1);
  });

  it('drops the submission silently when the honeypot is filled', () => {
    expect(readForm(form(`<input name="name" value="Bot"><input name="website" data-flowmatix-honeypot value="http://spam.example">`), AT)).toBeUndefined();
    expect(readForm(form(`<input name="name" value="Ada"><input name="website" data-flowmatix-honeypot>`), AT)).toBeDefined();
  });
});

describe('the form label', () => {
  const label = (attributes: string) => readForm(form('', attributes), AT)!.form;

  it('is data-flowmatix, else aria-label or name, else an id that reads as a name, else "Website form"', () => {
    expect(label('data-flowmatix="Quote 2025" aria-label="Contact form"')).toBe('Quote 2025');
    expect(label('data-flowmatix aria-label="Contact form" name="contact"')).toBe('Contact form');
    expect(label('data-flowmatix name="New Form" id="f1"')).toBe('New Form');
    expect(label('data-flowmatix id="ContactForm"')).toBe('ContactForm');
    expect(label('data-flowmatix id="gform_1"')).toBe('Website form');
  });
});
