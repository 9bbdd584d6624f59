import type { WeighedScript } from './measure-sizes';

/** The name of our script among the weighed ones. */
export const OURS = 'flowmatix-leads';
/** The peers whose init is measured beside ours; the init goal is set against the first. */
export const INIT_PEERS = ['@formspree/ajax', 'plausible-tracker'] as const;
/** Where the bench pages' analytics tracker sends its pageview: answered by the init pages, never the internet. */
export const ANALYTICS_PATH = '/api/event';

/** A script whose init the main-thread figures measure. */
export interface InitSubject {
  name: string;
  /** The script's text, the same as weighed in the size rows. */
  source: string;
  /**
   * What a site calls once the script has run, to start it on the bench page's contact form (`''` for ours: it
   * starts itself). Runs inside the marks, right after the script.
   */
  start: string;
  /**
   * An expression, true in the page once the script has started: a script that failed to load or start must not
   * pass for a fast init.
   */
  started: string;
}

// Each as its own documentation shows a site starting it: formspree's `initForm` command on the form (its
// `onInit` runs once the form is bound), plausible-tracker's factory and automatic pageviews (which wrap
// `history.pushState`, and send the first pageview at once).
const STARTS: Record<string, Pick<InitSubject, 'start' | 'started'>> = {
  [OURS]: { start: '', started: "typeof window.FlowmatixLeads?.push === 'function'" },
  '@formspree/ajax': {
    start:
      "formspree('initForm', { formElement: 'form[data-flowmatix]', formId: 'bench', " +
      'onInit: function () { window.__formspreeStarted = true; } });',
    started: 'window.__formspreeStarted === true',
  },
  'plausible-tracker': {
    start:
      "Plausible({ domain: 'bench.example', apiHost: location.origin, trackLocalhost: true }).enableAutoPageviews();",
    started: "!String(history.pushState).includes('[native code]')",
  },
};

/**
 * Ours and the init peers, from the scripts weighed for the size rows (so both rows measure the same files), each
 * with the call that starts it on the bench page. Throws when one of them was not weighed.
 *
 * @example
 * const [ours, formspree, plausible] = initSubjects(await measureSizes(companion));
 */
export const initSubjects = (weighed: readonly WeighedScript[]): InitSubject[] =>
  [OURS, ...INIT_PEERS].map((name) => {
    const script = weighed.find((candidate) => candidate.name === name);
    const start = STARTS[name];
    if (!script || !start) throw new Error(`${name} was not weighed: its init cannot be measured`);
    return { name, source: script.text, ...start };
  });
