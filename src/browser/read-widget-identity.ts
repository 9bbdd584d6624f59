/** The two ids the widget tag carries. */
export interface WidgetIdentity {
  botId: string;
  customerId: string;
}

/**
 * Reads BotId and CustomerId from the widget tag's text ("BotId,CustomerId"), tolerating whitespace, newlines and
 * quotes, or from a hosted bot page URL (`https://page.flowmatix.ai/BotId/CustomerId`). Ids are what the relay
 * accepts: up to 128 letters, digits, `_` or `-`. Never throws; text holding no such pair gives `undefined`.
 *
 * @example
 * parseWidgetText(' "64f0a1,64f0b2" \n'); // { botId: '64f0a1', customerId: '64f0b2' }
 * parseWidgetText('BOT_ID'); // undefined
 */
export const parseWidgetText = (text: string): WidgetIdentity | undefined => {
  const match =
    /^\s*([\w-]{1,128})\s*,\s*([\w-]{1,128})\s*,?\s*$/.exec(text.replace(/["'`]/g, '')) ||
    /^\s*https?:\/\/page\.flowmatix\.ai\/([\w-]{1,128})\/([\w-]{1,128})\/?([?#]\S*)?\s*$/.exec(text);
  return match ? { botId: match[1]!, customerId: match[2]! } : undefined;
};

/**
 * Finds the widget's BotId and CustomerId in the page: the text of `#flowmatix-messenger-widget`, else of any
 * script loaded from `…/flowmatix.js`, else the URL of an embedded hosted bot page
 * (`<iframe src="https://page.flowmatix.ai/BotId/CustomerId">`). `undefined` until one of them is there.
 *
 * @example
 * readWidgetIdentity(document); // { botId, customerId } | undefined
 */
export const readWidgetIdentity = (doc: Document): WidgetIdentity | undefined =>
  [
    ...doc.querySelectorAll(
      '#flowmatix-messenger-widget,script[src*="/flowmatix.js"],iframe[src*="//page.flowmatix.ai/"]',
    ),
  ]
    .map((tag) => parseWidgetText(tag.textContent || tag.getAttribute('src') || ''))
    .find(Boolean);
