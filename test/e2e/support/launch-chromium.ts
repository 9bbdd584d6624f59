import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The flags every run uses: headless, no sandbox (containers), and nothing that calls home during a test. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's chromium, unless `CHROMIUM_PATH` names another build. */
export const chromiumPath = (): string => {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return path;
};

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Host names to resolve to given addresses, e.g. `{ 'shop.test': '127.0.0.1' }`: a site name with no DNS. */
  hosts?: Record<string, string>;
}

/**
 * Starts Chromium for one test file. Playwright gives the browser a fresh temporary profile (--user-data-dir) and
 * deletes it on close; each test opens its own context, so sessionStorage never leaks between tests.
 */
export const launchChromium = (options: LaunchChromiumOptions = {}): Promise<Browser> => {
  const rules = Object.entries(options.hosts ?? {}).map(([name, address]) => `MAP ${name} ${address}`);
  const args = rules.length ? [...CHROMIUM_ARGS, `--host-resolver-rules=${rules.join(',')}`] : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: chromiumPath(), args, timeout: 60_000 });
};
