import { randomUUID } from 'node:crypto';
import type { BrowserSession, Tab } from '../test/e2e/support/browser-session';
import { waitForPage } from '../test/e2e/support/storefront';
import type { DeliveredCount } from './bench-results';
import { countDelivered } from './count-delivered';
import { LANDING_PATH } from './fixture-page';
import type { BenchSite } from './start-bench-site';

export interface NavigateAwayFigures {
  companion: DeliveredCount;
  naiveFetch: DeliveredCount;
}

/**
 * One visit: a new tab opens the contact page, a real click on Send submits the form natively, and once the landing
 * page has loaded the tab is closed, as a visitor who is done closes it.
 */
const trial = async (opener: Tab, url: string): Promise<void> => {
  const tab = await opener.openTab(url);
  try {
    await tab.click('button[type=submit]');
    await waitForPage(tab, LANDING_PATH);
  } finally {
    await tab.close();
  }
};

/**
 * A native form submit that navigates away at once (POST to a page without the companion), `trials` times with
 * the companion and as many with a page script that posts the lead with a plain `fetch`, alternated, each in a
 * tab of its own that is closed once the landing page has loaded. A lead can only arrive through what left while
 * the page was leaving: the landing page has no companion to send it later, and each contact page clears
 * sessionStorage (an earlier trial's outbox) before any script runs. Leads are then counted in the sandbox's list,
 * once their number has stopped changing for a moment. Works the same in every engine.
 *
 * @example
 * const { companion, naiveFetch } = await measureNavigateAway(browser, site, 200);
 */
export const measureNavigateAway = async (
  browser: BrowserSession,
  site: BenchSite,
  trials: number,
): Promise<NavigateAwayFigures> => {
  const sent = { companion: [] as string[], naiveFetch: [] as string[] };
  // A visitor's first tab, kept open: each trial's tab is another tab of the same visitor.
  const opener = await browser.openVisitor(site.pageUrl({ uuid: randomUUID(), script: 'none', submit: 'ajax' }));
  try {
    for (let index = 0; index < trials * 2; index++) {
      const kind = index % 2 === 0 ? 'companion' : 'naiveFetch';
      const uuid = randomUUID();
      sent[kind].push(uuid);
      const script = kind === 'companion' ? 'companion' : 'naive-fetch';
      await trial(opener, site.pageUrl({ uuid, script, submit: 'landing' }));
    }
  } finally {
    await browser.closeVisitors();
  }
  return countDelivered(site, sent);
};
