import { beforeEach, describe, expect, it } from 'vitest';
import { isLeadForm, selectForms } from '../../src/browser/select-forms';

const form = (html: string): HTMLFormElement => {
  document.body.innerHTML = html;
  return document.querySelector('form')!;
};

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('isLeadForm: what data-forms="auto" binds', () => {
  it.each([
    [
      'a contact form',
      '<form><input name="name"><input type="email" name="email"><textarea name="message"></textarea></form>',
    ],
    ['a call-back form with a phone only', '<form action="/callback"><input type="tel" name="phone"></form>'],
    ['a newsletter signup', '<form class="newsletter"><input type="email" name="EMAIL"></form>'],
    [
      'an untouched Contact Form 7 form',
      '<form action="/contact/#wpcf7-f1-o1" class="wpcf7-form init" novalidate><input type="hidden" name="_wpnonce" value="abc"><input type="email" name="your-email"></form>',
    ],
  ])('binds %s', (_name, html) => {
    expect(isLeadForm(form(html))).toBe(true);
  });

  it.each([
    [
      'a login form',
      '<form action="/wp-login.php" name="loginform"><input type="text" name="log"><input type="password" name="pwd"></form>',
    ],
    ['a login form by email', '<form><input type="email" name="email"><input type="password" name="password"></form>'],
    [
      'a signup with a password',
      '<form id="signup"><input type="email" name="email"><input type="password" name="new-password"></form>',
    ],
    [
      'a checkout with a card field',
      '<form><input type="email" name="email"><input name="cc" autocomplete="cc-number"><input name="exp" autocomplete="cc-exp"></form>',
    ],
    [
      'a checkout whose card is in a payment frame',
      '<form name="checkout" class="checkout woocommerce-checkout" action="/checkout/"><input type="email" name="billing_email"><input type="tel" name="billing_phone"></form>',
    ],
    ['a site search', '<form role="search" action="/"><input type="search" name="s"></form>'],
    [
      'a search that asks for an email alert',
      '<form action="/search"><input name="q"><input type="email" name="alert"></form>',
    ],
    [
      'a comment form',
      '<form action="/wp-comments-post.php" id="commentform" class="comment-form"><textarea name="comment"></textarea><input type="email" name="email"></form>',
    ],
    [
      'a one-time-code step',
      '<form><input type="tel" name="phone"><input name="code" autocomplete="one-time-code"></form>',
    ],
    ['a form without email or phone', '<form><input name="name"><textarea name="message"></textarea></form>'],
  ])('never binds %s', (_name, html) => {
    expect(isLeadForm(form(html))).toBe(false);
  });
});

describe('selectForms', () => {
  it('opts in a form the data-forms selector matches, as data-flowmatix would', () => {
    const contact = form('<form class="wpcf7-form" aria-label="Contact form"><input name="your-name"></form>');
    expect(selectForms(contact, '.wpforms-form')).toBe(false);
    expect(contact.hasAttribute('data-flowmatix')).toBe(false);
    expect(selectForms(contact, 'form.wpcf7-form, .wpforms-form')).toBe(true);
    expect(contact.getAttribute('data-flowmatix')).toBe('');
  });

  it('keeps the label a form has, and binds a marked form without data-forms', () => {
    const pickup = form('<form data-flowmatix="Pickup"><input name="name"></form>');
    expect(selectForms(pickup, 'form')).toBe(true);
    expect(selectForms(pickup)).toBe(true);
    expect(pickup.getAttribute('data-flowmatix')).toBe('Pickup');
  });

  it('binds by auto only the lead forms', () => {
    expect(selectForms(form('<form><input type="email"></form>'), 'auto')).toBe(true);
    expect(selectForms(form('<form><input type="email"><input type="password"></form>'), 'auto')).toBe(false);
    expect(selectForms(form('<form><input type="email"></form>'))).toBe(false);
  });
});
