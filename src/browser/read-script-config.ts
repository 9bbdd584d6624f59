import { DEFAULT_RELAY_PATH } from '../shared/relay-protocol';
import { ATTRIBUTES as A } from './attributes';

/** The companion's settings, read once from its script tag. */
export interface ScriptConfig {
  /** Absolute URL leads are posted to: `data-relay`, resolved against the page (default `/api/flowmatix/lead`). */
  relay: string;
  /** `data-uuid-key`: the sessionStorage key of the visitor UUID, when discovery should not guess. */
  uuidKey?: string;
  /** `data-bot-id`: overrides the widget tag. */
  botId?: string;
  /** `data-customer-id`: overrides the widget tag. */
  customerId?: string;
  /** `data-default-dial-code` as written (`+91`); the relay reads it, as it reads dial-code fields. */
  defaultDialCode?: string;
  /** `data-debug` on the tag, or `flowmatix-debug` in the page URL's query. */
  debug: boolean;
}

/**
 * Reads the companion's settings from its script tag (`findCompanionScript`); missing or empty attributes take
 * their defaults. The relay is resolved against the page, not the script: it is same-origin with the page even
 * when the script comes from a CDN.
 *
 * @example
 * readScriptConfig(document.querySelector('script[data-relay]'), location.href);
 * // { relay: 'https://shop.example/api/flowmatix/lead', debug: false, … }
 */
export const readScriptConfig = (script: Element | null, pageUrl: string): ScriptConfig => {
  const read = (name: string) => script?.getAttribute(name)?.trim() || undefined;
  const page = new URL(pageUrl);
  return {
    relay: new URL(read(A.relay) || DEFAULT_RELAY_PATH, page).href,
    uuidKey: read(A.uuidKey),
    botId: read(A.botId),
    customerId: read(A.customerId),
    defaultDialCode: read(A.defaultDialCode),
    debug: !!script?.hasAttribute(A.debug) || page.searchParams.has('flowmatix-debug'),
  };
};
