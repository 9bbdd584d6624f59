import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import type { HeldLead } from '../../../src/relay/stores/held-lead-store';
import { ROOT, type DemoServer } from '../support/start-demo';

// The test pages under test/e2e/pages, served by the demo server (relay, sandbox, strict CSP) with the libraries
// they load taken from node_modules, never from a CDN. React pages are bundled here, as a site's build would.

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.mjs': 'text/javascript' };

const bundles = new Map<string, Promise<string>>();

/** Bundles a React page's script (test/e2e/pages/libraries/NAME.js) into one classic script, once per run. */
const bundle = (name: string): Promise<string> => {
  let made = bundles.get(name);
  if (!made) {
    made = build({
      root: ROOT,
      configFile: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        write: false,
        minify: false,
        lib: {
          entry: join(ROOT, 'test/e2e/pages/libraries', `${name}.js`),
          formats: ['iife'],
          name: 'page',
          fileName: () => 'page.js',
        },
      },
    }).then((output) => {
      const [result] = [output].flat() as Rolldown.RolldownOutput[];
      return result!.output[0].code;
    });
    bundles.set(name, made);
  }
  return made;
};

export interface FormPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors so far. */
  errors: string[];
}

/**
 * Opens a test page (a path under the demo server) in a fresh context: /node_modules/ answered from the project's
 * node_modules, `*.bundle.js` from the bundled React page scripts, `origins` by the demo server too. `bypassCSP` for
 * the pages that frame another origin (the demo's CSP allows only its own).
 */
export const openFormPage = async (
  browser: Browser,
  demo: DemoServer,
  path: string,
  options: { bypassCSP?: boolean; origins?: string[] } = {},
): Promise<FormPage> => {
  const context = await browser.newContext({ bypassCSP: options.bypassCSP });
  // Other origins (`https://forms.hsforms.com`), answered by the test server as if they served its pages.
  for (const origin of options.origins ?? []) {
    await context.route(`${origin}/**`, async (route) => {
      const url = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: `${demo.url}${url.pathname}${url.search}` }) });
    });
  }
  // Vite's own client (/node_modules/vite/…) is the dev server's to transform.
  await context.route(/\/node_modules\/(?!vite\/)/, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const body = await readFile(join(ROOT, decodeURIComponent(path))).catch(() => undefined);
    await (body
      ? route.fulfill({ body, contentType: TYPES[path.slice(path.lastIndexOf('.'))] })
      : route.fulfill({ status: 404 }));
  });
  // Chromium asks every page for a favicon; the test pages have none.
  await context.route(/\/favicon\.ico$/, (route) => route.fulfill({ status: 204 }));
  await context.route(/\.bundle\.js$/, async (route) => {
    const name = /([\w-]+)\.bundle\.js$/.exec(new URL(route.request().url()).pathname)![1]!;
    await route.fulfill({ body: await bundle(name), contentType: 'text/javascript' });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on(
    'console',
    (message) => message.type() === 'error' && errors.push(`${message.text()} ${message.location().url}`),
  );
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${demo.url}${path}`);
  return { context, page, errors };
};

/** The leads the relay holds whose email is `email`. */
export const heldLeads = async (demo: DemoServer, email: string): Promise<HeldLead[]> =>
  (await demo.heldLeads.list()).filter((held) => held.lead.email === email);

/** Waits until the relay holds a lead with `email`, and answers it. */
export const waitForHeldLead = async (demo: DemoServer, email: string, timeoutMs = 20_000): Promise<HeldLead> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = await heldLeads(demo, email);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `no lead for ${email} within ${timeoutMs} ms; the relay holds ${JSON.stringify(await demo.heldLeads.list())}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** What the companion told the page so far (`flowmatix:*` events with their code), as load-companion.js records it. */
export const companionEvents = (page: Page): Promise<{ type: string; code?: string }[]> =>
  page.evaluate(() => (window as unknown as { __flowmatix: { type: string; code?: string }[] }).__flowmatix);

/** Lets a moment pass in which a wrong lead would reach the relay: a held submission, a retry, a beacon. */
export const settle = (ms = 1500): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
