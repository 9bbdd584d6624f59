import { ATTRIBUTES } from './attributes';
import { warn } from './guard';
import { readControls, readForm } from './read-form';

/**
 * One control of a bound form: what the relay maps it to (a row of its preview's `fields`: `label`, `value`,
 * `maps`, `dropped`…), or why the browser keeps it back (`dropped`: sensitive, ignored, hidden, consent, honeypot).
 */
export interface DebugRow {
  form: string;
  label?: string;
  dropped?: string;
  [column: string]: unknown;
}

/**
 * Asks the relay's preview (`previewUrl`, e.g. `/api/flowmatix/preview`) what each control of each bound form
 * (`form[data-flowmatix]`) maps to, empty ones included, and adds the controls the browser keeps back. Never
 * rejects: a form the preview does not answer for is named in a warning. `FlowmatixLeads.debug()` prints the rows
 * with `console.table`.
 *
 * @example
 * console.table(await debugForms(document, new URL('/api/flowmatix/preview', location.href).href));
 */
export const debugForms = async (doc: Document, previewUrl: string, dialCode?: string): Promise<DebugRow[]> => {
  const rows: DebugRow[] = [];
  const forms = doc.querySelectorAll<HTMLFormElement>(`form[${ATTRIBUTES.form}]`);
  if (!forms[0]) warn(`no form[${ATTRIBUTES.form}] in this page: nothing is captured`);
  for (const form of forms) {
    const snapshot = {
      v: 2,
      page: location.pathname,
      dialCode,
      ...readForm(form, new Date().toISOString(), undefined, true)!,
    };
    let answer: { fields?: object[]; message?: string } = {};
    try {
      const res = await fetch(previewUrl, {
        method: 'POST',
        body: JSON.stringify(snapshot),
        headers: { 'Content-Type': 'application/json' },
      });
      answer = await res.json().catch(() => ({ message: `HTTP ${res.status}` }));
    } catch (error) {
      answer.message = String(error);
    }
    if (!answer.fields) warn('no preview of', snapshot.form, 'from', previewUrl, answer.message);
    for (const field of answer.fields || []) rows.push({ form: snapshot.form, ...field });
    for (const { control, drop } of readControls(form))
      if (drop) rows.push({ form: snapshot.form, label: control.label || control.name || control.id, dropped: drop });
  }
  return rows;
};
