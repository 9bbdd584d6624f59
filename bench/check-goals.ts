import type { BenchResults } from './bench-results';

/** One goal of the benchmark and whether this run met it. */
export interface GoalCheck {
  goal: string;
  met: boolean;
  /** What was measured, in the goal's terms. */
  measured: string;
}

/** The gzip ceiling of the companion the benchmark aims for (the size test fails only above 5,000 B). */
export const SIZE_GOAL_BYTES = 4_000;
export const MAIN_THREAD_GOAL_MS = 0.5;
export const RATIO_GOAL = 0.8;
export const P99_OVERHEAD_GOAL_MS = 2;
/**
 * Retained memory may grow this share between the end of the first round and the end of the last (the bounded
 * stores are full then).
 */
export const MEMORY_GROWTH_LIMIT = 0.05;
/** Relay CPU of the costliest crafted lead, and of a 429, each over a normal lead's. */
export const WORST_CASE_COST_GOAL = 3;
export const REFUSED_COST_GOAL = 0.5;

const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * Checks a run against the goals of the benchmark. `retainedSamplesMb` are what the relay process retains after
 * full GCs (JS heap used plus external memory; after warm-up, then after each round); memory is flat when it grows
 * at most `MEMORY_GROWTH_LIMIT` from the end of the first round to the end of the last, when the bounded stores
 * (idempotency keys) have long been full. Not RSS: it follows the heap V8 keeps reserved, which swings by a fifth
 * from round to round while the retained memory stays put (RSS is reported beside it).
 *
 * @example
 * checkGoals(results, [181, 219, 220, 221, 220, 221]).filter((check) => !check.met);
 */
export const checkGoals = (results: BenchResults, retainedSamplesMb: readonly number[]): GoalCheck[] => {
  const ours = results.size['flowmatix-leads'];
  const { mainThread, navigateAway, relay } = results;
  const afterFirst = retainedSamplesMb[1] ?? retainedSamplesMb[0] ?? Number.NaN;
  const last = retainedSamplesMb.at(-1) ?? Number.NaN;
  const growth = (last - afterFirst) / afterFirst;
  const overhead = relay.p99Ms - relay.bareP99Ms;
  return [
    {
      goal: `companion ≤ ${SIZE_GOAL_BYTES.toLocaleString('en')} B gzip`,
      met: ours !== undefined && ours.gzip <= SIZE_GOAL_BYTES,
      measured: ours === undefined ? 'not measured' : `${ours.gzip.toLocaleString('en')} B`,
    },
    {
      goal: `init ≤ ${MAIN_THREAD_GOAL_MS} ms`,
      met: mainThread.initMs <= MAIN_THREAD_GOAL_MS,
      measured: ms(mainThread.initMs),
    },
    {
      goal: `submit handler ≤ ${MAIN_THREAD_GOAL_MS} ms`,
      met: mainThread.submitMs <= MAIN_THREAD_GOAL_MS,
      measured: ms(mainThread.submitMs),
    },
    { goal: 'no long tasks', met: mainThread.longTasks === 0, measured: String(mainThread.longTasks) },
    {
      goal: 'companion delivers every navigate-away submit',
      met: navigateAway.companion.trials > 0 && navigateAway.companion.delivered === navigateAway.companion.trials,
      measured: `${navigateAway.companion.delivered}/${navigateAway.companion.trials}`,
    },
    { goal: `relay rps / bare rps ≥ ${RATIO_GOAL}`, met: relay.ratio >= RATIO_GOAL, measured: relay.ratio.toFixed(2) },
    {
      goal: `relay p99 overhead ≤ ${P99_OVERHEAD_GOAL_MS} ms`,
      met: overhead <= P99_OVERHEAD_GOAL_MS,
      measured: `${overhead >= 0 ? '+' : ''}${ms(overhead)}`,
    },
    {
      goal: `relay memory flat (retained ≤ ${MEMORY_GROWTH_LIMIT * 100} % growth after round 1)`,
      met: growth <= MEMORY_GROWTH_LIMIT,
      measured: Number.isFinite(growth) ? `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %` : 'not measured',
    },
    {
      goal: `worst-case request CPU ≤ ${WORST_CASE_COST_GOAL}× a normal lead`,
      met: results.relayCost.worstCaseRatio <= WORST_CASE_COST_GOAL,
      measured: `${results.relayCost.worstCaseRatio.toFixed(2)}× (${results.relayCost.worstCaseKind})`,
    },
    {
      goal: `429 CPU ≤ ${REFUSED_COST_GOAL}× a normal lead`,
      met: results.relayCost.refusedRatio <= REFUSED_COST_GOAL,
      measured: `${results.relayCost.refusedRatio.toFixed(2)}×`,
    },
    {
      goal: `light upstream: relay rps / bare rps ≥ ${RATIO_GOAL}`,
      met: results.relayCost.lightRatio >= RATIO_GOAL,
      measured: results.relayCost.lightRatio.toFixed(2),
    },
  ];
};
