import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { median } from './percentile';
import type { BenchSite } from './start-bench-site';

export interface MainThreadFigures {
  /**
   * The companion's evaluation (parse, compile and run of the script, inline between two marks): the median with
   * the companion minus the median of the same marks around an empty script.
   */
  initMs: number;
  /** Medians of the marked evaluation itself, with the companion and with an empty script (what the marks cost). */
  initWithMs: number;
  initWithoutMs: number;
  /** Median ms of the run alone: from the script's first statement (parsed and compiled by then) to the end mark. */
  initRunMs: number;
  /** Median ms of the `submit` dispatch with the companion minus the median without it. */
  submitMs: number;
  /** Long tasks (≥ 50 ms) seen on companion pages from its evaluation on, all runs together. */
  longTasks: number;
  /** Page loads with the companion (and as many without). */
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

const oneRun = async (page: Page, site: BenchSite, withCompanion: boolean, run: number) => {
  const script = withCompanion ? 'companion-inline' : 'none';
  await page.goto(site.pageUrl({ uuid: randomUUID(), script, submit: 'frame', run }), { waitUntil: 'load' });
  // A visitor fills the form before sending it: the click comes once the loaded page has had an idle moment, not
  // in the milliseconds after its load event.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  await page.click('button[type=submit]');
  await page.waitForFunction(() => window.__submitMs !== undefined);
  // The lead's fetch and its answer belong to the companion's main-thread work: wait for them so that a long
  // task among them is counted.
  if (withCompanion) await page.waitForFunction(() => window.__sent === true, undefined, { timeout: 10_000 });
  return page.evaluate(() => {
    const init = performance.getEntriesByName('companion-init', 'measure')[0];
    const run = performance.getEntriesByName('companion-run', 'measure')[0];
    const from = performance.getEntriesByName('companion-init-start', 'mark')[0]?.startTime ?? 0;
    if (!crossOriginIsolated) throw new Error('the bench page is not cross-origin isolated: timers are coarse');
    if (window.__longTasks === null) throw new Error('this Chromium does not report long tasks');
    return {
      initMs: init?.duration,
      initRunMs: run?.duration,
      submitMs: window.__submitMs as number,
      longTasks: (window.__longTasks ?? []).filter((task) => task.startTime >= from).length,
    };
  });
};

/**
 * Main-thread cost of the companion in Chromium over `runs` fresh page loads with it and as many without,
 * alternated (so a busy spell of the machine hits both alike). Each load is a first visit: its own source text
 * (no compilation cache), sessionStorage cleared. The submit is a real click on a native form posting into an
 * iframe, so the page stays and the companion takes the path of a form that navigates.
 *
 * @example
 * const { initMs, submitMs, longTasks } = await measureMainThread(browser, site, 60);
 */
export const measureMainThread = async (
  browser: Browser,
  site: BenchSite,
  runs: number,
): Promise<MainThreadFigures> => {
  const context = await browser.newContext();
  try {
    await context.addInitScript(timeSubmitDispatch);
    const page = await context.newPage();
    const init: number[] = [];
    const initWithout: number[] = [];
    const initRun: number[] = [];
    const withCompanion: number[] = [];
    const without: number[] = [];
    let longTasks = 0;
    for (let run = 0; run < runs * 2; run++) {
      const companion = run % 2 === 0;
      const figures = await oneRun(page, site, companion, run);
      if (figures.initMs === undefined) throw new Error('the companion-init measure is missing');
      if (companion) {
        init.push(figures.initMs);
        initRun.push(figures.initRunMs ?? Number.NaN);
        withCompanion.push(figures.submitMs);
        longTasks += figures.longTasks;
      } else {
        initWithout.push(figures.initMs);
        without.push(figures.submitMs);
      }
    }
    const submitWithMs = median(withCompanion);
    const submitWithoutMs = median(without);
    const initWithMs = median(init);
    const initWithoutMs = median(initWithout);
    return {
      initMs: Math.max(0, initWithMs - initWithoutMs),
      initWithMs,
      initWithoutMs,
      initRunMs: median(initRun),
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
