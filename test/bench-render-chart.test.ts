import { describe, expect, it } from 'vitest';
import { renderChart } from '../bench/render-chart';

const results: Parameters<typeof renderChart>[0] = {
  date: '2026-11-28T14:00:00.000Z',
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 8, node: 'v20.20.2', chromium: '156.0.0.0' },
  size: {
    'flowmatix-leads': { gzip: 6_777, brotli: 6_166 },
    '@formspree/ajax': { gzip: 4_747, brotli: 4_185 },
    '@segment/analytics-next': { gzip: 31_322, brotli: 27_445 },
    'plausible-tracker': { gzip: 1_118, brotli: 935 },
  },
  mainThread: {
    initMs: 3.523,
    submitMs: 0.19,
    longTasks: 0,
    peerInitMs: { '@formspree/ajax': 4.1, 'plausible-tracker': 0.4 },
  },
};

const barWidths = (svg: string) =>
  [...svg.matchAll(/<rect x="150" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('renderChart', () => {
  it('labels each bar with its value: size in bytes, init in ms, ours and the two peers only', () => {
    const svg = renderChart(results);
    for (const label of ['6,777 B', '4,747 B', '1,118 B', '3.52 ms', '4.10 ms', '0.40 ms', 'goal 4,000 B'])
      expect(svg).toContain(`>${label}</text>`);
    expect(svg).not.toContain('segment');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('draws bars in proportion, the longest of each panel full width', () => {
    const [ours, formspree, plausible, initOurs, initFormspree, initPlausible] = barWidths(renderChart(results));
    expect(ours).toBe(430);
    expect(formspree).toBeCloseTo((430 * 4_747) / 6_777, 0);
    expect(plausible).toBeCloseTo((430 * 1_118) / 6_777, 0);
    expect(initFormspree).toBe(430);
    expect(initOurs).toBeCloseTo((430 * 3.523) / 4.1, 0);
    expect(initPlausible).toBeCloseTo((430 * 0.4) / 4.1, 0);
  });

  it('gives the same text for the same results, and says what a run did not measure', () => {
    expect(renderChart(results)).toBe(renderChart(structuredClone(results)));
    const older = { ...results, mainThread: { ...results.mainThread, peerInitMs: undefined } };
    expect(renderChart(older).match(/not measured in this run/g)).toHaveLength(2);
  });
});
