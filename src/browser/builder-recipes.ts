/**
 * How a form builder tells the page that a submission succeeded or failed. Builders submit asynchronously, so their
 * own signal, not the `submit` event, says whether a lead exists.
 */
export interface BuilderRecipe {
  /** CSS selector of the builder's `<form>` elements, as the builder prints them. */
  form: string;
  /**
   * Where the signals are dispatched:
   * - `dom`: DOM events bubbling from the form (or dispatched on `document` or `window`);
   * - `jquery`: events triggered through the page's jQuery, on the form or on `document`, which
   *   `addEventListener` never hears;
   * - `message`: `window.postMessage` callbacks (`{ type, eventName, id, data }`), trusted from the page's own
   *   origin and the builder's origins only.
   */
  via: 'dom' | 'jquery' | 'message';
  /** The success signals. */
  ok: string[];
  /** The failure signals: validation, spam, server error. */
  fail: string[];
  /** For a success signal whose data can still report errors: answers truthy when it does. */
  failed?: (data: unknown) => unknown;
}

/**
 * The builders whose own success and failure signals the companion follows, one row each: a form matching a row
 * is sent on a success signal and dropped on a failure signal; `data-flowmatix-confirm` on the form wins over its
 * row. Field names need no row: the relay reads builders' naming (`your-email`, `input_3`, `form_fields[name]`).
 * Only event names are taken from each builder's public documentation and source.
 *
 * @example
 * BUILDER_RECIPES.find((recipe) => form.matches(recipe.form));
 */
export const BUILDER_RECIPES: BuilderRecipe[] = [
  // Contact Form 7: DOM events on the form, named `wpcf7` and the submission's status.
  {
    form: '.wpcf7-form',
    via: 'dom',
    ok: ['wpcf7mailsent'],
    fail: ['wpcf7invalid', 'wpcf7spam', 'wpcf7mailfailed', 'wpcf7unaccepted', 'wpcf7aborted'],
  },
  // WPForms, AJAX forms: jQuery events on the form. Forms without AJAX submit natively, as plain forms do.
  {
    form: '.wpforms-ajax-form',
    via: 'jquery',
    ok: ['wpformsAjaxSubmitSuccess'],
    fail: ['wpformsAjaxSubmitFailed', 'wpformsAjaxSubmitError'],
  },
  // Elementor Pro forms: jQuery events on the form.
  { form: '.elementor-form', via: 'jquery', ok: ['submit_success'], fail: ['error'] },
  // Gravity Forms: jQuery events on document with the form id; a form sent back with errors is a page load.
  { form: '.gform_wrapper form', via: 'jquery', ok: ['gform_confirmation_loaded'], fail: ['gform_page_loaded'] },
  // Ninja Forms: one jQuery event on document for every answer of the server, carrying its errors, if any.
  {
    form: '.nf-form-cont form',
    via: 'jquery',
    ok: ['nfFormSubmitResponse'],
    fail: [],
    failed: (data) => Object.keys((data as { response?: { errors?: object } })?.response?.errors || 0)[0],
  },
  // HubSpot embedded forms: the forms script posts `hsFormCallback` messages to the page.
  { form: '.hs-form', via: 'message', ok: ['onFormSubmitted'], fail: [] },
];
