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

/**
 * Starts Chromium for one test file. Playwright gives the browser a fresh temporary profile (--user-data-dir) and
 * deletes it on close; each test opens its own context, so sessionStorage never leaks between tests.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: 60_000 });
