import { ATTRIBUTES as A } from './attributes';

export type FieldControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A control of a form as it stood at submit: the control, its value, whether it was checked, its chosen options. */
export type ControlState = [control: FieldControl, value: string, checked: boolean, selected: HTMLOptionElement[]];

/**
 * What a submission can lose first, read in the submit event itself: which controls count and what they hold.
 * Pages disable their controls while sending and reset or remove the form once sent; labels and attributes stay
 * put, so reading them can wait until the page has handled the event. Buttons, files and disabled controls do not
 * count, except disabled consent boxes and honeypots, which still gate the submission.
 *
 * @example
 * const states = readControlStates(form); // [[input, 'Ada', false, []], …]
 * form.reset();
 * readControls(form, states); // still Ada
 */
export const readControlStates = (form: HTMLFormElement): ControlState[] =>
  [...form.elements]
    .filter(
      (c): c is FieldControl =>
        /^(INPUT|SELECT|TEXTAREA)$/.test(c.tagName) &&
        (!(c as FieldControl).disabled || c.matches(`[${A.consent}],[${A.honeypot}]`)) &&
        !/^(submit|button|reset|image|file)$/.test((c as FieldControl).type),
    )
    .map((c) => [c, c.value, (c as HTMLInputElement).checked, [...((c as HTMLSelectElement).selectedOptions || [])]]);
