import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, CDPSession } from 'playwright-core';
import type { EmulatedNetwork, SlowNetworkNavigateAway } from './bench-results';
import { countDelivered } from './count-delivered';
import { LANDING_PATH, RELAY_PATH } from './fixture-page';
import type { BenchSite } from './start-bench-site';

/** A slow mobile connection: 400 ms from a request sent to its answer, 1.6 Mbit/s down, 750 kbit/s up. */
export const SLOW_NETWORK: EmulatedNetwork = {
  latencyMs: 400,
  downloadBytesPerSecond: 200_000,
  uploadBytesPerSecond: 93_750,
};

const emulate = async (session: CDPSession, network: EmulatedNetwork): Promise<void> => {
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.latencyMs,
    downloadThroughput: network.downloadBytesPerSecond,
    uploadThroughput: network.uploadBytesPerSecond,
  });
};

/**
 * Throws unless a request from a throttled page to the relay's path takes the emulated latency at least: the
 * figures would otherwise be loopback ones under another name.
 */
const checkThrottled = async (context: BrowserContext, site: BenchSite, network: EmulatedNetwork): Promise<void> => {
  const page = await context.newPage();
  try {
    await page.goto(site.pageUrl({ uuid: randomUUID(), script: 'none', submit: 'ajax' }));
    await emulate(await context.newCDPSession(page), network);
    const tookMs = await page.evaluate(async (path) => {
      const start = performance.now();
      await fetch(path, { method: 'OPTIONS' });
      return performance.now() - start;
    }, RELAY_PATH);
    if (tookMs < network.latencyMs) {
      throw new Error(`a request to the relay took ${tookMs.toFixed(0)} ms: the network emulation is not applied`);
    }
  } finally {
    await page.close();
  }
};

/**
 * The navigate-away comparison of `measureNavigateAway` on a slow network, in Chromium: `trials` times with the
 * companion and as many with the naive fetch, alternated, each in a tab of its own. The contact page loads over
 * loopback; then the tab's network is throttled through the DevTools protocol, a real click sends the native form
 * (the browser leaves at once), and the tab is closed once the landing page has loaded. For each trial it also
 * notes whether the relay already listed the lead when the landing page had loaded. Throws if the throttling did
 * not hold a request to the relay, or a landing page, for the emulated latency.
 *
 * @example
 * const { companion, naiveFetch } = await measureNavigateAwaySlow(browser, site, 40);
 */
export const measureNavigateAwaySlow = async (
  browser: Browser,
  site: BenchSite,
  trials: number,
  network: EmulatedNetwork = SLOW_NETWORK,
): Promise<SlowNetworkNavigateAway> => {
  const sent = { companion: [] as string[], naiveFetch: [] as string[] };
  const listedOnLanding = { companion: 0, naiveFetch: 0 };
  const context = await browser.newContext();
  try {
    await checkThrottled(context, site, network);
    for (let index = 0; index < trials * 2; index++) {
      const kind = index % 2 === 0 ? 'companion' : 'naiveFetch';
      const uuid = randomUUID();
      sent[kind].push(uuid);
      const page = await context.newPage();
      try {
        const script = kind === 'companion' ? 'companion' : 'naive-fetch';
        await page.goto(site.pageUrl({ uuid, script, submit: 'landing' }), { waitUntil: 'load' });
        await emulate(await context.newCDPSession(page), network);
        const clicked = Date.now();
        await page.click('button[type=submit]');
        await page.waitForURL((url) => url.pathname === LANDING_PATH, { waitUntil: 'load' });
        const tookMs = Date.now() - clicked;
        if (tookMs < network.latencyMs) {
          throw new Error(`the landing page loaded ${tookMs} ms after the click: the network emulation is not applied`);
        }
        if ((await site.listedUuids(1)).has(uuid)) listedOnLanding[kind]++;
      } finally {
        await page.close({ runBeforeUnload: true });
      }
    }
    // Counted while the context lives: a request it still carries is not cut short by closing it.
    return { network, ...(await countDelivered(site, sent)), listedOnLanding };
  } finally {
    await context.close();
  }
};
