import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import type { BrowserSession, LaunchOptions, PageFunction, Tab } from './browser-session';
import { CHROMIUM_ARGS, chromiumPath } from './launch-chromium';

const LOAD_TIMEOUT_MS = 60_000;

/** Debian's firefox-esr, unless `FIREFOX_PATH` names another build. */
export const firefoxPath = (): string => {
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(
      `No Firefox at ${path}: install Debian's firefox-esr (apt-get install -y firefox-esr) or set FIREFOX_PATH`,
    );
  }
  return path;
};

// Nothing that calls home during a test; the rest of a clean profile is Puppeteer's.
const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.enabled': false,
};

const puppeteerTab = (page: Page, context: BrowserContext): Tab => ({
  async goto(url) {
    await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  },
  async reload() {
    await page.reload({ waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  },
  async url() {
    return page.url();
  },
  async evaluate<R, A>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    return (await page.evaluate(fn as (arg: unknown) => unknown, arg)) as R;
  },
  async click(selector) {
    await page.click(selector);
  },
  async type(selector, text) {
    await page.$eval(selector, (control) => {
      (control as HTMLInputElement).value = '';
      control.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.type(selector, text);
  },
  async setViewport(width, height) {
    await page.setViewport({ width, height });
  },
  async screenshot(path) {
    await page.screenshot({ path: path as `${string}.png` });
  },
  async openTab(url) {
    const next = await context.newPage();
    const tab = puppeteerTab(next, context);
    await tab.goto(url);
    return tab;
  },
  async close() {
    if (!page.isClosed()) await page.close({ runBeforeUnload: true });
  },
});

/**
 * Chromium over the DevTools protocol or Firefox over WebDriver BiDi, both through Puppeteer, which starts the
 * browser with a temporary profile and deletes it on close. Each visitor is a browser context of its own.
 */
export const launchPuppeteer = async (
  engine: 'chromium' | 'firefox',
  options: LaunchOptions = {},
): Promise<BrowserSession> => {
  const hosts = options.localHosts ?? [];
  let browser: Browser;
  if (engine === 'chromium') {
    const args = CHROMIUM_ARGS.filter((arg) => arg !== '--headless');
    if (hosts.length) args.push(`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1`).join(',')}`);
    browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath: chromiumPath(),
      headless: true,
      args,
      defaultViewport: { width: 1280, height: 900 },
      timeout: LOAD_TIMEOUT_MS,
    });
  } else {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      defaultViewport: { width: 1280, height: 900 },
      extraPrefsFirefox: { ...FIREFOX_PREFS, ...(hosts.length && { 'network.dns.localDomains': hosts.join(',') }) },
      timeout: LOAD_TIMEOUT_MS,
    });
  }
  const contexts: BrowserContext[] = [];
  const closeVisitors = async (): Promise<void> => {
    for (const context of contexts.splice(0)) {
      for (const page of await context.pages()) {
        if (!page.isClosed()) await page.close({ runBeforeUnload: true }).catch(() => undefined);
      }
      await context.close().catch(() => undefined);
    }
  };
  return {
    engine,
    version: (await browser.version()).toLowerCase().replace(/^(headless)?chrome\//, 'chromium/'),
    async openVisitor(url) {
      const context = await browser.createBrowserContext();
      contexts.push(context);
      const tab = puppeteerTab(await context.newPage(), context);
      await tab.goto(url);
      return tab;
    },
    closeVisitors,
    async close() {
      await closeVisitors();
      await browser.close();
    },
  };
};
