/**
 * The navigate-away comparison alone, per engine (`npm run bench` runs it too, with 60 trials):
 *
 *   npx tsx bench/navigate-away.bench.ts                          # 20 trials each, every engine
 *   npx tsx bench/navigate-away.bench.ts --trials 200 --engine firefox
 *
 * Prints the Markdown table; writes nothing.
 */
import { parseArgs } from 'node:util';
import { selectedEngines } from '../test/e2e/support/engines';
import { buildCompanion } from './build-companion';
import { formatNavigateAwayTable, measureNavigateAwayPerEngine } from './navigate-away-engines';
import { startBenchSite } from './start-bench-site';

const { values } = parseArgs({
  options: { trials: { type: 'string', default: '20' }, engine: { type: 'string', multiple: true } },
});
const trials = Number(values.trials);
if (!Number.isInteger(trials) || trials < 1)
  throw new Error(`--trials takes a whole number above 0, not ${values.trials}`);
const engines = selectedEngines(values.engine?.join(',') || process.env.FLOWMATIX_ENGINES);

const site = await startBenchSite(await buildCompanion());
try {
  const rows = await measureNavigateAwayPerEngine(site, trials, engines, (line) => process.stderr.write(`${line}…\n`));
  console.log(formatNavigateAwayTable(rows));
} finally {
  await site.close();
}
