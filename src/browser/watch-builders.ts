import { BUILDER_RECIPES, type BuilderRecipe } from './builder-recipes';

// HubSpot's form origins. The page's own origin is trusted too: the forms script posts from the page, or from a
// frame it writes itself.
const HUBSPOT = /^https:\/\/([\w-]+\.)*(hsforms|hubspot)\.(com|net)$/;

/** As much of the page's jQuery as the companion uses. */
type PageJQuery = ((target: Document) => {
  on(types: string, handler: (event: Event, data: unknown) => void): void;
}) & {
  fn?: object;
};

/** Values a builder posted of a submission made in a frame, whose form the companion cannot read. */
export type PostedValues = Record<string, string>;

/**
 * Listens for the signals of the builders in `BUILDER_RECIPES`, each where its builder dispatches them, and hands
 * each to `heard` with its target and data, which answers whether a submission was waiting for it: DOM events in
 * the capture phase on `window`, `postMessage` callbacks from trusted origins only, and jQuery events through the
 * page's own jQuery, which `addEventListener` never hears. jQuery may load after the companion: call the function
 * this returns when a submission starts waiting, and it listens through the jQuery the page has then. A HubSpot
 * success that no submission waited for carries the values of a form in a frame: `posted` gets them, with the
 * frame when it is found.
 *
 * @example
 * const listen = watchBuilders(waits.signal, (values, frame) => capture(values, frame));
 * listen(); // when a submission starts waiting
 */
export const watchBuilders = (
  heard: (type: string, target?: unknown, data?: unknown) => boolean,
  posted: (values: PostedValues, frame?: HTMLIFrameElement) => void,
): (() => void) => {
  const names = (via: BuilderRecipe['via']) =>
    BUILDER_RECIPES.flatMap((recipe) => (recipe.via == via ? [...recipe.ok, ...recipe.fail] : []));

  for (const type of names('dom'))
    addEventListener(type, (event) => heard(type, event.target, (event as CustomEvent).detail), true);
  addEventListener('message', ({ data, origin, source }) => {
    if (
      (origin == location.origin || HUBSPOT.test(origin)) &&
      !heard(data?.eventName, source) &&
      data?.data?.submissionValues
    )
      posted(
        data.data.submissionValues,
        [...document.querySelectorAll('iframe')].find((frame) => frame.contentWindow == source),
      );
  });

  let hooked: unknown;
  return () => {
    const jQuery = (window as { jQuery?: PageJQuery }).jQuery;
    if (jQuery?.fn && jQuery != hooked) {
      hooked = jQuery;
      jQuery(document).on(names('jquery').join(' '), (event: Event, data: unknown) =>
        heard(event.type, event.target, data),
      );
    }
  };
};
