import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../bench/bench-results';
import { checkGoals } from '../bench/check-goals';
import { formatResults, type ResultNotes } from '../bench/format-results';

const results: BenchResults = {
  date: '2026-11-28T14:00:00.000Z',
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 23.5, node: 'v20.20.2', chromium: '156.0.8078.108' },
  size: { 'flowmatix-leads': { gzip: 4_321, brotli: 3_876 }, 'plausible-tracker': { gzip: 1_118, brotli: 935 } },
  mainThread: {
    initMs: 0.4125,
    submitMs: 0.2,
    longTasks: 0,
    peerInitMs: { '@formspree/ajax': 0.55, 'plausible-tracker': 0.25 },
  },
  navigateAway: {
    companion: { delivered: 200, trials: 200 },
    naiveFetch: { delivered: 187, trials: 200 },
    slowNetwork: {
      network: { latencyMs: 400, downloadBytesPerSecond: 200_000, uploadBytesPerSecond: 93_750 },
      companion: { delivered: 40, trials: 40 },
      naiveFetch: { delivered: 31, trials: 40 },
      listedOnLanding: { companion: 40, naiveFetch: 9 },
    },
  },
  relay: { rps: 2_345, bareRps: 2_600, ratio: 0.902, p50Ms: 3.25, p99Ms: 9.5, bareP99Ms: 8, rssMb: 121.4 },
  submitToListedMs: 17.26,
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
const notes: ResultNotes = {
  files: { 'flowmatix-leads': 'dist/flowmatix-leads.js', 'plausible-tracker': 'bundled' },
  mainThreadRuns: 60,
  initWithMs: 0.7125,
  initWithoutMs: 0.3,
  initRunMs: 0.1875,
  peerInit: {
    '@formspree/ajax': { markedMs: 0.85, runMs: 0.4 },
    'plausible-tracker': { markedMs: 0.55, runMs: 0.35 },
  },
  submitWithMs: 0.25,
  submitWithoutMs: 0.05,
  relayRequests: 100_000,
  bareRequests: 100_000,
  bareP50Ms: 2.5,
  connections: 10,
  latency: { requests: 3_000 },
  saturated: { relay: { p50Ms: 4.1, p99Ms: 12 }, bare: { p50Ms: 3.8, p99Ms: 10 } },
  cpuMsPerRequest: { relay: 0.61, bare: 0.4, sandbox: 0.5 },
  rssSamplesMb: [100, 120, 121, 121.4],
  retainedSamplesMb: [30, 33.5, 33.6, 33.5],
  submitToListedRuns: 30,
  clockErrorMs: 0.4,
  durationS: 301,
  costRequests: 4_000,
  lightRequests: 40_000,
};
const text = formatResults(results, notes, checkGoals(results, notes.retainedSamplesMb));
const rows = text.split('\n').filter((line) => line.startsWith('| '));
const row = (start: string) =>
  rows
    .find((line) => line.startsWith(`| ${start}`))
    ?.split('|')
    .map((cell) => cell.trim());

describe('formatResults', () => {
  it('shows the relay cost figures beside their goals', () => {
    expect(row('relay: worst-case request CPU')?.slice(2, 5)).toEqual([
      '1.60× (valid)',
      'worst-case request CPU ≤ 3× a normal lead',
      'yes',
    ]);
    expect(row('relay: 429 CPU')?.slice(2, 5)).toEqual(['0.40×', '429 CPU ≤ 0.5× a normal lead', 'yes']);
    expect(row('relay / bare rps, light upstream')?.slice(2, 5)).toEqual([
      '0.88',
      'light upstream: relay rps / bare rps ≥ 0.8',
      'yes',
    ]);
    expect(row('relay p99, light upstream, 32 connections')?.[2]).toBe('9.00 ms (7.00 ms)');
    expect(row('stack floor (Hono forwarding unchecked JSON) / bare rps')?.slice(2, 5)).toEqual([
      '0.30 (2,400 rps, p99 14.00 ms)',
      '',
      '',
    ]);
  });

  it('heads the table with the date and the machine', () => {
    expect(text.split('\n')[0]).toBe(
      'Benchmark of 2026-11-28T14:00:00.000Z on Test CPU × 2, 23.5 GB, Node v20.20.2, Chromium 156.0.8078.108 (301 s)',
    );
  });

  it('is one Markdown table whose rows all have as many cells as its head', () => {
    const widths = new Set(rows.map((line) => line.split('|').length));
    expect(widths.size).toBe(1);
    expect(text).toMatch(/^\|-+\|-+\|-+\|-+\|$/m);
  });

  it('gives every size with its goal for ours and "anchor" for the others', () => {
    expect(row('size: flowmatix-leads')?.slice(2, 5)).toEqual(['4,321 / 3,876 B', 'companion ≤ 4,000 B gzip', 'no']);
    expect(row('size: plausible-tracker')?.slice(2, 5)).toEqual(['1,118 / 935 B', 'anchor', '']);
  });

  it('says what the marks cost on their own and how much of the init was the run itself', () => {
    expect(text).toContain(
      'median 0.713 ms between the marks, less 0.300 ms for the same marks around an empty script',
    );
    expect(text).toContain('the run alone (from a mark at its first statement) took 0.188 ms');
  });

  it('shows each measured figure next to its goal and verdict', () => {
    expect(row('main thread: companion init')?.slice(2, 5)).toEqual([
      '0.412 ms',
      "init ≤ @formspree/ajax's init",
      'yes',
    ]);
    expect(row('navigate away: companion')?.slice(2, 5)).toEqual([
      '200/200 delivered',
      'companion delivers every navigate-away submit',
      'yes',
    ]);
    expect(row('navigate away: naive fetch')?.[2]).toBe('187/200 delivered');
    expect(row('relay: requests/s')?.[2]).toBe('2,345 (2,600)');
    expect(row('relay: rps ratio')?.slice(2, 5)).toEqual(['0.90', 'relay rps / bare rps ≥ 0.8', 'yes']);
    expect(row('relay: CPU per request')?.[2]).toBe('0.61 ms (0.40 ms; 0.50 ms)');
    expect(row('relay: p50 / p99 one at a time')?.slice(2, 5)).toEqual([
      '3.25 ms / 9.50 ms (2.50 ms / 8.00 ms)',
      'relay p99 overhead ≤ 2 ms',
      'yes',
    ]);
    expect(row('relay: RSS after 100,000 requests')?.[2]).toBe('121.4 MB');
    expect(row('submit → listed by the sandbox, median of 30')?.[2]).toBe('17.3 ms');
  });

  it("gives each peer's init beside ours with the ratio ours / theirs, and its marks in the footnote", () => {
    expect(row('main thread: @formspree/ajax init, median of 60')?.slice(2, 5)).toEqual([
      '0.550 ms (ours / this: 0.75)',
      'peer',
      '',
    ]);
    expect(row('main thread: plausible-tracker init, median of 60')?.[2]).toBe('0.250 ms (ours / this: 1.65)');
    expect(text).toContain(
      '@formspree/ajax: median 0.850 ms between the marks; its run alone, start included, 0.400 ms.',
    );
  });

  it('shows the slow-network trials beside the loopback ones, with the emulated network in the footnote', () => {
    expect(row('navigate away, slow network: companion')?.slice(2, 5)).toEqual([
      '40/40 delivered',
      'companion delivers every navigate-away submit on a slow network',
      'yes',
    ]);
    expect(row('navigate away, slow network: naive fetch')?.slice(2, 5)).toEqual(['31/40 delivered', 'reference', '']);
    expect(text).toContain('400 ms from a request sent to its answer, 1,600 kbit/s down, 750 kbit/s up');
    expect(text).toContain("the relay already listed 40/40 of the companion's leads and 9/40 of the naive fetch's");
  });

  it('leaves out the peer and slow-network rows of a run that did not measure them', () => {
    const older = {
      ...results,
      mainThread: { ...results.mainThread, peerInitMs: undefined },
      navigateAway: { ...results.navigateAway, slowNetwork: undefined },
    };
    const lines = formatResults(older, notes, checkGoals(older, notes.retainedSamplesMb)).split('\n');
    expect(lines.filter((line) => /^\| main thread: .* init/.test(line))).toHaveLength(1);
    expect(lines.some((line) => line.startsWith('| navigate away, slow network'))).toBe(false);
  });

  it('explains the methods in footnotes: files weighed, the submit baseline, the memory readings', () => {
    expect(text).toContain('plausible-tracker: bundled');
    expect(text).toContain(
      'Median with the companion 0.250 ms minus median without it (as many alternated loads) 0.050 ms',
    );
    expect(text).toContain(
      'RSS 100 → 120 → 121 → 121 MB; retained (JS heap used plus external memory) 30.0 → 33.5 → 33.6 → 33.5 MB',
    );
    expect(text).toContain('relay p50 / p99 4.10 ms / 12.00 ms, bare 3.80 ms / 10.00 ms');
  });
});
