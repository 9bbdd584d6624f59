import type { EngineName } from './engines';

/**
 * A function run in the page, with one JSON argument, answering a JSON value (or a promise of one). It is sent as
 * source text: it may use nothing from the test's scope but its argument.
 */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

/**
 * One tab, driven the same way in every engine. Interactions are a user's (real clicks and key presses);
 * everything else is read or done by script in the page.
 */
export interface Tab {
  /** Loads `url` and waits for its load event. */
  goto(url: string): Promise<void>;
  /** Reloads the page and waits for its load event. */
  reload(): Promise<void>;
  /** The address of the page the tab shows now. */
  url(): Promise<string>;
  /** Runs `fn(arg)` in the page and answers its result; `undefined` stays `undefined` in every engine. */
  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Clicks the centre of the first element matching `selector` with the mouse. */
  click(selector: string): Promise<void>;
  /** Empties the text control matching `selector` and types `text` into it, key by key. */
  type(selector: string, text: string): Promise<void>;
  /** Resizes the visible area of the page (the window, where the engine has no other way). */
  setViewport(width: number, height: number): Promise<void>;
  /** Saves a PNG of what the tab shows. */
  screenshot(path: string): Promise<void>;
  /** Opens another tab of the same visitor (sessionStorage is the new tab's own, as in any browser) at `url`. */
  openTab(url: string): Promise<Tab>;
  /** Closes the tab as a visitor does: `pagehide` and `unload` run, and nothing waits for what the page sends. */
  close(): Promise<void>;
}

/** A running browser of one engine. */
export interface BrowserSession {
  readonly engine: EngineName;
  /** The engine's product and version, e.g. `firefox/153.8.0`. */
  readonly version: string;
  /**
   * Opens `url` in a new tab for a new visitor: nothing an earlier visitor stored (cookies, storage) is there. Closed
   * by {@link BrowserSession.closeVisitors}.
   */
  openVisitor(url: string): Promise<Tab>;
  /** Closes the tabs of every visitor opened so far (each as a visitor closes it) and forgets what they stored. */
  closeVisitors(): Promise<void>;
  /** Closes the browser and whatever was started for it. */
  close(): Promise<void>;
}

/** Options of `launchEngine`. */
export interface LaunchOptions {
  /** Host names to resolve to 127.0.0.1, e.g. `['shop.test']`: a site name with no DNS. */
  localHosts?: string[];
}
