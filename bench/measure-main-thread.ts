import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { INIT_MARKS } from './fixture-page';
import { OURS, type InitSubject } from './init-subjects';
import { median } from './percentile';
import { NO_SCRIPT, type InitPages } from './start-init-pages';

/** The init of one script, from its loads among the alternated ones. */
export interface InitFigure {
  name: string;
  /**
   * Its evaluation (parse, compile and run of the script inline between two marks, and the call that starts it):
   * the median between the marks less the median of the same marks around an empty script.
   */
  initMs: number;
  /** Median of the marked evaluation itself. */
  markedMs: number;
  /** Median of the run alone: from the script's first statement (parsed and compiled by then) to the end mark. */
  runMs: number;
}

export interface MainThreadFigures {
  /** Ours first, then each peer, in the order given. */
  init: InitFigure[];
  /** Median of the marks around an empty script (what the marks cost). */
  initWithoutMs: number;
  /** Median ms of the `submit` dispatch with the companion minus the median without it. */
  submitMs: number;
  /** Long tasks (≥ 50 ms) seen on companion pages from its evaluation on, all runs together. */
  longTasks: number;
  /** Page loads with each script (and as many with none). */
  runs: number;
  /** Medians of the submit dispatch itself, with and without the companion. */
  submitWithMs: number;
  submitWithoutMs: number;
}

declare global {
  interface Window {
    __submitStart?: number;
    __submitMs?: number;
    __sent?: boolean;
    __longTasks?: { startTime: number; duration: number }[] | null;
  }
}

// Registered before any page script: the first capture listener on window opens the submit dispatch; the last
// bubble listener on window, added once the page has loaded (after the companion's own), closes it. The browser
// dispatches a clicked form's submit with no script on the stack, so microtasks queued by a listener run before
// the next listener: what the companion starts in its handlers is inside the window.
const timeSubmitDispatch = (): void => {
  if (window.top !== window) return;
  addEventListener('submit', () => (window.__submitStart = performance.now()), true);
  addEventListener('load', () =>
    addEventListener('submit', () => (window.__submitMs = performance.now() - (window.__submitStart ?? NaN))),
  );
  document.addEventListener('flowmatix:sent', () => (window.__sent = true));
};

interface LoadFigures {
  initMs: number;
  runMs: number;
  submitMs?: number;
  longTasks: number;
}

const readFigures = (marks: typeof INIT_MARKS) => {
  const init = performance.getEntriesByName(marks.init, 'measure')[0];
  const run = performance.getEntriesByName(marks.run, 'measure')[0];
  const from = performance.getEntriesByName(marks.initStart, 'mark')[0]?.startTime ?? 0;
  if (!crossOriginIsolated) throw new Error('the bench page is not cross-origin isolated: timers are coarse');
  if (window.__longTasks === null) throw new Error('this Chromium does not report long tasks');
  return {
    initMs: init?.duration,
    runMs: run?.duration,
    submitMs: window.__submitMs,
    longTasks: (window.__longTasks ?? []).filter((task) => task.startTime >= from).length,
  };
};

/**
 * One first visit of a contact page with `subject` inline between the marks (none: the marks alone). Ours and the
 * empty page then get a real click on Send, the submit figures' pair.
 */
const oneLoad = async (
  page: Page,
  pages: InitPages,
  subject: InitSubject | undefined,
  run: number,
): Promise<LoadFigures> => {
  const name = subject?.name ?? NO_SCRIPT;
  const errors: string[] = [];
  const onError = (error: Error) => errors.push(error.message);
  page.on('pageerror', onError);
  try {
    await page.goto(pages.pageUrl({ script: name, uuid: randomUUID(), run }), { waitUntil: 'load' });
    if (subject && (await page.evaluate(subject.started)) !== true) {
      throw new Error(`${name} did not start on the bench page: its init cannot be measured`);
    }
    if (!subject || subject.name === OURS) {
      // A visitor fills the form before sending it: the click comes once the loaded page has had an idle moment,
      // not in the milliseconds after its load event.
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
      await page.click('button[type=submit]');
      await page.waitForFunction(() => window.__submitMs !== undefined);
      // The lead's fetch and its answer belong to the companion's main-thread work: wait for them so that a long
      // task among them is counted.
      if (subject) await page.waitForFunction(() => window.__sent === true, undefined, { timeout: 10_000 });
    }
    const figures = await page.evaluate(readFigures, INIT_MARKS);
    if (errors.length > 0) throw new Error(`the ${name} page threw: ${errors.join('; ')}`);
    if (figures.initMs === undefined || figures.runMs === undefined) {
      throw new Error(`the init measures of the ${name} page are missing`);
    }
    return { ...figures, initMs: figures.initMs, runMs: figures.runMs };
  } finally {
    page.off('pageerror', onError);
  }
};

/**
 * Main-thread cost in Chromium over `runs` fresh page loads with each subject (ours first, then the peers) and as
 * many with an empty script, alternated in an order that turns each round (so a busy spell of the machine hits all
 * alike, and none always follows the same one). Each load is a first visit: its own source text (no compilation
 * cache), sessionStorage cleared. Each subject is checked to have started after every load. On the loads with ours
 * and the empty ones, the submit is a real click on a native form posting into an iframe, so the page stays and the
 * companion takes the path of a form that navigates.
 *
 * @example
 * const { init, submitMs, longTasks } = await measureMainThread(browser, pages, initSubjects(weighed), 60);
 */
export const measureMainThread = async (
  browser: Browser,
  pages: InitPages,
  subjects: readonly InitSubject[],
  runs: number,
): Promise<MainThreadFigures> => {
  const context = await browser.newContext();
  try {
    await context.addInitScript(timeSubmitDispatch);
    const page = await context.newPage();
    const kinds = [...subjects, undefined];
    const marked = kinds.map(() => [] as number[]);
    const runAlone = kinds.map(() => [] as number[]);
    const withCompanion: number[] = [];
    const without: number[] = [];
    let longTasks = 0;
    for (let round = 0; round < runs; round++) {
      for (let slot = 0; slot < kinds.length; slot++) {
        const index = (slot + round) % kinds.length;
        const subject = kinds[index];
        const figures = await oneLoad(page, pages, subject, round * kinds.length + slot);
        marked[index]?.push(figures.initMs);
        runAlone[index]?.push(figures.runMs);
        if (subject?.name === OURS) {
          withCompanion.push(figures.submitMs ?? Number.NaN);
          longTasks += figures.longTasks;
        } else if (!subject) {
          without.push(figures.submitMs ?? Number.NaN);
        }
      }
    }
    const initWithoutMs = median(marked.at(-1) ?? []);
    const submitWithMs = median(withCompanion);
    const submitWithoutMs = median(without);
    return {
      init: subjects.map(({ name }, index) => {
        const markedMs = median(marked[index] ?? []);
        return { name, initMs: Math.max(0, markedMs - initWithoutMs), markedMs, runMs: median(runAlone[index] ?? []) };
      }),
      initWithoutMs,
      submitMs: Math.max(0, submitWithMs - submitWithoutMs),
      longTasks,
      runs,
      submitWithMs,
      submitWithoutMs,
    };
  } finally {
    await context.close();
  }
};
