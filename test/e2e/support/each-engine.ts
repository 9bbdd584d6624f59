import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import type { BrowserSession, LaunchOptions } from './browser-session';
import { selectedEngines, type EngineName } from './engines';
import { launchEngine } from './launch-engine';
import type { TestHost } from './test-host';

/** What the tests of one engine share: its browser, and what a test may tolerate in its pages. */
export interface EngineSuite {
  engine: EngineName;
  /** Started before the engine's first test. */
  readonly browser: BrowserSession;
  /** Problems (console errors and warnings, page errors, CSP violations) this test provokes on purpose. */
  allowProblems(...patterns: RegExp[]): void;
}

export interface EngineSuiteOptions extends LaunchOptions {
  /** The host whose pages report their problems: after each test, any it did not allow fails it. */
  host?: () => TestHost | undefined;
}

/**
 * Defines the tests `body` writes once per engine `FLOWMATIX_ENGINES` selects (every engine by default), each set
 * in a `describe` named after its engine, so a scenario is written once and runs everywhere. The engine's browser
 * starts before its tests and closes after them; each test's visitors are closed after it.
 *
 * @example
 * describeEngines('delivery', (suite) => {
 *   test('a lead lands', async () => { const tab = await suite.browser.openVisitor(url); … });
 * });
 */
export const describeEngines = (
  title: string,
  body: (suite: EngineSuite) => void,
  options: EngineSuiteOptions = {},
): void => {
  for (const engine of selectedEngines()) {
    describe(`${title} [${engine}]`, () => {
      let browser: BrowserSession | undefined;
      let allowed: RegExp[] = [];
      const suite: EngineSuite = {
        engine,
        get browser() {
          if (!browser) throw new Error(`${engine} did not start`);
          return browser;
        },
        allowProblems: (...patterns) => void allowed.push(...patterns),
      };
      beforeAll(async () => {
        browser = await launchEngine(engine, options);
      });
      afterAll(async () => {
        await browser?.close();
      });
      afterEach(async () => {
        await browser?.closeVisitors();
        const host = options.host?.();
        const problems = (await host?.takeProblems()) ?? [];
        host?.reset();
        const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
        allowed = [];
        expect(unexpected, 'console errors, warnings, page errors or CSP violations').toEqual([]);
      });
      body(suite);
    });
  }
};
