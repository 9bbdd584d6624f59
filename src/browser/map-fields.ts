import { ATTRIBUTES as A } from './attributes';
import { detectField, type FieldRole } from './detect-field';
import { fieldLabel, textOf } from './field-label';
import { isSensitiveField } from './is-sensitive-field';
import { readControlStates, type ControlState } from './read-control-states';

/** Why a control is not captured as a field. Consent boxes and honeypots gate the whole submission instead. */
export type DropReason = 'sensitive' | 'ignored' | 'hidden' | 'consent' | 'honeypot';

/** One control of a form, read at submit. */
export interface MappedField {
  /** What people see: the label (for radios and checkbox groups the legend or shared name), else name or id. */
  label: string;
  /** As typed or chosen: a select's option text, a checked box's label or value; `''` when empty or unchecked. */
  value: string;
  /** What the value is for; with neither `role` nor `drop`, an attribute keyed by `label`. */
  role?: FieldRole;
  drop?: DropReason;
}

/**
 * Reads every control of a form (also those outside it with `form=`) with its label, value and what it maps to:
 * `data-flowmatix-field` wins, else detection (`detectField`); sensitive controls are dropped even when mapped,
 * hidden ones unless mapped, and anything under `data-flowmatix-ignore`. The values are those of `states`, read at
 * submit (`readControlStates`), by default the form's values now.
 *
 * @example
 * mapFields(form).filter((field) => !field.drop); // what a lead is built from
 */
export const mapFields = (form: HTMLFormElement, states: ControlState[] = readControlStates(form)): MappedField[] =>
  states.map(([control, current, checked, selected], index): MappedField => {
    const { type, name, id } = control;
    const attr = (attribute: string) => control.getAttribute(attribute) || '';
    const own = fieldLabel(control);
    const hints = `${name} ${id} ${own} ${attr('placeholder')}`;
    // Both: forms that turn autofill off (`autocomplete=off`) still say what a field is in the legacy attribute.
    const autocomplete = `${attr('autocomplete')} ${attr('x-autocompletetype')}`;
    const explicit = attr(A.field);
    // An option without a value is a prompt ("Please select"), not a choice.
    const options = selected.filter((o) => o.value);
    let label = own || name || id || `Field ${index + 1}`;
    let value = options[0] ? options.map((o) => o.text.trim()).join(', ') : current.trim();
    let role: FieldRole | undefined;
    let drop: DropReason | undefined;
    if (type == 'checkbox' || type == 'radio') {
      const legend = textOf(control.closest('fieldset')?.querySelector('legend'));
      // A radio's or a checkbox group's own label names the option; the question is the legend or the shared name.
      const group = type == 'radio' || legend || states.some(([c]) => c != control && name && c.name == name);
      if (group) label = legend || name || label;
      value = !checked ? '' : group ? own || value : /^(on|1|true|yes)$/i.test(value) ? 'yes' : value;
    }
    if (control.hasAttribute(A.honeypot)) drop = 'honeypot';
    else if (control.hasAttribute(A.consent)) [drop, label] = ['consent', own || label];
    else if (control.closest(`[${A.ignore}]`)) drop = 'ignored';
    else if (isSensitiveField(hints, type, autocomplete)) drop = 'sensitive';
    else if (explicit.startsWith('attribute:')) label = explicit.slice(10).trim() || label;
    else if (explicit) role = /^(name|first-name|last-name|email|phone|dial-code|note|tags)$/.test(explicit) ? (explicit as FieldRole) : undefined;
    else if (type == 'hidden') drop = 'hidden';
    // A select whose choice reads "+91" or "India (+91)" gives the dial code, whatever it is called.
    else role = detectField(hints, type, autocomplete) || (options[0] && /\+\s*\d/.test(value) ? 'dial-code' : undefined);
    // Dial-code selects often show a country and keep the code in the value ("+91" behind "India"), or keep a
    // country code in the value and the dial code in the text ("IN" behind "India (+91)"): the relay reads either.
    if (role == 'dial-code' && options[0]) value = options.map((o) => (/\d/.test(o.value) ? o.value : o.text)).join();
    return { label, value, role, drop };
  });
