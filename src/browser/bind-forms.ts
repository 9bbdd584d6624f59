import { ATTRIBUTES } from './attributes';
import { awaitSubmission, isMarkedInvalid } from './await-submission';
import { BUILDER_RECIPES } from './builder-recipes';
import { captureLead, type CaptureHooks } from './capture-lead';
import { configureElements, type Configuration } from './configure-elements';
import { EVENTS, emit } from './events';
import { guard } from './guard';
import { readControlStates, type ControlState } from './read-control-states';
import { readCaptureFields } from './read-capture-fields';
import { readControls, readForm } from './read-form';
import { selectForms } from './select-forms';
import { watchBuilders } from './watch-builders';

/** What `bindForms` needs besides the window: delivery, the page's default dial code, a clock. */
export interface BindFormsOptions extends CaptureHooks {
  now?: () => number;
  /** `data-forms`: a CSS selector of more forms to bind, or `auto`. */
  forms?: string;
  /** Selector-keyed attributes (`data-configure`, `configure`), applied to a form at each submit. */
  configure?: Configuration[];
  /** Whether a request is the companion's own (to the relay): no evidence that the page sent a form. */
  isOwn?: (url: string) => boolean;
}

type FormSubmit = SubmitEvent & { target: HTMLFormElement; submitter: HTMLButtonElement | null };

/** Two submissions of the same values from one form within this many milliseconds are one lead (double clicks). */
export const DOUBLE_SUBMIT_MS = 2000;

/**
 * Turns submissions of `form[data-flowmatix]` anywhere in the page — forms rendered later too — into leads,
 * without ever calling `preventDefault` or `form.submit()`. Returns a function that unbinds.
 *
 * When a submission counts. `submit` is observed in the capture phase on `window`, the first stop of its path, so
 * page handlers that stop propagation or prevent the default (AJAX forms) cannot hide it, and the values are read
 * there (`readControlStates`), before any handler can disable, reset or remove the form. A form that fails its
 * constraints is skipped at once: the browser fires a trusted `submit` only for a form that passed them, so the
 * companion checks them itself (as `checkValidity()` would, without its `invalid` events) only where the browser
 * did not — under `novalidate` (where controls that are not rendered do not count), for a `formnovalidate`
 * button, a submit event a script dispatched, and a click that submits. Validation libraries mark controls
 * `aria-invalid="true"` in their own submit handlers, which run later, so the rest waits until the page has
 * handled the event: the lead is built and queued in a task after it (`setTimeout`), when validators that settle in
 * microtasks have marked their controls too — or at `pagehide` (capture phase: before delivery's own listener sends
 * what is queued), should a navigation take the page first. Either way it is in the outbox before the page can go,
 * and the click that submitted pays only for reading values — the less so as the submit path runs once at idle
 * time with nothing to capture (the values read are forgotten), which compiles it before any click needs it.
 * Forms without any submit button (Ninja Forms) submit from a click handler and never fire `submit`: a click on
 * their last button counts as the submission.
 *
 * The lead goes through `captureLead` (cancelable `flowmatix:capture` on the form, or on `document` when the form
 * has left the page), with the form's `data-flowmatix-confirm` event, if any.
 *
 * @example
 * bindForms(window, { deliver: (snapshot, form, confirmEvent) => delivery.enqueue(snapshot, form, { confirmEvent }) });
 */
export const bindForms = (win: Window, options: BindFormsOptions): (() => void) => {
  const { now = Date.now, log = () => {}, forms, configure = [], isOwn = () => false } = options;
  const waits = awaitSubmission(isOwn);
  let bound = true;
  // A HubSpot form in a frame: its values come with the builder's success, for a frame opted in like a form.
  const listen = watchBuilders(waits.signal, (values, frame) =>
    guard(
      () =>
        bound &&
        (forms == 'auto' || frame?.closest(`[${ATTRIBUTES.form}]${forms ? ',' + forms : ''}`)) &&
        captureLead(
          { form: 'HubSpot form', at: new Date(now()).toISOString(), ...readCaptureFields(values) },
          frame || win.document,
          options,
        ),
    ),
  );
  // The script tag's configuration, then its form selection: a form opted in by either is bound like a marked one.
  const selected = (form: HTMLFormElement) => (configureElements(form, configure), selectForms(form, forms));
  let last: [form?: HTMLFormElement, values?: string, at?: number] = [];

  const decide = (
    form: HTMLFormElement,
    states: ControlState[],
    at: number,
    page: string,
    since: number,
    event?: Event,
    leaving?: boolean,
  ) => {
    const confirm = form.getAttribute(ATTRIBUTES.confirm) || undefined;
    const recipe = confirm ? undefined : BUILDER_RECIPES.find((candidate) => form.matches(candidate.form));
    // Without a submit event (a button the page listens to), nothing but the page can send the form.
    const prevented = !event || event.defaultPrevented;
    // A builder's markers are its own business: Gravity Forms sends a form back marked, and its next submit is sent.
    if (isMarkedInvalid(form) && (prevented || !recipe)) return log('skipped: marked invalid', form);
    const snapshot = readForm(form, new Date(at).toISOString(), states);
    if (!snapshot) return log('skipped: no consent or a honeypot', form);
    const values = JSON.stringify(snapshot.controls);
    if (last[0] == form && last[1] == values && at - last[2]! < DOUBLE_SUBMIT_MS) return log('skipped: repeated', form);
    last = [form, values, at];
    // A form awaiting confirmation stays the target when the page removed it: the page may confirm on it.
    const capture = () =>
      captureLead({ ...snapshot, page }, form.isConnected || confirm ? form : win.document, options, confirm);
    // The page sends a prevented submit itself, or not at all; a builder says which. Leaving, it has sent it.
    if (confirm || leaving || !(recipe || prevented)) return capture();
    log('waiting', form);
    listen();
    waits.hold({
      form,
      recipe,
      since,
      end: (sent) => guard(() => (sent ? capture() : emit(form, EVENTS.failed, { code: 'not_submitted' }))),
    });
  };

  // Kept small: it runs while the page handles the click that submitted. `validated`: the browser has checked the
  // form's constraints already.
  const observe = (form: HTMLFormElement, validated?: boolean, event?: Event) => {
    if (!form?.elements || !selected(form)) return;
    const at = now();
    const since = performance.now();
    const invalid =
      !validated &&
      [...form.elements].some(
        (c) =>
          (c as HTMLInputElement).willValidate &&
          !(c as HTMLInputElement).validity.valid &&
          // Under novalidate the page validates, and skips the fields it does not show (conditional logic).
          !(form.noValidate && (c.checkVisibility?.() === false || !c.getClientRects()[0])),
      );
    if (invalid) return log('skipped: invalid', form);
    const states = readControlStates(form);
    // SPA routers move on in their submit handlers: the page is the one the form was sent from.
    const page = win.location.pathname;
    // Once, whichever comes first: the task after the event, or pagehide.
    const later = (leaving?: Event) => {
      win.removeEventListener('pagehide', later, true);
      win.clearTimeout(timer);
      guard(() => decide(form, states, at, page, since, event, !!leaving));
    };
    const timer = win.setTimeout(later);
    win.addEventListener('pagehide', later, true);
  };

  // A browser fires a trusted submit only for a form that passed its constraints, unless it was told not to check
  // (novalidate, a formnovalidate button). Where it does not give the `submitter` (Safari before 15.4), a
  // formnovalidate button cannot be told apart: the companion checks.
  const onSubmit = (event: FormSubmit) => {
    const { target, isTrusted, submitter } = event;
    guard(() =>
      observe(target, isTrusted && !target.noValidate && submitter !== undefined && !submitter?.formNoValidate, event),
    );
  };
  const onClick = (event: Event) =>
    guard(() => {
      const button = (event.target as Element).closest?.('button,[type=button]') as HTMLButtonElement | null;
      const form = button?.form;
      const buttons =
        form &&
        !form.querySelector('[type=submit],button:not([type]),[type=image]') &&
        form.querySelectorAll('button,[type=button]');
      if (buttons && buttons[buttons.length - 1] == button) observe(form);
    });
  // At idle time, the submit path runs once with nothing to capture: the handler on a target that is no form (it
  // returns at its first check), and the reading of each bound form (the snapshot forgotten). The engine compiles a
  // function, and a regular expression, when it first runs; done here, the submission finds it all compiled.
  const warm = () => {
    onSubmit({ target: {} } as FormSubmit);
    guard(() => win.document.querySelectorAll('form').forEach((form) => selected(form) && readControls(form)));
  };
  // Safari has no requestIdleCallback: the next task is the nearest thing.
  if (win.requestIdleCallback) win.requestIdleCallback(warm);
  else win.setTimeout(warm);
  // Plain listeners, not an AbortSignal: a signal's first use costs a page's start-up more than both together.
  win.addEventListener('submit', onSubmit as EventListener, true);
  win.addEventListener('click', onClick, true);
  return () => {
    bound = false;
    win.removeEventListener('submit', onSubmit as EventListener, true);
    win.removeEventListener('click', onClick, true);
  };
};
