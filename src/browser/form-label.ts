import { ATTRIBUTES } from './attributes';

/**
 * How a form is named in the note every lead carries: the `data-flowmatix` value, else its `aria-label`, `name`
 * or `id` (builders set one of them), else "Website form".
 *
 * @example
 * // <form data-flowmatix="Quote request">
 * formLabel(form); // 'Quote request'
 */
export const formLabel = (form: HTMLFormElement): string =>
  [ATTRIBUTES.form, 'aria-label', 'name', 'id'].map((name) => (form.getAttribute(name) || '').trim()).find(Boolean) ||
  'Website form';
