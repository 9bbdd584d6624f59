import type { LeadSnapshot } from '../shared/lead-snapshot';
import { DEFAULT_RELAY_PATH } from '../shared/relay-protocol';
import { bindForms } from './bind-forms';
import { captureLead } from './capture-lead';
import { configureElements, type Configuration } from './configure-elements';
import { createDelivery, type Delivery, type DeliveryOutcome } from './create-delivery';
import { debugForms, type DebugRow } from './debug-forms';
import { EVENTS } from './events';
import { findVisitorUuid } from './find-visitor-uuid';
import { guard, warn } from './guard';
import { readCaptureFields, type CaptureFields } from './read-capture-fields';
import { readScriptConfig, type ScriptConfig } from './read-script-config';
import { readWidgetIdentity, type WidgetIdentity } from './read-widget-identity';
import { selectForms } from './select-forms';

/**
 * Settings for `startFlowmatixLeads`: the script-tag settings (each optional; `uuidWait` in seconds, like
 * `data-uuid-wait`), and a delivery to use instead.
 */
export interface StartOptions extends Partial<ScriptConfig> {
  /** A delivery to use instead of the default one (relay posts from this tab's outbox). */
  delivery?: Delivery;
}

/** The companion's API; `window.FlowmatixLeads` when it is loaded by its script tag. */
export interface FlowmatixLeadsApi {
  /**
   * Captures a lead from named values (each a control named by its key, which the relay maps like a form's) and
   * hands it to delivery, announced by a cancelable `flowmatix:capture` on `document`; `label` titles the lead's
   * note. Answers the lead's idempotency key, or `undefined` when a listener cancelled it. Throws a `TypeError`
   * when `fields` is no object.
   */
  capture(fields: CaptureFields, label?: string): string | undefined;
  /**
   * Adds selector-keyed attributes, set on a form and its controls at each submit as if the markup had them (see
   * `data-configure`). Throws a `TypeError` when `rules` is no object.
   */
  configure(rules: Configuration): void;
  /** Sends every lead that is due now. */
  flush(): Promise<DeliveryOutcome>;
  /**
   * Prints with `console.table` (and answers) what each control of each bound form maps to, as the relay's preview
   * says, and what the browser keeps back.
   */
  debug(): Promise<DebugRow[]>;
  /** Unbinds forms and stops delivery's listeners and timers. */
  stop(): void;
}

/**
 * Starts the companion in a page: finds the widget's BotId/CustomerId and the visitor UUID when a lead needs them,
 * captures `form[data-flowmatix]` submissions and delivers them to the relay. Only the form binding happens at
 * once; delivery starts (sending what earlier pages left) in the next task, or with the first lead if that comes
 * first. The script-tag build calls it with its tag's settings; with a bundler, call it yourself (it reads no
 * script tag).
 *
 * @example
 * import { startFlowmatixLeads } from 'flowmatix-leads';
 * const leads = startFlowmatixLeads({ defaultDialCode: '+91', uuidWait: 30 });
 * leads.capture({ name: 'Ada Lovelace', email: 'ada@example.com' }, 'Newsletter');
 */
export const startFlowmatixLeads = (options: StartOptions = {}): FlowmatixLeadsApi => {
  const {
    delivery: given,
    relay = DEFAULT_RELAY_PATH,
    uuidKey,
    uuidWait,
    botId,
    customerId,
    defaultDialCode,
    debug = readScriptConfig(null, location.href).debug,
    forms,
    configure,
  } = options;
  const rules: Configuration[] = configure ? [configure] : [];
  const log = debug ? (...args: unknown[]) => console.info('[flowmatix-leads]', ...args) : undefined;
  // Against the page, not a <base href> the page may point at another origin; resolved when needed, not at start-up.
  const relayUrl = (path = '') => new URL(path, new URL(relay, location.href)).href;
  // Read when a lead needs it, not watched for: tag managers and consent banners add the widget after us, and a
  // lead captured before that waits in the outbox, which asks again at each flush. Once found, it is kept.
  let widget: WidgetIdentity | undefined;
  const identity = () => {
    widget ||= readWidgetIdentity(document);
    return {
      uuid: findVisitorUuid(uuidKey),
      botId: botId || widget?.botId,
      customerId: customerId || widget?.customerId,
    };
  };
  // Made in the task after this one (or by a lead before it): what the page does while it starts comes first.
  let delivery: Delivery | undefined;
  let stopped = false;
  let stopDelivery = () => {};
  const active = (): Delivery => {
    if (!delivery) {
      let storage: Storage | undefined;
      try {
        storage = sessionStorage;
      } catch {
        // Sandboxed frames and some private modes refuse storage: delivery keeps leads in memory then.
      }
      delivery = given || createDelivery({ relayUrl: relayUrl(), storage, identity, uuidWait, log });
      if (!stopped) stopDelivery = delivery.start();
    }
    return delivery;
  };
  // Guarded: a relay URL that cannot be read warns instead of throwing into the page.
  const starting = setTimeout(() => guard(active));
  const hooks = {
    deliver: (snapshot: LeadSnapshot, target: EventTarget, confirmEvent?: string) =>
      active().enqueue(snapshot, target, { confirmEvent }),
    defaultDialCode,
    log,
  };
  // The relay's own path (lead and preview): its requests are never the page sending a form.
  const unbind = bindForms(window, {
    ...hooks,
    forms,
    configure: rules,
    isOwn: (url) => url.startsWith(relayUrl('.')),
  });
  // An answer that means the relay or the page is set up wrong is said once per page, debug mode or not, with the fix.
  const told: Record<string, string> = {};
  const misconfigured = (event: Event) => {
    const { code, status, message, lead } = (event as CustomEvent).detail;
    const fix =
      status == 404
        ? `no relay at ${relayUrl()} (data-relay)`
        : code == 'unknown_bot'
          ? `add ${lead?.botId}:${lead?.customerId} to FLOWMATIX_BOTS`
          : /forbidden_origin|too_large|unsupported_media_type/.test(code) && message;
    if (fix && !told[code]) warn(code, (told[code] = fix));
  };
  addEventListener(EVENTS.failed, misconfigured);

  return {
    configure(given) {
      if (!(given instanceof Object)) throw new TypeError('[flowmatix-leads] configure(rules) takes an object');
      rules.push(given);
    },
    capture: (fields, label = 'Website') =>
      captureLead({ form: label, at: new Date().toISOString(), ...readCaptureFields(fields) }, document, hooks),
    flush: () => active().flush(),
    async debug() {
      console.info('[flowmatix-leads]', { relay, forms, ...identity() });
      // Configured and selected here as at a submit, so that the preview lists the forms data-forms binds.
      if (![...document.forms].filter((form) => (configureElements(form, rules), selectForms(form, forms)))[0])
        warn(
          `no form is bound, of ${document.forms.length}:`,
          forms ? `data-forms="${forms}" selects none` : 'none has data-flowmatix, and the script tag no data-forms',
        );
      const rows = await debugForms(document, relayUrl('preview'), defaultDialCode);
      console.table(rows);
      return rows;
    },
    stop() {
      stopped = true;
      clearTimeout(starting);
      removeEventListener(EVENTS.failed, misconfigured);
      unbind();
      stopDelivery();
    },
  };
};
