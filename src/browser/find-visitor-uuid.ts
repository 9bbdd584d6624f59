import { isUuid } from '../shared/is-uuid';

// Keys where analytics, chat and shop scripts keep ids of their own (Google, Hotjar, Facebook, Matomo, Clarity,
// HubSpot, Segment, Amplitude, Mixpanel, PostHog…), and our own outbox: never the widget's visitor.
const DECOY = /^(_g|_hj|_fb|_pk|_cl|__|ajs|amp|mp_|ph_)|analytic|segment|intercom|posthog|mixpanel|track|sentry|cart|csrf|token|flowmatix-leads/i;
// JSON properties that hold an analytics id even under a key we do not know.
const DECOY_PROPERTY = /anonymous|distinct|device|trace/i;
const OURS = /flowmatix|botpenguin|(^|[^a-z])bp([^a-z]|$)/i;
const LIKELY = /uuid|visitor|user/i;

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
  let best: string | undefined;
  let top = -1;
  let ambiguous = false;
  const consider = (value: unknown, path: string, score: number, depth: number) => {
    if (typeof value == 'string') {
      score += +LIKELY.test(path);
      if (!isUuid(value) || DECOY_PROPERTY.test(path)) return;
      if (score > top) [best, top, ambiguous] = [value, score, false];
      else if (score == top && value != best) ambiguous = true;
    } else if (value && typeof value == 'object' && depth < 3) {
      for (const [name, inner] of Object.entries(value)) consider(inner, `${path} ${name}`, score, depth + 1);
    }
  };
  try {
    const store = storage();
    for (const name of key ? [key] : Object.keys(store)) {
      const raw = store.getItem(name);
      if (!raw || raw.length > 1e5 || (!key && DECOY.test(name))) continue;
      let value: unknown = raw.trim();
      try {
        value = JSON.parse(raw);
      } catch {
        // Not JSON: the value itself.
      }
      consider(value, '', key ? 9 : OURS.test(name) ? 4 : LIKELY.test(name) ? 2 : 0, 0);
    }
  } catch {
    return;
  }
  return ambiguous && top < 1 ? undefined : best;
};
