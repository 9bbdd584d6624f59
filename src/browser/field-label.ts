import { ATTRIBUTES } from './attributes';

/** The text of an element as people read it: whitespace runs collapsed, trimmed. */
export const textOf = (element: Element | null | undefined): string =>
  (element?.textContent || '').replace(/\s+/g, ' ').trim();

/**
 * The control's own label text, as written: its `<label>`s (`for=` or wrapping, without the text of the control
 * itself, such as a select's options), else `aria-labelledby`, else `aria-label`. Required marks and colons stay:
 * the relay reads labels.
 *
 * @example
 * // <label for="e">Email <span>*</span></label><input id="e">
 * fieldLabel(document.getElementById('e')); // 'Email *'
 */
export const fieldLabel = (control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string =>
  [...(control.labels || [])].map((l) => textOf(l).replace(textOf(control), '').trim()).join(' ') ||
  (control.getAttribute('aria-labelledby') || '')
    .split(/\s+/)
    .map((id) => textOf(control.ownerDocument.getElementById(id)))
    .join(' ')
    .trim() ||
  (control.getAttribute('aria-label') || '').trim();

/**
 * How a form is named in the note every lead carries: the `data-flowmatix` value, else its `aria-label` or `name`,
 * else an id that reads as a name (`ContactForm`, not `gform_1`), else "Website form".
 *
 * @example
 * // <form data-flowmatix="Quote request">
 * formLabel(form); // 'Quote request'
 */
export const formLabel = (form: HTMLFormElement): string => {
  const [label, aria, name, id = ''] = [ATTRIBUTES.form, 'aria-label', 'name', 'id'].map((a) =>
    (form.getAttribute(a) || '').trim(),
  );
  return label || aria || name || (/\d/.test(id) ? '' : id) || 'Website form';
};
