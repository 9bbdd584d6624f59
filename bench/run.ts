/**
 * `npm run bench`: the companion's size next to the anchors, its init beside its peers' and its other main-thread
 * costs, its navigate-away delivery over loopback (every engine) and on a slow network (Chromium), the relay's
 * throughput, latency and memory against a bare pass-through, and the time from a submit to the lead in the inbox —
 * all in one run. Prints one table; writes bench/results.json, the table into docs/benchmarks.md (between its
 * bench:start and bench:end markers) and the chart docs/benchmarks.svg.
 *
 *   npm run bench                    # the full run (writes the files above)
 *   npm run bench -- --quick         # a few samples of each, to try the harness (the docs go to a temporary
 *                                    # directory, nothing is written in the repository)
 *   npm run bench -- --profile DIR   # also a CPU profile of the relay process, summarized after the table
 *
 * Chromium: /usr/bin/chromium, or CHROMIUM_PATH.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../test/e2e/support/launch-chromium';
import type { BenchResults } from './bench-results';
import { buildCompanion, ROOT } from './build-companion';
import { checkGoals } from './check-goals';
import { formatResults } from './format-results';
import { initSubjects } from './init-subjects';
import { measureMainThread } from './measure-main-thread';
import { measureNavigateAwaySlow } from './measure-navigate-away-slow';
import { navigateAwayInEveryEngine } from './navigate-away-engines';
import { measureRelay, measureRelayCosts } from './measure-relay';
import { measureSizes } from './measure-sizes';
import { measureSubmitToListed } from './measure-submit-to-listed';
import { readMachine } from './read-machine';
import { renderChart } from './render-chart';
import { replaceGeneratedSection } from './replace-generated-section';
import { startBenchSite } from './start-bench-site';
import { startInitPages } from './start-init-pages';
import { summarizeCpuProfile, type CpuProfile } from './summarize-cpu-profile';

const FULL = {
  mainThreadRuns: 60,
  navigateAwayTrials: 60,
  slowNetworkTrials: 40,
  relay: {
    rounds: 5,
    relayRequestsPerRound: 20_000,
    bareRequestsPerRound: 10_000,
    warmup: 3_000,
    connections: 10,
    latency: { requests: 6_000 },
  },
  cost: { costRequests: 4_000, lightRequests: 40_000, lightConnections: 32, warmup: 2_000 },
  submitToListedRuns: 30,
};
const QUICK = {
  mainThreadRuns: 5,
  navigateAwayTrials: 5,
  slowNetworkTrials: 3,
  relay: {
    rounds: 2,
    relayRequestsPerRound: 1_000,
    bareRequestsPerRound: 1_000,
    warmup: 300,
    connections: 10,
    latency: { requests: 300 },
  },
  cost: { costRequests: 300, lightRequests: 2_000, lightConnections: 32, warmup: 200 },
  submitToListedRuns: 5,
};

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, profile: { type: 'string' } },
});
const plan = flags.quick ? QUICK : FULL;
const startedAt = new Date();
const round = (value: number, digits: number) => Number(value.toFixed(digits));
const step = (name: string) => process.stderr.write(`bench: ${name}…\n`);

step('building the companion and weighing scripts');
const companion = await buildCompanion();
const weighed = await measureSizes(companion);

step(
  `relay vs bare pass-through, ${plan.relay.rounds} rounds of ${plan.relay.relayRequestsPerRound.toLocaleString('en')} ` +
    `and ${plan.relay.bareRequestsPerRound.toLocaleString('en')} requests, then ${plan.relay.latency.requests} each ` +
    'one at a time',
);
const profileDir =
  flags.profile === undefined ? undefined : resolve(flags.profile || mkdtempSync(join(tmpdir(), 'relay-prof-')));
const relay = await measureRelay({ ...plan.relay, profileDir });
step(
  `relay cost against a light upstream: ${plan.cost.costRequests.toLocaleString('en')} requests of each kind, then ` +
    `${plan.cost.lightRequests.toLocaleString('en')} each to the relay, bare and the Hono floor over ${plan.cost.lightConnections} connections`,
);
const cost = await measureRelayCosts(plan.cost);

const site = await startBenchSite(companion);
const subjects = initSubjects(weighed);
const initPages = await startInitPages(site, subjects);
const browser = await launchChromium();
let browserFigures;
try {
  step(
    `main thread, ${plan.mainThreadRuns} loads with each of ${subjects.map(({ name }) => name).join(', ')} ` +
      'and as many with none',
  );
  const mainThread = await measureMainThread(browser, initPages, subjects, plan.mainThreadRuns);
  step(`navigate away, ${plan.navigateAwayTrials} trials each`);
  const { figures: loopback, table: enginesTable } = await navigateAwayInEveryEngine(site, plan.navigateAwayTrials, {
    write: !flags.quick,
  });
  step(`navigate away on a slow network in Chromium, ${plan.slowNetworkTrials} trials each`);
  const slowNetwork = await measureNavigateAwaySlow(browser, site, plan.slowNetworkTrials);
  const navigateAway = { ...loopback, slowNetwork };
  step(`submit to listed, ${plan.submitToListedRuns} runs`);
  site.sandbox.reset();
  const submitToListed = await measureSubmitToListed(browser, site, plan.submitToListedRuns);
  browserFigures = { mainThread, navigateAway, submitToListed, enginesTable, chromium: browser.version() };
} finally {
  await browser.close();
  await initPages.close();
  await site.close();
}
const { mainThread, navigateAway, submitToListed, enginesTable, chromium } = browserFigures;
const [ours, ...peers] = mainThread.init;
if (!ours) throw new Error('no init figure for the companion');

const results: BenchResults = {
  date: startedAt.toISOString(),
  machine: readMachine(chromium),
  size: Object.fromEntries(weighed.map(({ name, size }) => [name, size])),
  mainThread: {
    initMs: round(ours.initMs, 3),
    submitMs: round(mainThread.submitMs, 3),
    longTasks: mainThread.longTasks,
    peerInitMs: Object.fromEntries(peers.map(({ name, initMs }) => [name, round(initMs, 3)])),
  },
  navigateAway,
  relay: {
    rps: Math.round(relay.relay.rps),
    bareRps: Math.round(relay.bare.rps),
    ratio: round(relay.relay.rps / relay.bare.rps, 3),
    p50Ms: round(relay.relay.p50Ms, 3),
    p99Ms: round(relay.relay.p99Ms, 3),
    bareP99Ms: round(relay.bare.p99Ms, 3),
    rssMb: round(relay.rssMb.at(-1) ?? Number.NaN, 1),
  },
  submitToListedMs: round(submitToListed.medianMs, 2),
  relayCost: {
    worstCaseRatio: round(cost.worstCase.ratio, 3),
    worstCaseKind: cost.worstCase.kind,
    refusedRatio: round(cost.refusedRatio, 3),
    normalCpuMs: round(cost.cpuMsPerRequest.normal, 4),
    lightRps: Math.round(cost.light.rps),
    lightBareRps: Math.round(cost.light.bareRps),
    lightRatio: round(cost.light.ratio, 3),
    lightP99Ms: round(cost.light.p99Ms, 3),
    lightBareP99Ms: round(cost.light.bareP99Ms, 3),
    lightFloorRps: Math.round(cost.light.floorRps),
    lightFloorRatio: round(cost.light.floorRatio, 3),
    lightFloorP99Ms: round(cost.light.floorP99Ms, 3),
    lightConnections: cost.light.connections,
  },
};
const notes = {
  files: Object.fromEntries(weighed.map(({ name, file }) => [name, file])),
  mainThreadRuns: mainThread.runs,
  initWithMs: ours.markedMs,
  initWithoutMs: mainThread.initWithoutMs,
  initRunMs: ours.runMs,
  peerInit: Object.fromEntries(peers.map(({ name, markedMs, runMs }) => [name, { markedMs, runMs }])),
  submitWithMs: mainThread.submitWithMs,
  submitWithoutMs: mainThread.submitWithoutMs,
  relayRequests: relay.relay.requests,
  bareRequests: relay.bare.requests,
  bareP50Ms: relay.bare.p50Ms,
  connections: relay.connections,
  latency: relay.latency,
  saturated: {
    relay: { p50Ms: relay.relay.saturatedP50Ms, p99Ms: relay.relay.saturatedP99Ms },
    bare: { p50Ms: relay.bare.saturatedP50Ms, p99Ms: relay.bare.saturatedP99Ms },
  },
  cpuMsPerRequest: {
    relay: relay.relay.cpuMsPerRequest,
    bare: relay.bare.cpuMsPerRequest,
    sandbox: relay.relay.sandboxCpuMsPerRequest,
  },
  rssSamplesMb: relay.rssMb,
  retainedSamplesMb: relay.retainedMb,
  submitToListedRuns: submitToListed.runs,
  clockErrorMs: submitToListed.clockErrorMs,
  durationS: (Date.now() - startedAt.getTime()) / 1000,
  costRequests: plan.cost.costRequests,
  lightRequests: plan.cost.lightRequests,
};

const table = formatResults(results, notes, checkGoals(results, relay.retainedMb));
console.log(table);
if (profileDir) {
  const [main] = readdirSync(profileDir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  if (main) {
    const profile = JSON.parse(readFileSync(join(profileDir, main), 'utf8')) as CpuProfile;
    console.log(`\nRelay process CPU profile (${join(profileDir, main)}), top functions by self time:`);
    for (const row of summarizeCpuProfile(profile, 25)) {
      console.log(
        `${row.selfMs.toFixed(0).padStart(7)} ms ${(row.selfShare * 100).toFixed(1).padStart(5)} %  ${row.name}`,
      );
    }
  }
}
// A quick run's figures are too few to publish: its docs go to a temporary directory, to be looked at.
const docsDir = flags.quick ? mkdtempSync(join(tmpdir(), 'flowmatix-bench-docs-')) : join(ROOT, 'docs');
const benchmarksPage = join(docsDir, 'benchmarks.md');
writeFileSync(
  benchmarksPage,
  replaceGeneratedSection(
    readFileSync(join(ROOT, 'docs', 'benchmarks.md'), 'utf8'),
    `${table}\n\nNavigate away in every engine, ${plan.navigateAwayTrials} trials each:\n\n${enginesTable}`,
  ),
);
writeFileSync(join(docsDir, 'benchmarks.svg'), renderChart(results));
console.log(`\nWrote ${benchmarksPage} and benchmarks.svg beside it`);
if (!flags.quick) {
  writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('Wrote bench/results.json');
}
