import { ATTRIBUTES } from './attributes';
import { formLabel } from './form-label';
import { mapFields } from './map-fields';

/** One control of a bound form as the companion sees it. Values are never shown. */
export interface DebugRow {
  form: string;
  field: string;
  /** The role it fills, `attribute`, or why it is dropped: sensitive, ignored, hidden, consent, honeypot. */
  mapped: string;
}

/**
 * Describes every control of every bound form (`form[data-flowmatix]`): what it maps to, or why it is dropped.
 * `FlowmatixLeads.debug()` prints it with `console.table`.
 *
 * @example
 * console.table(debugForms(document));
 */
export const debugForms = (doc: Document): DebugRow[] =>
  [...doc.querySelectorAll<HTMLFormElement>(`form[${ATTRIBUTES.form}]`)].flatMap((form) =>
    mapFields(form).map(({ label, role, drop }) => ({
      form: formLabel(form),
      field: label,
      mapped: drop ? `dropped: ${drop}` : role || 'attribute',
    })),
  );
