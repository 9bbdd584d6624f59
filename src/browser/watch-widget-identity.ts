import type { WidgetIdentity } from './parse-widget-text';
import { readWidgetIdentity } from './read-widget-identity';

/**
 * Calls `onFound` once with the widget's identity: at once when its tag is there, else as soon as it is inserted
 * or its text is set (tag managers and consent banners add the widget after us). Observing stops when the identity
 * is found, or when the returned function is called.
 *
 * @example
 * const stop = watchWidgetIdentity(document, (identity) => console.log(identity.botId));
 */
export const watchWidgetIdentity = (doc: Document, onFound: (identity: WidgetIdentity) => void): (() => void) => {
  const observer = new MutationObserver(() => {
    const identity = readWidgetIdentity(doc);
    if (identity) observer.disconnect(), onFound(identity);
  });
  const identity = readWidgetIdentity(doc);
  if (identity) onFound(identity);
  else observer.observe(doc, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
};
