import type { LeadConsent } from '../shared/lead';
import { ATTRIBUTES } from './attributes';
import type { CapturedField } from './build-lead';
import { formLabel } from './form-label';
import { mapFields } from './map-fields';
import type { ControlState } from './read-control-states';

/** What a submission holds, read at the moment it happened. */
export interface FormSnapshot {
  /** The form's label (`formLabel`), the title of the lead's first note. */
  form: string;
  fields: CapturedField[];
  tags: string[];
  consent?: LeadConsent;
}

/**
 * Reads a form's lead-worthy values: those of `states` (`readControlStates` at submit time, so a form reset or
 * removed right after still yields its lead), by default the values now. `undefined` when the submission must not
 * become a lead: a consent box is unchecked or a honeypot is filled.
 *
 * @example
 * const snapshot = readForm(form, new Date().toISOString(), states);
 */
export const readForm = (form: HTMLFormElement, at: string, states?: ControlState[]): FormSnapshot | undefined => {
  const fields: CapturedField[] = [];
  let consent: LeadConsent | undefined;
  for (const field of mapFields(form, states)) {
    const { label, value, drop } = field;
    if (drop == 'honeypot' ? value : drop == 'consent' && !value) return;
    if (drop == 'consent') consent = { text: consent ? `${consent.text}; ${label}` : label, at };
    else if (!drop && value) fields.push(field);
  }
  const tags = (form.getAttribute(ATTRIBUTES.tags) || '').split(',').map((t) => t.trim()).filter(Boolean);
  return { form: formLabel(form), fields, tags, consent };
};
