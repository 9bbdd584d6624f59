import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../src/browser/field-label';

const control = (html: string) => {
  document.body.innerHTML = html;
  return document.querySelector('input,select,textarea') as HTMLInputElement;
};

describe('fieldLabel', () => {
  it('reads a label[for], without required marks', () => {
    expect(fieldLabel(control('<label for="e">Email <span class="required">*</span></label><input id="e">'))).toBe('Email');
    expect(fieldLabel(control('<label for="n">Name<span>(Required)</span>:</label><input id="n">'))).toBe('Name');
  });

  it('reads a wrapping label without the text of the control inside it', () => {
    expect(fieldLabel(control('<label>Loaf <select><option>Rye</option><option>Spelt</option></select></label>'))).toBe('Loaf');
    expect(fieldLabel(control('<label class="caption"><input name="fname"><span>First Name</span></label>'))).toBe('First Name');
  });

  it('falls back to aria-labelledby, aria-label, placeholder, then title', () => {
    expect(fieldLabel(control('<span id="a">Work</span><span id="b">email</span><input aria-labelledby="a b">'))).toBe('Work email');
    expect(fieldLabel(control('<input aria-label="Phone" placeholder="555">'))).toBe('Phone');
    expect(fieldLabel(control('<input placeholder="Your email">'))).toBe('Your email');
    expect(fieldLabel(control('<input title="Postcode">'))).toBe('Postcode');
    expect(fieldLabel(control('<input name="x">'))).toBe('');
  });

  it('works with ids React generates', () => {
    expect(fieldLabel(control('<label for=":r1:">Full name</label><input id=":r1:">'))).toBe('Full name');
  });
});
