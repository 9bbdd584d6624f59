import { DEFAULT_RELAY_PATH } from '../shared/relay-protocol';
import { ATTRIBUTES as A } from './attributes';
import type { Configuration } from './configure-elements';
import { warn } from './guard';

/** The companion's settings, read once from its script tag. */
export interface ScriptConfig {
  /**
   * Where leads are posted: `data-relay` as written (default `/api/flowmatix/lead`). Delivery resolves it against
   * the page (not the script, nor a `<base href>`), so the relay is same-origin with the page even when the script
   * comes from a CDN.
   */
  relay: string;
  /** `data-uuid-key`: the sessionStorage key of the visitor UUID, when discovery should not guess. */
  uuidKey?: string;
  /**
   * `data-uuid-wait`, in seconds: how long a lead waits for the visitor UUID before it is sent without one, for the
   * relay to hold (`undefined`: delivery's default, 15; `0`: at once). A value that is no number of seconds is
   * ignored with a warning.
   */
  uuidWait?: number;
  /** `data-bot-id`: overrides the widget tag. */
  botId?: string;
  /** `data-customer-id`: overrides the widget tag. */
  customerId?: string;
  /** `data-default-dial-code` as written (`+91`); the relay reads it, as it reads dial-code fields. */
  defaultDialCode?: string;
  /** `data-forms`: a CSS selector of more forms to bind, or `auto`. */
  forms?: string;
  /** `data-configure`: selector-keyed attributes, as JSON; JSON that does not parse is ignored with a warning. */
  configure?: Configuration;
  /** `data-debug` on the tag, or `flowmatix-debug` in the page URL's query. */
  debug: boolean;
}

/**
 * The companion's own `<script>` tag: `document.currentScript` while a classic script runs (also `defer` and
 * `async`); otherwise (`type=module`, or a tag manager that evaluates the code itself) the last tag whose src is
 * `…/flowmatix-leads.js`, query string allowed. `null` when there is none (bundled ESM use).
 *
 * @example
 * const config = readScriptConfig(findCompanionScript(document), location.href);
 */
export const findCompanionScript = (doc: Document): Element | null =>
  doc.currentScript ||
  [...doc.scripts].filter((script) => /\/flowmatix-leads(\.min)?\.js([?#]|$)/.test(script.src)).pop() ||
  null;

const parseJson = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    warn('ignored', A.configure, text);
  }
};

/**
 * Reads the companion's settings from its script tag (`findCompanionScript`); missing or empty attributes take
 * their defaults. Nothing is parsed as a URL here: this runs while the page starts; delivery resolves the relay
 * against the page when it starts, in a later task.
 *
 * @example
 * readScriptConfig(document.querySelector('script[data-relay]'), location.href);
 * // { relay: '/api/flowmatix/lead', debug: false, … }
 */
export const readScriptConfig = (script: Element | null, pageUrl: string): ScriptConfig => {
  const read = (name: string) => script?.getAttribute(name)?.trim() || undefined;
  const wait = read(A.uuidWait);
  const configure = read(A.configure);
  return {
    relay: read(A.relay) || DEFAULT_RELAY_PATH,
    uuidKey: read(A.uuidKey),
    // `+undefined` is NaN: an absent attribute takes the default without a warning.
    uuidWait: +wait! >= 0 ? +wait! : wait ? void warn('ignored', A.uuidWait, wait) : undefined,
    botId: read(A.botId),
    customerId: read(A.customerId),
    defaultDialCode: read(A.defaultDialCode),
    forms: read(A.forms),
    configure: configure && parseJson(configure),
    // In the query, not the fragment: `?flowmatix-debug`, `&flowmatix-debug=1`.
    debug: !!script?.hasAttribute(A.debug) || /^[^#]*[?&]flowmatix-debug([=&#]|$)/.test(pageUrl),
  };
};
