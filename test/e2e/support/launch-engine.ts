import type { BrowserSession, LaunchOptions } from './browser-session';
import type { EngineName } from './engines';
import { launchPuppeteer } from './puppeteer-session';
import { launchWebDriver } from './webdriver-session';

/**
 * Starts a browser of `engine` behind the one interface every scenario uses: Chromium over the DevTools protocol
 * and Firefox over WebDriver BiDi (both with Puppeteer), WebKit over classic WebDriver under Xvfb.
 *
 * @example
 * const browser = await launchEngine('firefox');
 * const tab = await browser.openVisitor('http://127.0.0.1:5173/');
 * await browser.close();
 */
export const launchEngine = (engine: EngineName, options: LaunchOptions = {}): Promise<BrowserSession> =>
  engine === 'webkit' ? launchWebDriver(options) : launchPuppeteer(engine, options);
