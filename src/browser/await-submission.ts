import type { BuilderRecipe } from './builder-recipes';

/** How long a held submission waits for evidence that the page sent it, from the submit on. */
export const SUBMISSION_WAIT_MS = 20_000;

/**
 * Whether a validation library has marked a control of the form (or its group) invalid: `aria-invalid`,
 * Bootstrap's `.is-invalid`, Pristine's `.has-danger`, Parsley's `.parsley-error`, jquery-validation's and HubSpot's
 * `.error` on the control.
 *
 * @example
 * isMarkedInvalid(form); // true while jquery-validation shows an error
 */
export const isMarkedInvalid = (form: HTMLFormElement): boolean =>
  !!form.querySelector(
    '[aria-invalid=true],.is-invalid,.has-danger,.parsley-error,input.error,select.error,textarea.error',
  );

/** A submission that waits for evidence that the page really sent it. */
export interface HeldSubmission {
  form: HTMLFormElement;
  /** The builder's recipe: only its signals count then. */
  recipe?: BuilderRecipe;
  /** `performance.now()` at the submit. */
  since: number;
  /** Called once: whether the page sent it. */
  end(sent: boolean): void;
}

/** The submissions that wait; see {@link awaitSubmission}. */
export interface SubmissionWaits {
  /** Holds a submission; one of the same form that still waits ends unsent. */
  hold(held: HeldSubmission): void;
  /**
   * A builder's signal `type` was heard, on `target` (the form, `document`, `window`), with `data`: ends the
   * submissions of the builders that know it, sent or not by their recipe, all of them or only the form's when
   * `target` is an element. Answers whether one was waiting.
   */
  signal(type: string, target?: unknown, data?: unknown): boolean;
}

const shown = (element: Element) => element.isConnected && !!element.getClientRects()[0];
// The registrable part of a host, near enough: api.shop.example and shop.example are one site.
const site = (url: string) => new URL(url, location.href).hostname.split('.').slice(-2).join();

/**
 * Holds submissions that the page prevented (it sends them itself, or its validation stopped them) until there is
 * evidence either way. A builder's form waits for its recipe's signals (`signal`).
 * Any other form counts as sent when the page starts a request after the submit to its own site or to the form's
 * `action` (Resource Timing sees it, so `fetch` is never patched; an answer of 400 or more, where the browser tells
 * it, means not sent), when the page resets the form, or when the form is hidden or removed (replaced by a success
 * message) — unless a control is marked invalid by then. The page going away sends what waits: it navigates after
 * the submit. Nothing of this within {@link SUBMISSION_WAIT_MS} means not sent. `isOwn` tells the companion's own
 * requests.
 *
 * @example
 * const waits = awaitSubmission((url) => url.startsWith(relayUrl));
 * waits.hold({ form, since: performance.now(), end: (sent) => sent && captureLead(…) });
 */
export const awaitSubmission = (isOwn: (url: string) => boolean): SubmissionWaits => {
  const held = new Set<HeldSubmission>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let observer: PerformanceObserver | undefined;
  const end = (waiting: HeldSubmission, sent: boolean, evidence?: boolean) =>
    held.delete(waiting) && waiting.end(sent && !(evidence && isMarkedInvalid(waiting.form)));

  const tick = () => {
    held.forEach((waiting) => {
      const { form, recipe, since } = waiting;
      if (!recipe && !shown(form)) end(waiting, true, true);
      if (performance.now() - since > SUBMISSION_WAIT_MS) end(waiting, false);
    });
    if (!held.size) timer = void clearInterval(timer);
  };

  const requested = (entries: PerformanceEntryList) => {
    for (const entry of entries as (PerformanceResourceTiming & { responseStatus: number })[])
      if (/^(fetch|xmlhttprequest|beacon)$/.test(entry.initiatorType) && !isOwn(entry.name))
        held.forEach(
          (waiting) =>
            !waiting.recipe &&
            entry.startTime >= waiting.since &&
            [site(''), site(waiting.form.getAttribute('action') || '')].includes(site(entry.name)) &&
            end(waiting, !(entry.responseStatus >= 400), true),
        );
  };

  // Capture phase: before delivery's own pagehide listener beacons what is queued. A builder's marks are its own.
  addEventListener('pagehide', () => held.forEach((waiting) => end(waiting, true, !waiting.recipe)), true);
  // A page that clears its form has sent it: Chromium lists a fetch whose answer says `Cache-Control: no-store` only
  // once the page reads that answer, and many pages look at the status alone. Weighed in the next task: a reset in
  // the page's submit handler comes before that submission's hold, which replaces an older one of the form; and an
  // answer of 400 or more already known wins.
  addEventListener(
    'reset',
    (event) => {
      const at = performance.now();
      setTimeout(() => {
        requested(observer?.takeRecords?.() || []);
        held.forEach(
          (waiting) =>
            !event.defaultPrevented &&
            !waiting.recipe &&
            waiting.form == event.target &&
            at >= waiting.since &&
            end(waiting, true, true),
        );
      });
    },
    true,
  );

  return {
    hold(waiting) {
      held.forEach((other) => other.form == waiting.form && end(other, false));
      held.add(waiting);
      timer ||= setInterval(tick, 250);
      // Buffered: a quick answer may have come before the first hold.
      if (!observer)
        (observer = new PerformanceObserver((list) => requested(list.getEntries()))).observe({
          type: 'resource',
          buffered: true,
        });
    },
    signal(type, target, data) {
      let found = false;
      held.forEach(({ recipe, form }, waiting) => {
        const ok = recipe?.ok.includes(type);
        if (recipe && (ok || recipe.fail.includes(type)) && (!(target as Element)?.matches || target == form)) {
          found = true;
          end(waiting, !!ok && !recipe.failed?.(data));
        }
      });
      return found;
    },
  };
};
