import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectedEngines, type EngineName } from '../test/e2e/support/engines';
import { launchEngine } from '../test/e2e/support/launch-engine';
import { measureNavigateAway, type NavigateAwayFigures } from './measure-navigate-away';
import type { BenchSite } from './start-bench-site';

/** The navigate-away figures of one engine. */
export interface EngineNavigateAway extends NavigateAwayFigures {
  engine: EngineName;
  /** Product and version, e.g. `firefox/153.8.0`. */
  version: string;
}

/** Where a full run keeps the per-engine figures, beside bench/results.json. */
export const NAVIGATE_AWAY_RESULTS = join(import.meta.dirname, 'navigate-away-results.json');

/**
 * Runs {@link measureNavigateAway} in each engine, one after the other, each with a browser of its own.
 *
 * @example
 * const rows = await measureNavigateAwayPerEngine(site, 200, ['chromium', 'firefox', 'webkit']);
 */
export const measureNavigateAwayPerEngine = async (
  site: BenchSite,
  trials: number,
  engines: EngineName[] = selectedEngines(),
  progress: (line: string) => void = () => undefined,
): Promise<EngineNavigateAway[]> => {
  const rows: EngineNavigateAway[] = [];
  for (const engine of engines) {
    progress(`navigate away in ${engine}, ${trials} trials each`);
    const browser = await launchEngine(engine);
    try {
      rows.push({ engine, version: browser.version, ...(await measureNavigateAway(browser, site, trials)) });
    } finally {
      await browser.close();
    }
  }
  return rows;
};

const share = ({ delivered, trials }: { delivered: number; trials: number }): string =>
  `${delivered}/${trials}${delivered < trials ? ` (${trials - delivered} lost)` : ''}`;

/**
 * The per-engine table, as Markdown: a lead counts when it reached the sandbox.
 *
 * @example
 * console.log(formatNavigateAwayTable(rows));
 */
export const formatNavigateAwayTable = (rows: EngineNavigateAway[]): string =>
  [
    '| engine | version | companion | naive fetch, no keepalive |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.engine} | ${row.version} | ${share(row.companion)} | ${share(row.naiveFetch)} |`),
    '',
    'Each trial: a new tab opens a contact page, a real click sends its native form to a page without the companion, ' +
      'and the tab is closed once that page has loaded; companion and naive fetch alternate. Leads counted in the ' +
      "sandbox's list afterwards. Loopback, no added latency.",
  ].join('\n');

/**
 * What `npm run bench` runs: the table for every selected engine, printed at once and (for a full run) kept in
 * bench/navigate-away-results.json; answers Chromium's figures (or the first engine's), which bench/results.json
 * carries as before, and the table, which the benchmarks page shows below its own.
 *
 * @example
 * const { figures, table } = await navigateAwayInEveryEngine(site, 60, { write: true });
 */
export const navigateAwayInEveryEngine = async (
  site: BenchSite,
  trials: number,
  { write = false }: { write?: boolean } = {},
): Promise<{ figures: NavigateAwayFigures; table: string }> => {
  const rows = await measureNavigateAwayPerEngine(site, trials, selectedEngines(), (line) =>
    process.stderr.write(`bench: ${line}…\n`),
  );
  const table = formatNavigateAwayTable(rows);
  console.log(`Navigate away, per engine (${trials} trials each)\n\n${table}\n`);
  if (write)
    writeFileSync(
      NAVIGATE_AWAY_RESULTS,
      `${JSON.stringify({ date: new Date().toISOString(), trials, rows }, null, 2)}\n`,
    );
  const [first] = rows;
  const { companion, naiveFetch } = rows.find((row) => row.engine === 'chromium') ?? first!;
  return { figures: { companion, naiveFetch }, table };
};
