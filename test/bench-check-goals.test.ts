import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../bench/bench-results';
import { checkGoals } from '../bench/check-goals';

const passing: BenchResults = {
  date: '2026-11-28T14:00:00.000Z',
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 8, node: 'v20.20.2', chromium: '156.0.0.0' },
  size: { 'flowmatix-leads': { gzip: 3_900, brotli: 3_500 }, '@formspree/ajax': { gzip: 4_747, brotli: 4_185 } },
  mainThread: {
    initMs: 0.4,
    submitMs: 0.3,
    longTasks: 0,
    peerInitMs: { '@formspree/ajax': 0.5, 'plausible-tracker': 0.3 },
  },
  navigateAway: {
    companion: { delivered: 200, trials: 200 },
    naiveFetch: { delivered: 150, trials: 200 },
    slowNetwork: {
      network: { latencyMs: 400, downloadBytesPerSecond: 200_000, uploadBytesPerSecond: 93_750 },
      companion: { delivered: 40, trials: 40 },
      naiveFetch: { delivered: 31, trials: 40 },
      listedOnLanding: { companion: 40, naiveFetch: 31 },
    },
  },
  relay: { rps: 900, bareRps: 1_000, ratio: 0.9, p50Ms: 3, p99Ms: 8, bareP99Ms: 7, rssMb: 120 },
  submitToListedMs: 12,
  relayCost: {
    worstCaseRatio: 1.6,
    worstCaseKind: 'valid',
    refusedRatio: 0.4,
    normalCpuMs: 0.8,
    lightRps: 7_000,
    lightBareRps: 8_000,
    lightRatio: 0.875,
    lightP99Ms: 9,
    lightBareP99Ms: 7,
    lightFloorRps: 2_400,
    lightFloorRatio: 0.3,
    lightFloorP99Ms: 14,
    lightConnections: 32,
  },
};
const flatMemory = [30, 33, 33.5, 33, 34, 33.5];

const failing = (results: BenchResults, rss = flatMemory) =>
  checkGoals(results, rss)
    .filter((check) => !check.met)
    .map((check) => check.goal);

describe('checkGoals', () => {
  it('meets every goal with figures inside them', () => {
    expect(failing(passing)).toEqual([]);
  });

  it('fails each relay cost goal on its own: worst case over 3×, a 429 over 0.5×, light-upstream ratio under 0.8', () => {
    const cost = (change: Partial<BenchResults['relayCost']>) =>
      failing({ ...passing, relayCost: { ...passing.relayCost, ...change } });
    expect(cost({ worstCaseRatio: 3.1 })).toEqual(['worst-case request CPU ≤ 3× a normal lead']);
    expect(cost({ refusedRatio: 0.51 })).toEqual(['429 CPU ≤ 0.5× a normal lead']);
    expect(cost({ lightRatio: 0.47 })).toEqual(['light upstream: relay rps / bare rps ≥ 0.8']);
  });

  it('fails the size goal above 4,000 B gzip, and says by how much', () => {
    const results = { ...passing, size: { ...passing.size, 'flowmatix-leads': { gzip: 4_001, brotli: 3_600 } } };
    expect(failing(results)).toEqual(['companion ≤ 4,000 B gzip']);
    expect(checkGoals(results, flatMemory)[0]?.measured).toBe('4,001 B');
  });

  it('fails each main-thread goal on its own', () => {
    const mainThread = (change: Partial<BenchResults['mainThread']>) =>
      failing({ ...passing, mainThread: { ...passing.mainThread, ...change } });
    expect(mainThread({ initMs: 0.51 })).toEqual(["init ≤ @formspree/ajax's init"]);
    expect(mainThread({ submitMs: 0.6 })).toEqual(['submit handler ≤ 0.5 ms']);
    expect(mainThread({ longTasks: 1 })).toEqual(['no long tasks']);
  });

  it("sets the init goal against @formspree/ajax's init, whatever plausible-tracker's", () => {
    const mainThread = {
      ...passing.mainThread,
      initMs: 0.5,
      peerInitMs: { '@formspree/ajax': 0.5, 'plausible-tracker': 0.1 },
    };
    expect(failing({ ...passing, mainThread })).toEqual([]);
    expect(checkGoals({ ...passing, mainThread }, flatMemory)[1]?.measured).toBe('0.50 ms vs 0.50 ms');
  });

  it("does not call the init goal met when @formspree/ajax's init was not measured", () => {
    const mainThread = { ...passing.mainThread, peerInitMs: undefined };
    expect(failing({ ...passing, mainThread })).toEqual(["init ≤ @formspree/ajax's init"]);
    expect(checkGoals({ ...passing, mainThread }, flatMemory)[1]?.measured).toBe(
      '0.40 ms, @formspree/ajax not measured',
    );
  });

  it('fails slow-network delivery when one lead of the companion is missing there, or when it was not measured', () => {
    const slowNetwork = passing.navigateAway.slowNetwork!;
    const lost = { ...slowNetwork, companion: { delivered: 39, trials: 40 } };
    expect(failing({ ...passing, navigateAway: { ...passing.navigateAway, slowNetwork: lost } })).toEqual([
      'companion delivers every navigate-away submit on a slow network',
    ]);
    expect(failing({ ...passing, navigateAway: { ...passing.navigateAway, slowNetwork: undefined } })).toEqual([
      'companion delivers every navigate-away submit on a slow network',
    ]);
  });

  it('fails delivery when one navigate-away lead of the companion is missing, whatever the naive page did', () => {
    const navigateAway = {
      ...passing.navigateAway,
      companion: { delivered: 199, trials: 200 },
      naiveFetch: { delivered: 200, trials: 200 },
    };
    expect(failing({ ...passing, navigateAway })).toEqual(['companion delivers every navigate-away submit']);
  });

  it('does not count zero trials as every lead delivered', () => {
    const navigateAway = {
      ...passing.navigateAway,
      companion: { delivered: 0, trials: 0 },
      naiveFetch: { delivered: 0, trials: 0 },
    };
    expect(failing({ ...passing, navigateAway })).toEqual(['companion delivers every navigate-away submit']);
  });

  it('fails the relay on a low ratio and on a p99 overhead above 2 ms', () => {
    expect(failing({ ...passing, relay: { ...passing.relay, ratio: 0.79 } })).toEqual(['relay rps / bare rps ≥ 0.8']);
    const slow = { ...passing.relay, p99Ms: 9.01, bareP99Ms: 7 };
    expect(failing({ ...passing, relay: slow })).toEqual(['relay p99 overhead ≤ 2 ms']);
    expect(checkGoals({ ...passing, relay: slow }, flatMemory)[6]?.measured).toBe('+2.01 ms');
  });

  it('judges memory from the end of the first round, when the bounded stores are full', () => {
    expect(failing(passing, [60, 120, 124, 125, 125, 126])).toEqual([]);
    expect(failing(passing, [60, 120, 130, 140, 150, 160])).toEqual([
      'relay memory flat (retained ≤ 5 % growth after round 1)',
    ]);
  });

  it('does not call memory flat when it was not measured', () => {
    expect(failing(passing, [])).toEqual(['relay memory flat (retained ≤ 5 % growth after round 1)']);
  });
});
