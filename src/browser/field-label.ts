/** The text of an element as people read it: whitespace runs collapsed, trimmed. */
export const textOf = (element: Element | null | undefined): string =>
  (element?.textContent || '').replace(/\s+/g, ' ').trim();

/**
 * The name people see for a control: its `<label>`s (`for=` or wrapping, without the text of the control itself),
 * else `aria-labelledby`, `aria-label`, `placeholder` or `title`; required marks (`*`, `(required)`) and trailing
 * colons removed.
 *
 * @example
 * // <label for="e">Email <span>*</span></label><input id="e">
 * fieldLabel(document.getElementById('e')); // 'Email'
 */
export const fieldLabel = (control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string => {
  const attr = (name: string) => control.getAttribute(name);
  const label =
    [...(control.labels || [])].map((l) => textOf(l).replace(textOf(control), '')).join(' ') ||
    attr('aria-labelledby')?.split(/\s+/).map((id) => textOf(control.ownerDocument.getElementById(id))).join(' ') ||
    attr('aria-label') ||
    attr('placeholder') ||
    attr('title') ||
    '';
  return label.replace(/\*|\(\s*(required|optional)\s*\)|[\s:]+$/gi, '').trim();
};
