import { parseWidgetText, type WidgetIdentity } from './parse-widget-text';

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
