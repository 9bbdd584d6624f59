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
