import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildCompanion } from '../../bench/build-companion';
import { measureNavigateAway } from '../../bench/measure-navigate-away';
import { formatNavigateAwayTable } from '../../bench/navigate-away-engines';
import { startBenchSite, type BenchSite } from '../../bench/start-bench-site';
import { describeEngines } from './support/each-engine';

// The benchmark's navigate-away comparison with a few trials: the harness works in every engine, and the companion
// delivers every one of them. (`npm run bench` runs 200 of each and prints the table.)
const TRIALS = 3;

let site: BenchSite;

beforeAll(async () => {
  site = await startBenchSite(await buildCompanion());
});

afterAll(async () => {
  await site?.close();
});

describeEngines('the navigate-away benchmark', (suite) => {
  test(`${TRIALS} alternated trials: the companion delivers every lead of a form that leaves the page`, async () => {
    const figures = await measureNavigateAway(suite.browser, site, TRIALS);
    expect(figures.companion).toEqual({ delivered: TRIALS, trials: TRIALS });
    // The naive fetch may lose leads or not, depending on the engine; the count is of its own trials only.
    expect(figures.naiveFetch.trials).toBe(TRIALS);
    expect(figures.naiveFetch.delivered).toBeLessThanOrEqual(TRIALS);
    const table = formatNavigateAwayTable([{ engine: suite.engine, version: suite.browser.version, ...figures }]);
    expect(table).toContain(`| ${suite.engine} | ${suite.browser.version} | ${TRIALS}/${TRIALS} |`);
  });
});
