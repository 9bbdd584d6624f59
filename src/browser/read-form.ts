import type { LeadSnapshot, SnapshotControl } from '../shared/lead-snapshot';
import { ATTRIBUTES as A } from './attributes';
import { fieldLabel, textOf } from './field-label';
import { formLabel } from './field-label';
import { isSensitiveField } from './is-sensitive-field';
import { readControlStates, type ControlState } from './read-control-states';
import { splitTags } from './split-tags';
import { stripCardNumbers } from './strip-card-numbers';

/**
 * Why the browser keeps a control out of the snapshot. Consent boxes and honeypots gate the whole submission
 * instead; sensitive and ignored controls are never read.
 */
export type DropReason = 'sensitive' | 'ignored' | 'hidden' | 'honeypot' | 'consent';

/** One control of a form as the browser reads it, and why it stays in the browser, if it does. */
export interface ReadControl {
  control: SnapshotControl;
  drop?: DropReason;
}

/** What a submission of a form holds; the caller adds the page, identity and the default dial code. */
export type FormSnapshot = Pick<LeadSnapshot, 'form' | 'at' | 'lang' | 'tags' | 'consent' | 'controls'>;

/**
 * Reads every control of a form (also those outside it with `form=`) as the page shows it: name, id, type,
 * autocomplete, label, legend, placeholder, `data-flowmatix-field` and value (a select's chosen option texts, with
 * their values in `option`; a checkbox or radio only when checked), leaving empty properties out. The browser's own
 * rules come first: honeypots and consent boxes gate the submission, a control under `data-flowmatix-ignore` or
 * that looks sensitive (password, card, one-time code…) is never read, even when mapped, and a hidden input is
 * kept back unless it is mapped. Card numbers are cut out of every value sent. Values are those of `states`, read
 * at submit (`readControlStates`), by default the form's values now. Needs no layout: it runs on parsed HTML too.
 *
 * @example
 * readControls(form); // [{ control: { name: 'email', type: 'email', value: 'ada@example.com' } }, { control: { name: 'pw', type: 'password', value: '' }, drop: 'sensitive' }]
 */
export const readControls = (form: HTMLFormElement, states: ControlState[] = readControlStates(form)): ReadControl[] =>
  states.map(([element, current, checked, selected]) => {
    const { type, name, id } = element;
    const attr = (attribute: string) => element.getAttribute(attribute) || '';
    const label = fieldLabel(element);
    const placeholder = attr('placeholder');
    const field = attr(A.field);
    // Both: forms that turn autofill off (`autocomplete=off`) still say what a control is in the legacy attribute.
    const autocomplete = `${attr('autocomplete')} ${attr('x-autocompletetype')}`.trim();
    const drop: DropReason | undefined = element.hasAttribute(A.honeypot)
      ? 'honeypot'
      : element.hasAttribute(A.consent)
        ? 'consent'
        : element.closest(`[${A.ignore}]`)
          ? 'ignored'
          : isSensitiveField(`${name} ${id} ${label} ${placeholder}`, type, autocomplete)
            ? 'sensitive'
            : type == 'hidden' && !field
              ? 'hidden'
              : undefined;
    const unread = drop == 'sensitive' || drop == 'ignored';
    // An option without a value is a prompt ("Please select"), not a choice.
    const options = unread ? [] : selected.filter((o) => o.value);
    const value =
      unread || (/^(checkbox|radio)$/.test(type) && !checked)
        ? ''
        : options[0]
          ? options.map((o) => o.text.trim()).join(', ')
          : current.trim();
    const control: Record<string, string> = {
      value: drop ? value : stripCardNumbers(value).trim(),
      option: options.map((o) => o.value).join(),
      name,
      id,
      type,
      autocomplete,
      label,
      legend: textOf(element.closest('fieldset')?.querySelector('legend')),
      placeholder,
      field,
    };
    for (const key in control) if (!control[key] && key != 'value') delete control[key];
    return { control: control as unknown as SnapshotControl, drop };
  });

/**
 * Reads what a submission of `form` sends (`readControls`, without the controls the browser keeps back and those
 * left empty or unchecked), with the form's label, tags, the page language and consent. `undefined` when the
 * submission must not become a lead: a consent box is unchecked or a honeypot is filled. With `preview`, empty
 * controls are kept and the gates let everything through, to show what each control would map to (debug, the CLI).
 *
 * @example
 * const snapshot = readForm(form, new Date().toISOString(), states);
 * // { form: 'Contact', at, lang: 'en', controls: [{ name: 'email', type: 'email', value: 'ada@example.com' }] }
 */
export const readForm = (
  form: HTMLFormElement,
  at: string,
  states?: ControlState[],
  preview?: boolean,
): FormSnapshot | undefined => {
  const controls: SnapshotControl[] = [];
  const consent: string[] = [];
  for (const { control, drop } of readControls(form, states)) {
    const { value, label, name } = control;
    if (!preview && (drop == 'honeypot' ? value : drop == 'consent' && !value)) return;
    if (drop == 'consent' && value) consent.push(label || name || 'Consent');
    else if (!drop && (value || preview)) controls.push(control);
  }
  return {
    form: formLabel(form),
    at,
    lang: form.ownerDocument.documentElement.lang || undefined,
    tags: splitTags(form.getAttribute(A.tags) || ''),
    consent: consent[0] ? { text: consent.join('; '), at } : undefined,
    controls,
  };
};
