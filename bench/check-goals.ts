import type { BenchResults, DeliveredCount } from './bench-results';
import { INIT_PEERS } from './init-subjects';

/** One goal of the benchmark and whether this run met it. */
export interface GoalCheck {
  goal: string;
  met: boolean;
  /** What was measured, in the goal's terms. */
  measured: string;
}

/** The gzip ceiling of the companion the benchmark aims for (the size test fails only above 5,000 B). */
export const SIZE_GOAL_BYTES = 4_000;
/** The submit handler's ceiling. */
export const MAIN_THREAD_GOAL_MS = 0.5;
/** Our init may take at most this peer's, loaded the same way in the same run (issue 16). */
export const INIT_GOAL_PEER = INIT_PEERS[0];
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

const everyDelivered = (count: DeliveredCount | undefined): boolean =>
  count !== undefined && count.trials > 0 && count.delivered === count.trials;

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
  const peerInit = mainThread.peerInitMs?.[INIT_GOAL_PEER];
  const slow = navigateAway.slowNetwork?.companion;
  return [
    {
      goal: `companion ≤ ${SIZE_GOAL_BYTES.toLocaleString('en')} B gzip`,
      met: ours !== undefined && ours.gzip <= SIZE_GOAL_BYTES,
      measured: ours === undefined ? 'not measured' : `${ours.gzip.toLocaleString('en')} B`,
    },
    {
      goal: `init ≤ ${INIT_GOAL_PEER}'s init`,
      met: peerInit !== undefined && mainThread.initMs <= peerInit,
      measured:
        peerInit === undefined
          ? `${ms(mainThread.initMs)}, ${INIT_GOAL_PEER} not measured`
          : `${ms(mainThread.initMs)} vs ${ms(peerInit)}`,
    },
    {
      goal: `submit handler ≤ ${MAIN_THREAD_GOAL_MS} ms`,
      met: mainThread.submitMs <= MAIN_THREAD_GOAL_MS,
      measured: ms(mainThread.submitMs),
    },
    { goal: 'no long tasks', met: mainThread.longTasks === 0, measured: String(mainThread.longTasks) },
    {
      goal: 'companion delivers every navigate-away submit',
      met: everyDelivered(navigateAway.companion),
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
    {
      goal: 'companion delivers every navigate-away submit on a slow network',
      met: everyDelivered(slow),
      measured: slow === undefined ? 'not measured' : `${slow.delivered}/${slow.trials}`,
    },
  ];
};
