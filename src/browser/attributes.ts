/**
 * Every HTML attribute the companion reads, in one place: presence means on. Script-tag attributes go on the
 * companion's own `<script>`; the `data-flowmatix*` ones on forms and controls.
 *
 * The JSDoc of each entry is its reference documentation (description, then an `@example`); the table in
 * docs/attributes.md is built from it, and the bundle carries none of it.
 *
 * @example
 * document.querySelectorAll(`form[${ATTRIBUTES.form}]`);
 */
export const ATTRIBUTES = {
  /**
   * On a form: opts it in. Its value, when given, labels the form in the note every lead carries.
   * @example <form data-flowmatix="Contact us"> … </form>
   */
  form: 'data-flowmatix',
  /**
   * On a control: maps it explicitly, winning over detection. One of `name`, `first-name`, `last-name`, `email`,
   * `phone`, `dial-code`, `note`, `tags` or `attribute:KEY`. Sensitive controls stay dropped even when mapped.
   * @example <input name="contact_mobile" data-flowmatix-field="phone">
   */
  field: 'data-flowmatix-field',
  /**
   * On a control or any container of controls: never captured.
   * @example <div data-flowmatix-ignore><input name="internal_ref"></div>
   */
  ignore: 'data-flowmatix-ignore',
  /**
   * On a form: tags every lead from it (comma-separated).
   * @example <form data-flowmatix data-flowmatix-tags="website,pricing-page">
   */
  tags: 'data-flowmatix-tags',
  /**
   * On a checkbox: the consent gate. Unchecked, nothing is sent; checked, the lead records the box's label text and
   * the time.
   * @example <label><input type="checkbox" data-flowmatix-consent> I agree to be contacted</label>
   */
  consent: 'data-flowmatix-consent',
  /**
   * On a control hidden from people: when it is filled, the submission is dropped silently (bots fill every field).
   * @example <input name="website" tabindex="-1" autocomplete="off" style="display:none" data-flowmatix-honeypot>
   */
  honeypot: 'data-flowmatix-honeypot',
  /**
   * On a form: captures at submit, but sends only when the page dispatches this event on the form (for AJAX forms
   * whose real success only the page knows).
   * @example <form data-flowmatix data-flowmatix-confirm="contact:sent">
   */
  confirm: 'data-flowmatix-confirm',
  /**
   * On the companion's script tag: where leads are posted. Resolved against the page, so the default
   * `/api/flowmatix/lead` is same-origin.
   * @example <script src="/flowmatix-leads.js" data-relay="/api/leads" defer></script>
   */
  relay: 'data-relay',
  /**
   * On the companion's script tag: the sessionStorage key that holds the visitor UUID, when discovery should not
   * guess. The value may be the UUID itself or JSON that contains it.
   * @example <script src="/flowmatix-leads.js" data-uuid-key="bp-visitor" defer></script>
   */
  uuidKey: 'data-uuid-key',
  /**
   * On the companion's script tag: how many seconds a lead waits for the visitor UUID (the widget creates it only
   * when the chat is opened) before it goes to the relay without one, to be held there and joined to the chat if
   * the UUID appears later in the tab. Default 15; `0` sends at once. A page that is hidden or closed sends at once.
   * @example <script src="/flowmatix-leads.js" data-uuid-wait="30" defer></script>
   */
  uuidWait: 'data-uuid-wait',
  /**
   * On the companion's script tag: the BotId, overriding the one read from the widget's tag.
   * @example <script src="/flowmatix-leads.js" data-bot-id="64f0c0ffee0123456789abcd" defer></script>
   */
  botId: 'data-bot-id',
  /**
   * On the companion's script tag: the CustomerId, overriding the one read from the widget's tag.
   * @example <script src="/flowmatix-leads.js" data-customer-id="64f0c0ffee0123456789dcba" defer></script>
   */
  customerId: 'data-customer-id',
  /**
   * On the companion's script tag: the dial code for phone numbers typed without one and with no dial-code field.
   * @example <script src="/flowmatix-leads.js" data-default-dial-code="+91" defer></script>
   */
  defaultDialCode: 'data-default-dial-code',
  /**
   * On the companion's script tag: binds more forms than those marked `data-flowmatix`, forms rendered later too.
   * A CSS selector binds the forms it matches; `auto` binds every form with an email or phone input and no password,
   * search, card or one-time-code input, and never a form whose action, id, class, name or role says search, login,
   * sign-in, checkout or comment.
   * @example <script src="/flowmatix-leads.js" data-forms=".wpcf7-form, .wpforms-form" defer></script>
   */
  forms: 'data-forms',
  /**
   * On the companion's script tag: the form and control attributes without touching the markup, as JSON: CSS
   * selectors, each with the attributes its elements get, named after `data-flowmatix-` (`label` for
   * `data-flowmatix` itself; `true` for an attribute without a value). `FlowmatixLeads.push(['configure', {…}])`
   * takes the same object.
   * @example <script src="/flowmatix-leads.js" data-configure='{"form.wpcf7-form":{"label":"Contact","tags":"cf7"},"[name=your-tel]":{"field":"phone"}}' defer></script>
   */
  configure: 'data-configure',
  /**
   * On the companion's script tag: prints the bound forms, mapped fields and dropped fields to the console. Adding
   * `?flowmatix-debug` to the page's URL does the same without editing the page.
   * @example <script src="/flowmatix-leads.js" data-debug defer></script>
   */
  debug: 'data-debug',
} as const;

export type AttributeName = (typeof ATTRIBUTES)[keyof typeof ATTRIBUTES];
