import { describe, expect, it } from 'vitest';
import { mapFields } from '../../src/browser/map-fields';

const formWith = (html: string) => {
  document.body.innerHTML = `<form data-flowmatix>${html}</form>`;
  return document.querySelector('form')!;
};
const mapped = (html: string) => mapFields(formWith(html)).map(({ label, value, role, drop }) => ({ label, value, role, drop }));

describe('mapFields', () => {
  it('maps controls by detection and reads their values', () => {
    expect(
      mapped(`<label>Your name <input name="your-name" value=" Ada "></label>
        <input type="email" name="your-email" placeholder="Email" value="ada@example.com">
        <label for="m">Message</label><textarea id="m">Hello</textarea>`),
    ).toEqual([
      { label: 'Your name', value: 'Ada', role: 'name' },
      { label: 'Email', value: 'ada@example.com', role: 'email' },
      { label: 'Message', value: 'Hello', role: 'note' },
    ]);
  });

  it('reads the legacy x-autocompletetype too when autocomplete is off', () => {
    expect(mapped('<input autocomplete="off" x-autocompletetype="cc-number" name="num" value="4111 1111 1111 1111">')).toEqual([
      { label: 'num', value: '4111 1111 1111 1111', drop: 'sensitive' },
    ]);
  });

  it('lets data-flowmatix-field win over detection, including attribute:KEY', () => {
    expect(
      mapped(`<input name="email" data-flowmatix-field="phone" value="0123">
        <input name="plan" data-flowmatix-field="attribute:Plan chosen" value="Pro">
        <input type="hidden" name="campaign" data-flowmatix-field="tags" value="spring">`),
    ).toEqual([
      { label: 'email', value: '0123', role: 'phone' },
      { label: 'Plan chosen', value: 'Pro' },
      { label: 'campaign', value: 'spring', role: 'tags' },
    ]);
  });

  it('drops sensitive controls even when mapped', () => {
    const fields = mapped(`<input type="password" name="pw" data-flowmatix-field="note" value="hunter2">
      <input name="cardnumber" data-flowmatix-field="attribute:Card" value="4111111111111111">
      <input name="code" autocomplete="one-time-code" data-flowmatix-field="phone" value="123456">`);
    expect(fields.map((field) => [field.drop, field.role])).toEqual([
      ['sensitive', undefined],
      ['sensitive', undefined],
      ['sensitive', undefined],
    ]);
  });

  it('drops hidden inputs unless mapped, and anything under data-flowmatix-ignore', () => {
    expect(
      mapped(`<input type="hidden" name="_token" value="x"><input type="hidden" name="source" value="ad">
        <div data-flowmatix-ignore><input name="internal" value="y"></div><input name="ref" data-flowmatix-ignore value="z">`).map((f) => f.drop),
    ).toEqual(['sensitive', 'hidden', 'ignored', 'ignored']);
  });

  it('skips buttons, files and disabled controls', () => {
    expect(mapped(`<input type="file" name="cv"><input name="a" disabled value="x"><button name="go">Go</button><input type="submit" value="Send">`)).toEqual([]);
  });

  it('reads checkboxes, radios, selects and multi-selects as people see them', () => {
    expect(
      mapped(`<label><input type="checkbox" name="newsletter" checked> Send me the newsletter</label>
        <label><input type="checkbox" name="terms"> Terms</label>
        <fieldset><legend>Interests</legend>
          <label><input type="checkbox" name="i[]" value="bread" checked> Bread</label>
          <label><input type="checkbox" name="i[]" value="cake" checked> Cake</label></fieldset>
        <label><input type="radio" name="contact_method" value="email"> Email</label>
        <label><input type="radio" name="contact_method" value="call" checked> Phone call</label>
        <label>Budget <select name="budget"><option value="">Please select</option><option value="2">€1–5k</option></select></label>
        <label>Size <select name="size"><option value="">Choose</option><option selected value="l">Large</option></select></label>
        <label>Days <select name="days" multiple><option selected>Mon</option><option>Tue</option><option selected>Fri</option></select></label>`),
    ).toEqual([
      { label: 'Send me the newsletter', value: 'yes' },
      { label: 'Terms', value: '' },
      { label: 'Interests', value: 'Bread' },
      { label: 'Interests', value: 'Cake' },
      { label: 'contact_method', value: '' },
      { label: 'contact_method', value: 'Phone call' },
      { label: 'Budget', value: '' },
      { label: 'Size', value: 'Large' },
      { label: 'Days', value: 'Mon, Fri' },
    ]);
  });

  it('takes a dial code from a country-code select, by its value or its text', () => {
    expect(mapped(`<label>Country code <select name="cc"><option value="+44">United Kingdom</option></select></label>`)[0]).toMatchObject({
      role: 'dial-code',
      value: '+44',
    });
    expect(mapped(`<select name="country"><option value="IN" selected>India (+91)</option></select>`)[0]).toMatchObject({
      role: 'dial-code',
      value: 'India (+91)',
    });
    expect(mapped(`<label>Country <select name="country"><option>India</option></select></label>`)[0]!.role).toBeUndefined();
  });

  it('marks consent boxes and honeypots, which gate the whole submission', () => {
    expect(
      mapped(`<label><input type="checkbox" name="ok" data-flowmatix-consent checked> I agree to be contacted</label>
        <input name="website" data-flowmatix-honeypot>`),
    ).toEqual([
      { label: 'I agree to be contacted', value: 'yes', drop: 'consent' },
      { label: 'website', value: '', drop: 'honeypot' },
    ]);
  });

  it('includes controls outside the form that belong to it', () => {
    document.body.innerHTML = `<form id="f" data-flowmatix></form><input form="f" type="email" name="email" value="a@b.co">`;
    expect(mapFields(document.querySelector('form')!).map((f) => f.role)).toEqual(['email']);
  });
});

describe('mapFields on other input types', () => {
  it('reads a search input as text, not as a select', () => {
    expect(mapped(`<input type="search" name="q" aria-label="Email" value="ada@example.com">`)).toEqual([
      { label: 'Email', value: 'ada@example.com', role: 'email' },
    ]);
  });
});
