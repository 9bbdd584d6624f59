import { UUID_PATTERN } from '../shared/is-uuid';

// Keys and JSON properties where analytics, chat and shop scripts keep ids of their own (Google, Hotjar, Facebook,
// Matomo, Clarity, HubSpot, Segment, Amplitude, Mixpanel, PostHog…), and our own outbox: never the widget's visitor.
const DECOY =
  /^(_g|_hj|_fb|_pk|_cl|__|ajs|amp|mp_|ph_)|analytic|segment|intercom|track|sentry|cart|csrf|token|flowmatix-leads|anonymous|distinct|device|trace/i;
const OURS = /flowmatix|botpenguin|(^|[^a-z])bp([^a-z]|$)/i;
const LIKELY = /uuid|visitor|user/i;

// A UUID anywhere in a text: values without one are not parsed (apps keep megabytes of JSON in sessionStorage).
const SHAPE = RegExp(UUID_PATTERN.source.slice(1, -1), 'i');
// The widget's key the UUID was found under: read alone the next time, all keys again once it holds none.
let found: string | undefined;

const scan = (store: Storage, names: string[], key?: string): string | undefined => {
  let best: string | undefined;
  let where: string | undefined;
  let top = -1;
  let ambiguous = false;
  for (const name of names) {
    const raw = store.getItem(name) || '';
    if (raw.length > 1e5 || !SHAPE.test(raw)) continue;
    const score = key ? 9 : OURS.test(name) ? 4 : LIKELY.test(name) ? 2 : 0;
    const consider = (value: unknown, path: string, depth: number): void => {
      if (value && typeof value == 'object' && depth < 3) {
        for (const inner in value) consider((value as Record<string, unknown>)[inner], `${path} ${inner}`, depth + 1);
      } else if (typeof value == 'string' && UUID_PATTERN.test(value) && (key || !DECOY.test(name + path))) {
        const points = score + +LIKELY.test(path);
        if (points > top) [best, where, top, ambiguous] = [value, name, points, false];
        else if (points == top && value != best) ambiguous = true;
      }
    };
    let value: unknown = raw.trim();
    try {
      value = JSON.parse(raw);
    } catch {
      // Not JSON: the value itself.
    }
    consider(value, '', 0);
  }
  if (ambiguous && top < 1) return;
  // Only the widget's own key is remembered: under any other, a UUID that appears later may change the answer.
  if (!key) found = top > 3 ? where : undefined;
  return best;
};

/**
 * Finds the visitor UUID the Flowmatix widget keeps in sessionStorage under a key that is not documented. With
 * `key` (`data-uuid-key`) only that entry is read. Otherwise every entry is scanned: a value that is a UUID, or JSON
 * holding one up to two levels deep, is a candidate; analytics keys and properties never are; a key naming
 * flowmatix/botpenguin/bp beats one naming uuid/visitor/user, which beats the rest, and a property named so adds a
 * little. A UUID under a key that says nothing is taken only when no other UUID competes. `undefined` when there is
 * none yet (the widget creates it when the bot opens) or storage cannot be read; never throws.
 *
 * @example
 * findVisitorUuid(); // '0f8fad5b-d9cb-469f-a165-70867728950e' | undefined
 * findVisitorUuid('bp-visitor'); // only that key
 */
export const findVisitorUuid = (key?: string, storage: () => Storage = () => sessionStorage): string | undefined => {
  try {
    const store = storage();
    return (!key && found && scan(store, [found])) || scan(store, key ? [key] : Object.keys(store), key);
  } catch {
    // Storage that cannot be read holds no UUID for us.
  }
};
