import { INBOX_PATH, type HeldInboxLead, type InboxLead, type InboxView } from '../../../demo/inbox-view';
import type { BrowserSession, PageFunction, Tab } from './browser-session';
import type { SeenEvent } from './page-recorder';

/** The sessionStorage key the stand-in widget keeps its visitor under; the companion is never told it. */
export const WIDGET_SESSION_KEY = 'bp-web-session';

const POLL_MS = 100;

/**
 * Runs `fn(arg)` in the page until it answers something truthy, and answers that. A page in the middle of a
 * navigation cannot answer: that counts as not yet.
 */
export const waitFor = async <R, A = undefined>(
  tab: Tab,
  fn: PageFunction<A, R>,
  arg?: A,
  { timeoutMs = 15_000, what = 'the page to be ready' }: { timeoutMs?: number; what?: string } = {},
): Promise<NonNullable<R>> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await tab.evaluate(fn, arg);
      if (value) return value as NonNullable<R>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Waited ${timeoutMs} ms for ${what}; last seen: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

/** Waits until the tab shows a fully loaded page whose address (path and query) ends with `ending`. */
export const waitForPage = async (tab: Tab, ending: string, timeoutMs = 30_000): Promise<void> => {
  await waitFor(
    tab,
    (wanted) => document.readyState === 'complete' && `${location.pathname}${location.search}`.endsWith(wanted),
    ending,
    { timeoutMs, what: `a loaded page at …${ending}` },
  );
};

/** Clicks `selector` (a button of a native form) and waits until the page it submits to has loaded. */
export const submitAndLand = async (tab: Tab, button: string, landing: string): Promise<void> => {
  await tab.click(button);
  await waitForPage(tab, landing);
};

/**
 * Gives the control matching `selector` a value as a visitor does: text is typed; a select gets the option whose
 * value or text is `value`; a date is set as its picker sets it (the pickers differ in every engine).
 */
export const fill = async (tab: Tab, selector: string, value: string): Promise<void> => {
  const kind = await tab.evaluate((wanted) => {
    const control = document.querySelector(wanted) as HTMLInputElement | HTMLSelectElement | null;
    if (!control) return 'missing';
    return control instanceof HTMLSelectElement ? 'select' : control.type === 'date' ? 'picked' : 'typed';
  }, selector);
  if (kind === 'missing') throw new Error(`No control matches ${selector}`);
  if (kind === 'typed') return tab.type(selector, value);
  const set = await tab.evaluate(
    ([wanted, text]) => {
      const control = document.querySelector(wanted) as HTMLInputElement | HTMLSelectElement;
      if (control instanceof HTMLSelectElement) {
        const option = [...control.options].find((candidate) => candidate.value === text || candidate.text === text);
        if (!option) return false;
        control.value = option.value;
      } else {
        control.value = text;
      }
      control.dispatchEvent(new Event('input', { bubbles: true }));
      control.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    },
    [selector, value] as const,
  );
  if (!set) throw new Error(`${selector} has no option ${value}`);
};

/**
 * Opens the storefront for a new visitor (fresh sessionStorage, nothing stored before). `query` is added to the URL.
 * The visitor has no UUID until the chat bubble is opened: see `openChat` and `widgetUuid`.
 */
export const visit = (browser: BrowserSession, baseUrl: string, path = '/', query = ''): Promise<Tab> =>
  browser.openVisitor(`${baseUrl}${path}${query ? `?${query}` : ''}`);

const storedUuid = (tab: Tab): Promise<string | undefined> =>
  tab.evaluate((key) => {
    const session = JSON.parse(sessionStorage.getItem(key) ?? 'null') as { user?: { uuid?: string } } | null;
    return session?.user?.uuid;
  }, WIDGET_SESSION_KEY);

/** The visitor UUID the widget keeps, once it exists. */
const waitForUuid = (tab: Tab): Promise<string> =>
  waitFor(
    tab,
    (key) => {
      const session = JSON.parse(sessionStorage.getItem(key) ?? 'null') as { user?: { uuid?: string } } | null;
      return session?.user?.uuid;
    },
    WIDGET_SESSION_KEY,
    { what: 'the widget to store a visitor UUID' },
  );

const LAUNCHER = '.fmx-launcher';

const chatIsOpen = (tab: Tab): Promise<boolean> =>
  tab.evaluate((selector) => document.querySelector(selector)?.getAttribute('aria-expanded') === 'true', LAUNCHER);

/**
 * Opens the chat bubble, as a visitor clicking it does (nothing when it is open), and answers the visitor UUID:
 * the widget makes one on the first opening in a tab, and registers it with the sandbox before storing it.
 */
export const openChat = async (tab: Tab): Promise<string> => {
  await waitFor(tab, (selector) => document.querySelector(selector) !== null, LAUNCHER, { what: 'the chat bubble' });
  if (!(await chatIsOpen(tab))) await tab.click(LAUNCHER);
  return waitForUuid(tab);
};

/**
 * The visitor UUID the widget made. A visitor who has none yet opens the chat bubble and closes it again, so that
 * the chat panel covers none of the forms afterwards.
 */
export const widgetUuid = async (tab: Tab): Promise<string> => {
  const known = await storedUuid(tab);
  if (known) return known;
  // Opened already (by the test itself): the UUID is on its way.
  if (await chatIsOpen(tab)) return waitForUuid(tab);
  const uuid = await openChat(tab);
  await tab.click(LAUNCHER);
  await waitFor(
    tab,
    (selector) => document.querySelector(selector)?.getAttribute('aria-expanded') === 'false',
    LAUNCHER,
    {
      what: 'the chat panel to close',
    },
  );
  return uuid;
};

/** The lifecycle events this page load has seen so far. */
export const seenEvents = (tab: Tab): Promise<SeenEvent[]> => tab.evaluate(() => window.__seenEvents ?? []);

/** Waits until this page load has seen an event of `type` (from the form labelled `label`, when given). */
export const waitForEvent = (tab: Tab, type: string, label?: string, timeoutMs = 15_000): Promise<SeenEvent> =>
  waitFor(
    tab,
    ([wanted, from]) =>
      window.__seenEvents?.find((seen) => seen.type === wanted && (from === null || seen.label === from)) ?? null,
    [type, label ?? null] as const,
    { timeoutMs, what: `${type}${label ? ` from ${label}` : ''}` },
  );

/** The text of the first element matching `selector`, or null. */
export const textOf = (tab: Tab, selector: string): Promise<string | null> =>
  tab.evaluate((wanted) => document.querySelector(wanted)?.textContent ?? null, selector);

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
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`No match within ${timeoutMs} ms; the inbox list held ${JSON.stringify(items)}`);
};

/** Polls the dev-only inbox route until a lead in a chat matches. */
export const waitForLead = (
  baseUrl: string,
  match: (lead: InboxLead) => boolean,
  timeoutMs = 20_000,
): Promise<InboxLead> => waitForInbox(baseUrl, (view) => view.leads, match, timeoutMs);

/** Polls the dev-only inbox route until a held lead (one without a chat yet) matches. */
export const waitForHeldLead = (
  baseUrl: string,
  match: (lead: HeldInboxLead) => boolean,
  timeoutMs = 20_000,
): Promise<HeldInboxLead> => waitForInbox(baseUrl, (view) => view.held, match, timeoutMs);
