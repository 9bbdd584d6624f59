import type { Browser, BrowserContext, Page } from 'playwright-core';
import { INBOX_PATH, type HeldInboxLead, type InboxLead, type InboxView } from '../../../demo/inbox-view';
import { watchContext, type ContextWatch, type SeenEvent } from './watch-context';

/** The sessionStorage key the stand-in widget keeps its visitor under; the companion is never told it. */
export const WIDGET_SESSION_KEY = 'bp-web-session';

export interface Visit {
  context: BrowserContext;
  page: Page;
  watch: ContextWatch;
}

/**
 * Opens the storefront in a fresh context (fresh sessionStorage), recording its traffic and console. `query` is
 * added to the URL. The visitor has no UUID until the chat bubble is opened: see `openChat` and `widgetUuid`.
 */
export const visit = async (browser: Browser, baseUrl: string, path = '/', query = ''): Promise<Visit> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const watch = await watchContext(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}${query ? `?${query}` : ''}`);
  return { context, page, watch };
};

/** The visitor UUID the widget keeps, once it exists. */
const waitForUuid = async (page: Page): Promise<string> => {
  const handle = await page.waitForFunction((key) => {
    const session = JSON.parse(sessionStorage.getItem(key) ?? 'null') as { user?: { uuid?: string } } | null;
    return session?.user?.uuid ?? false;
  }, WIDGET_SESSION_KEY);
  return (await handle.jsonValue()) as string;
};

const storedUuid = (page: Page): Promise<string | undefined> =>
  page.evaluate((key) => {
    const session = JSON.parse(sessionStorage.getItem(key) ?? 'null') as { user?: { uuid?: string } } | null;
    return session?.user?.uuid;
  }, WIDGET_SESSION_KEY);

const launcher = (page: Page) => page.locator('.fmx-launcher');

const chatIsOpen = async (page: Page): Promise<boolean> =>
  (await launcher(page).getAttribute('aria-expanded')) === 'true';

/**
 * Opens the chat bubble, as a visitor clicking it does (nothing when it is open), and answers the visitor UUID:
 * the widget makes one on the first opening in a tab, and registers it with the sandbox before storing it.
 */
export const openChat = async (page: Page): Promise<string> => {
  if (!(await chatIsOpen(page))) await launcher(page).click();
  return waitForUuid(page);
};

/**
 * The visitor UUID the widget made. A visitor who has none yet opens the chat bubble and closes it again, so that
 * the chat panel covers none of the forms afterwards.
 */
export const widgetUuid = async (page: Page): Promise<string> => {
  const known = await storedUuid(page);
  if (known) return known;
  // Opened already (by the test itself): the UUID is on its way.
  if (await chatIsOpen(page)) return waitForUuid(page);
  const uuid = await openChat(page);
  await launcher(page).click();
  return uuid;
};

/** The lifecycle events this page load has seen so far. */
export const seenEvents = (page: Page): Promise<SeenEvent[]> => page.evaluate(() => window.__seenEvents ?? []);

/** Waits until this page load has seen an event of `type` (from the form labelled `label`, when given). */
export const waitForEvent = async (
  page: Page,
  type: string,
  label?: string,
  timeoutMs = 15_000,
): Promise<SeenEvent> => {
  const handle = await page.waitForFunction(
    ([wanted, from]) =>
      window.__seenEvents?.find((seen) => seen.type === wanted && (from === undefined || seen.label === from)) ?? false,
    [type, label] as const,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as SeenEvent;
};

export const readInbox = async (baseUrl: string): Promise<InboxView> => {
  const response = await fetch(`${baseUrl}${INBOX_PATH}`);
  return (await response.json()) as InboxView;
};

/** Polls the dev-only inbox route until an item of one of its lists matches, or fails with what that list held. */
const waitForInbox = async <T>(
  baseUrl: string,
  list: (view: InboxView) => T[],
  match: (item: T) => boolean,
  timeoutMs: number,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let items: T[] = [];
  while (Date.now() < deadline) {
    items = list(await readInbox(baseUrl));
    const found = items.find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No match within ${timeoutMs} ms; the inbox list held ${JSON.stringify(items)}`);
};

/** Polls the dev-only inbox route until a lead in a chat matches. */
export const waitForLead = (baseUrl: string, match: (lead: InboxLead) => boolean, timeoutMs = 15_000): Promise<InboxLead> =>
  waitForInbox(baseUrl, (view) => view.leads, match, timeoutMs);

/** Polls the dev-only inbox route until a held lead (one without a chat yet) matches. */
export const waitForHeldLead = (
  baseUrl: string,
  match: (lead: HeldInboxLead) => boolean,
  timeoutMs = 15_000,
): Promise<HeldInboxLead> => waitForInbox(baseUrl, (view) => view.held, match, timeoutMs);

/** A visit a test opened, with the console messages its scenario provokes on purpose (failed requests). */
export interface OpenedVisit {
  visit: Visit;
  allowed: RegExp[];
}

/**
 * Closes every visit a test opened and answers the console errors, warnings and page errors that no scenario
 * allowed: a test's `afterEach` asserts the list is empty.
 */
export const closeVisits = async (visits: readonly OpenedVisit[]): Promise<string[]> => {
  const unexpected: string[] = [];
  for (const { visit: { context, watch }, allowed } of visits) {
    await watch.settle();
    await context.close();
    unexpected.push(...watch.problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem))));
  }
  return unexpected;
};
