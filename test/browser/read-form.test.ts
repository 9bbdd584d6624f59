import { describe, expect, it } from 'vitest';
import { readControls, readForm } from '../../src/browser/read-form';
import { readControlStates } from '../../src/browser/read-control-states';

const AT = '2025-05-01T10:00:00.000Z';
const form = (html: string, attributes = 'data-flowmatix="Quote"') => {
  document.body.innerHTML = `<form ${attributes}>${html}</form>`;
  return document.querySelector('form')!;
};
const read = (html: string) => readControls(form(html));
const sent = (html: string) => readForm(form(html), AT)?.controls;

describe('readControls', () => {
  it('reads what the page says about each control, leaving empty properties out', () => {
    expect(
      read(`<label>Your name <input name="your-name" id="n" autocomplete="name" value=" Ada "></label>
        <input type="email" name="your-email" placeholder="Email" value="ada@example.com">
        <label for="m">Message <span>*</span></label><textarea id="m">Hello</textarea>
        <input name="x" data-flowmatix-field="attribute:Plan" value="Pro">`),
    ).toEqual([
      { control: { value: 'Ada', name: 'your-name', id: 'n', type: 'text', autocomplete: 'name', label: 'Your name' } },
      { control: { value: 'ada@example.com', name: 'your-email', type: 'email', placeholder: 'Email' } },
      { control: { value: 'Hello', id: 'm', type: 'textarea', label: 'Message *' } },
      { control: { value: 'Pro', name: 'x', type: 'text', field: 'attribute:Plan' } },
    ]);
  });

  it('reads labels from for=, a wrapping label without the control text, aria-labelledby and aria-label', () => {
    const labels = (html: string) => read(html).map(({ control }) => control.label);
    expect(labels('<label for=":r1:">Full name</label><input id=":r1:">')).toEqual(['Full name']);
    expect(labels('<label>Loaf <select name="l"><option>Rye</option><option>Spelt</option></select></label>')).toEqual([
      'Loaf',
    ]);
    expect(labels('<label class="caption"><input name="fname"><span>First Name</span></label>')).toEqual([
      'First Name',
    ]);
    expect(labels('<span id="a">Work</span><span id="b">email</span><input aria-labelledby="a b">')).toEqual([
      'Work email',
    ]);
    expect(labels('<input aria-label="Phone" placeholder="555">')).toEqual(['Phone']);
    expect(labels('<input placeholder="Your email" title="Email">')).toEqual([undefined]);
  });

  it('reads autocomplete with the legacy x-autocompletetype, and the legend of the closest fieldset', () => {
    expect(
      read(`<fieldset><legend> Phone </legend>
        <input name="area" autocomplete="off" x-autocompletetype="tel-area-code" value="030">
        <input name="line" autocomplete="tel-local" value="1234567"></fieldset>`).map(({ control }) => [
        control.autocomplete,
        control.legend,
      ]),
    ).toEqual([
      ['off tel-area-code', 'Phone'],
      ['tel-local', 'Phone'],
    ]);
  });

  it('reads checked checkboxes and radios by their value, unchecked ones as empty', () => {
    expect(
      read(`<label><input type="checkbox" name="newsletter" checked> Send me the newsletter</label>
        <label><input type="checkbox" name="terms"> Terms</label>
        <fieldset><legend>Interests</legend>
          <label><input type="checkbox" name="i[]" value="bread" checked> Bread</label>
          <label><input type="checkbox" name="i[]" value="cake"> Cake</label></fieldset>
        <label><input type="radio" name="contact_method" value="email"> Email</label>
        <label><input type="radio" name="contact_method" value="call" checked> Phone call</label>`).map(
        ({ control }) => [control.label, control.legend, control.value],
      ),
    ).toEqual([
      ['Send me the newsletter', undefined, 'on'],
      ['Terms', undefined, ''],
      ['Bread', 'Interests', 'bread'],
      ['Cake', 'Interests', ''],
      ['Email', undefined, ''],
      ['Phone call', undefined, 'call'],
    ]);
  });

  it("reads a select's chosen option texts as the value and their values as option; a prompt is no choice", () => {
    expect(
      read(`<label>Budget <select name="budget"><option value="">Please select</option><option value="2">€1–5k</option></select></label>
        <label>Code <select name="dial"><option value="">Choose</option><option selected value="+91">India</option></select></label>
        <label>Days <select name="days" multiple><option selected>Mon</option><option>Tue</option><option selected value="5">Fri</option></select></label>`).map(
        ({ control }) => [control.type, control.value, control.option],
      ),
    ).toEqual([
      ['select-one', '', undefined],
      ['select-one', 'India', '+91'],
      ['select-multiple', 'Mon, Fri', 'Mon,5'],
    ]);
  });

  it('never reads a sensitive control, even when mapped', () => {
    expect(
      read(`<input type="password" name="pw" data-flowmatix-field="note" value="hunter2">
        <input name="cardnumber" data-flowmatix-field="attribute:Card" value="4111111111111111">
        <input name="code" autocomplete="one-time-code" data-flowmatix-field="phone" value="123456">
        <input autocomplete="off" x-autocompletetype="cc-number" name="num" value="4111 1111 1111 1111">
        <label>IBAN <input name="x" value="DE89370400440532013000"></label>
        <label>Card <select name="c"><option value="4111111111111111">Visa</option></select></label>`).map(
        ({ control, drop }) => [control.value, control.option, drop],
      ),
    ).toEqual([
      ['', undefined, 'sensitive'],
      ['', undefined, 'sensitive'],
      ['', undefined, 'sensitive'],
      ['', undefined, 'sensitive'],
      ['', undefined, 'sensitive'],
      ['', undefined, 'sensitive'],
    ]);
  });

  it('keeps back hidden inputs unless mapped, and never reads anything under data-flowmatix-ignore', () => {
    expect(
      read(`<input type="hidden" name="_token" value="x"><input type="hidden" name="source" value="ad">
        <input type="hidden" name="campaign" data-flowmatix-field="tags" value="spring">
        <div data-flowmatix-ignore><input name="internal" value="y"></div><input name="ref" data-flowmatix-ignore value="z">`).map(
        ({ control, drop }) => [control.name, control.value, drop],
      ),
    ).toEqual([
      ['_token', '', 'sensitive'],
      ['source', 'ad', 'hidden'],
      ['campaign', 'spring', undefined],
      ['internal', '', 'ignored'],
      ['ref', '', 'ignored'],
    ]);
  });

  it('cuts card numbers out of every value it sends, whatever the control is called', () => {
    expect(
      read(
        '<textarea name="message">Pay with 4111 1111 1111 1111 please</textarea><input name="ref" value="4111111111111111">',
      ).map(({ control }) => control.value),
    ).toEqual(['Pay with  please', '']);
  });

  it('skips buttons, files and disabled controls, and reads controls outside the form that belong to it', () => {
    expect(
      read(
        `<input type="file" name="cv"><input name="a" disabled value="x"><button name="go">Go</button><input type="submit" value="Send">`,
      ),
    ).toEqual([]);
    document.body.innerHTML = `<form id="f" data-flowmatix></form><input form="f" type="email" name="email" value="a@b.co">`;
    expect(readControls(document.querySelector('form')!).map(({ control }) => control.name)).toEqual(['email']);
  });

  it('marks consent boxes and honeypots, which gate the whole submission', () => {
    expect(
      read(`<label><input type="checkbox" name="ok" data-flowmatix-consent checked> I agree to be contacted</label>
        <input name="website" data-flowmatix-honeypot>`),
    ).toEqual([
      { control: { value: 'on', name: 'ok', type: 'checkbox', label: 'I agree to be contacted' }, drop: 'consent' },
      { control: { value: '', name: 'website', type: 'text' }, drop: 'honeypot' },
    ]);
  });

  it('reads the values of the states it is given, not the values now', () => {
    const f = form(
      '<input name="name" value="Ada"><select name="s"><option value="a">A</option><option value="b">B</option></select>',
    );
    const states = readControlStates(f);
    f.reset();
    (f.elements.namedItem('name') as HTMLInputElement).value = 'Grace';
    (f.elements.namedItem('s') as HTMLSelectElement).value = 'b';
    expect(readControls(f, states).map(({ control }) => control.value)).toEqual(['Ada', 'A']);
  });
});

describe('readForm', () => {
  it('sends filled controls the browser lets go, with the form label, tags and the page language', () => {
    document.documentElement.lang = 'hu-HU';
    const snapshot = readForm(
      form(
        `<input name="name" value="Ada"><input name="empty"><input type="password" name="pw" value="x"><input type="hidden" name="h" value="1">
        <input type="checkbox" name="off">`,
        'data-flowmatix="Quote" data-flowmatix-tags=" a, b ,,"',
      ),
      AT,
    );
    document.documentElement.lang = '';
    expect(snapshot).toEqual({
      form: 'Quote',
      at: AT,
      lang: 'hu-HU',
      tags: ['a', 'b'],
      controls: [{ name: 'name', type: 'text', value: 'Ada' }],
    });
    expect(Object.keys(JSON.parse(JSON.stringify(readForm(form(''), AT))))).toEqual(['form', 'at', 'controls']);
  });

  it('sends nothing when a consent box is unchecked, disabled or not', () => {
    expect(
      sent(`<input name="name" value="Ada"><label><input type="checkbox" data-flowmatix-consent> OK</label>`),
    ).toBeUndefined();
    expect(
      sent(`<input name="name" value="Ada"><label><input type="checkbox" data-flowmatix-consent disabled> OK</label>`),
    ).toBeUndefined();
  });

  it('records checked consent boxes with their label text and the time, and sends them as no control', () => {
    const snapshot = readForm(
      form(`<input name="name" value="Ada"><label><input type="checkbox" name="ok" data-flowmatix-consent checked> You may contact me</label>
        <input type="checkbox" name="terms" data-flowmatix-consent checked>`),
      AT,
    );
    expect(snapshot!.consent).toEqual({ text: 'You may contact me; terms', at: AT });
    expect(snapshot!.controls).toHaveLength(1);
  });

  it('drops the submission silently when a honeypot is filled, disabled or not', () => {
    expect(
      sent(`<input name="name" value="Bot"><input name="website" data-flowmatix-honeypot value="http://spam.example">`),
    ).toBeUndefined();
    expect(
      sent(`<input name="name" value="Ada"><input name="website" data-flowmatix-honeypot disabled value="spam">`),
    ).toBeUndefined();
    expect(
      sent(`<input name="name" value="Ada"><input type="checkbox" name="robot" data-flowmatix-honeypot checked>`),
    ).toBeUndefined();
    expect(sent(`<input name="name" value="Ada"><input name="website" data-flowmatix-honeypot>`)).toEqual([
      { name: 'name', type: 'text', value: 'Ada' },
    ]);
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
