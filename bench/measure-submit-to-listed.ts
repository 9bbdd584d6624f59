import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { median } from './percentile';
import type { BenchSite } from './start-bench-site';

export interface SubmitToListedFigures {
  /** Median ms from the submit event in the page to the first list answer of the sandbox that holds the lead. */
  medianMs: number;
  runs: number;
  /** The largest uncertainty of a run's clock alignment between the page and Node, in ms. */
  clockErrorMs: number;
}

declare global {
  interface Window {
    __submittedAt?: number;
  }
}

const epochNow = (): number => performance.timeOrigin + performance.now();
const yieldToIo = () => new Promise((resolve) => setImmediate(resolve));

const recordSubmit = (): void => {
  addEventListener('submit', () => (window.__submittedAt = performance.timeOrigin + performance.now()), true);
};

/**
 * How far the page's clock (`timeOrigin + now()`) is ahead of Node's, from the round trip with the smallest
 * duration among a few: the page read its clock somewhere within that round trip.
 */
const clockOffset = async (page: Page): Promise<{ offsetMs: number; errorMs: number }> => {
  let best = { offsetMs: 0, errorMs: Number.POSITIVE_INFINITY };
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = epochNow();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    if ((after - before) / 2 < best.errorMs)
      best = { offsetMs: inPage - (before + after) / 2, errorMs: (after - before) / 2 };
  }
  return best;
};

/**
 * Time from a visitor's submit to the lead being listed by the sandbox's GET endpoint (the inbox a site owner
 * reads), through the companion, the relay and the upstream call, over `runs` visits. The form is an AJAX one (the
 * page stays), clicked for real; Node polls the list's first page back to back, yielding to I/O between polls.
 * The page's and Node's clocks are aligned per page load (see `clockOffset`).
 *
 * @example
 * const { medianMs } = await measureSubmitToListed(browser, site, 30);
 */
export const measureSubmitToListed = async (
  browser: Browser,
  site: BenchSite,
  runs: number,
): Promise<SubmitToListedFigures> => {
  const context = await browser.newContext();
  const times: number[] = [];
  let clockErrorMs = 0;
  try {
    await context.addInitScript(recordSubmit);
    const page = await context.newPage();
    for (let run = 0; run < runs; run++) {
      const uuid = randomUUID();
      await page.goto(site.pageUrl({ uuid, script: 'companion', submit: 'ajax' }), { waitUntil: 'load' });
      const clock = await clockOffset(page);
      clockErrorMs = Math.max(clockErrorMs, clock.errorMs);
      const button = page.locator('button[type=submit]');
      await button.scrollIntoViewIfNeeded();
      let listedAt: number | undefined;
      const deadline = Date.now() + 10_000;
      const polling = (async () => {
        while (Date.now() < deadline) {
          if ((await site.listedUuids(1)).has(uuid)) return (listedAt = epochNow());
          await yieldToIo();
        }
        throw new Error(`the lead of run ${run} was not listed within 10 s`);
      })();
      await button.click();
      await polling;
      const submittedAt = await page.evaluate(() => window.__submittedAt);
      if (submittedAt === undefined || listedAt === undefined) throw new Error(`run ${run} saw no submit event`);
      times.push(listedAt - (submittedAt - clock.offsetMs));
    }
  } finally {
    await context.close();
  }
  return { medianMs: median(times), runs, clockErrorMs };
};
