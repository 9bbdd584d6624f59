import { describe, expect, it } from 'vitest';
import { configureElements, type Configuration } from '../../src/browser/configure-elements';

describe('configureElements', () => {
  it('sets on the form and its controls the attributes their markup would carry', () => {
    document.body.innerHTML =
      '<form class="wpcf7-form"><input name="your-name"><input name="mobile"><input name="website"><div class="internal"><input name="ref"></div>' +
      '<input type="checkbox" name="acceptance"></form><form class="search"><input name="mobile"></form>';
    const [contact, search] = document.querySelectorAll('form');
    configureElements(contact!, [
      {
        'form.wpcf7-form': { label: 'Contact', tags: 'cf7,website', confirm: 'contact:sent' },
        '[name=mobile]': { field: 'phone' },
        '[name=website]': { honeypot: true },
        '.internal': { ignore: '' },
        '[name=acceptance]': { consent: true },
      },
    ]);
    expect(contact!.getAttribute('data-flowmatix')).toBe('Contact');
    expect(contact!.getAttribute('data-flowmatix-tags')).toBe('cf7,website');
    expect(contact!.getAttribute('data-flowmatix-confirm')).toBe('contact:sent');
    expect(contact!.querySelector('[name=mobile]')!.getAttribute('data-flowmatix-field')).toBe('phone');
    expect(contact!.querySelector('[name=website]')!.hasAttribute('data-flowmatix-honeypot')).toBe(true);
    expect(contact!.querySelector('.internal')!.hasAttribute('data-flowmatix-ignore')).toBe(true);
    expect(contact!.querySelector('[name=acceptance]')!.hasAttribute('data-flowmatix-consent')).toBe(true);
    // Only the submitted form is touched: another form is configured when it is submitted.
    expect(search!.hasAttribute('data-flowmatix')).toBe(false);
    expect(search!.querySelector('[name=mobile]')!.hasAttribute('data-flowmatix-field')).toBe(false);
  });

  it('lets a later rule win, and configures a form rendered after the rules were given', () => {
    const rules: Configuration[] = [{ form: { label: 'Enquiry' } }, { 'form.quote': { label: 'Quote' } }];
    document.body.innerHTML = '<form class="quote"><input name="email"></form>';
    configureElements(document.querySelector('form')!, rules);
    expect(document.querySelector('form')!.getAttribute('data-flowmatix')).toBe('Quote');
    document.body.innerHTML = '<form class="other"><input name="email"></form>';
    configureElements(document.querySelector('form')!, rules);
    expect(document.querySelector('form')!.getAttribute('data-flowmatix')).toBe('Enquiry');
  });
});
