import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { DeliveredCount } from './bench-results';
import { LANDING_PATH } from './fixture-page';
import type { BenchSite } from './start-bench-site';

export interface NavigateAwayFigures {
  companion: DeliveredCount;
  naiveFetch: DeliveredCount;
}

const SETTLE_MS = 3_000;

/**
 * One visit: open the contact page, click Send (a real mouse click where the button is: every page has the same
 * layout), and wait for the landing page to load.
 */
const trial = async (page: Page, url: string, button: { x: number; y: number }): Promise<void> => {
  await page.goto(url, { waitUntil: 'load' });
  await Promise.all([page.waitForURL(`**${LANDING_PATH}`, { waitUntil: 'load' }), page.mouse.click(button.x, button.y)]);
};

const buttonCenter = async (page: Page): Promise<{ x: number; y: number }> => {
  const box = await page.locator('button[type=submit]').boundingBox();
  if (!box) throw new Error('the Send button of the bench page is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/**
 * A native form submit that navigates away at once (POST to a page without the companion), `trials` times with
 * the companion and as many with a page script that posts the lead with a plain `fetch`, alternated, in one tab.
 * A lead can only arrive through what left while the page was leaving: the landing page has no companion to send
 * it later, and each contact page clears sessionStorage (the previous trial's outbox) before any script runs. Leads are then counted in the sandbox's list, once their
 * number has stopped changing for a moment.
 *
 * @example
 * const { companion, naiveFetch } = await measureNavigateAway(browser, site, 200);
 */
export const measureNavigateAway = async (
  browser: Browser,
  site: BenchSite,
  trials: number,
): Promise<NavigateAwayFigures> => {
  const context = await browser.newContext();
  const sent = { companion: [] as string[], naiveFetch: [] as string[] };
  try {
    const page = await context.newPage();
    await page.goto(site.pageUrl({ uuid: randomUUID(), script: 'none', submit: 'landing' }));
    const button = await buttonCenter(page);
    for (let index = 0; index < trials * 2; index++) {
      const kind = index % 2 === 0 ? 'companion' : 'naiveFetch';
      const uuid = randomUUID();
      sent[kind].push(uuid);
      const script = kind === 'companion' ? 'companion' : 'naive-fetch';
      await trial(page, site.pageUrl({ uuid, script, submit: 'landing' }), button);
    }
  } finally {
    await context.close();
  }
  let listed = await site.listedUuids();
  for (let stableSince = Date.now(); Date.now() - stableSince < SETTLE_MS; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await site.listedUuids();
    if (now.size !== listed.size) stableSince = Date.now();
    listed = now;
  }
  const count = (uuids: string[]): DeliveredCount => ({
    delivered: uuids.filter((uuid) => listed.has(uuid)).length,
    trials: uuids.length,
  });
  return { companion: count(sent.companion), naiveFetch: count(sent.naiveFetch) };
};
