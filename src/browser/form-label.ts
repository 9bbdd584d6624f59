import { ATTRIBUTES } from './attributes';

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
