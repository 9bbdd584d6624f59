import type { BenchResults } from './bench-results';
import { SIZE_GOAL_BYTES } from './check-goals';
import { INIT_PEERS, OURS } from './init-subjects';

const WIDTH = 720;
const LABEL_WIDTH = 150;
const BAR_SPACE = 430;
const ROW = 26;
const BAR = 16;
const OURS_COLOUR = '#1d4ed8';
const PEER_COLOUR = '#9ca3af';
const TEXT_COLOUR = '#111827';

interface Bar {
  name: string;
  /** Undefined: not measured in this run. */
  value: number | undefined;
  label: string;
}

interface Panel {
  title: string;
  bars: Bar[];
  /** A dashed line across the bars, e.g. a goal. */
  mark?: { value: number; label: string };
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Thousands separated by commas whatever the locale, so the chart's text is the same on every machine. */
const grouped = (value: number): string => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const at = (value: number): string => String(Number(value.toFixed(1)));

const text = (x: number, y: number, content: string, extra = ''): string =>
  `<text x="${at(x)}" y="${at(y)}"${extra}>${escapeXml(content)}</text>`;

const renderPanel = (panel: Panel, top: number): { svg: string[]; height: number } => {
  const measured = panel.bars.flatMap((bar) => (bar.value === undefined ? [] : [bar.value]));
  const scale = Math.max(...measured, panel.mark?.value ?? 0, Number.MIN_VALUE);
  const width = (value: number) => (value / scale) * BAR_SPACE;
  const svg = [text(0, top + 14, panel.title, ' font-weight="600"')];
  panel.bars.forEach((bar, index) => {
    const y = top + 26 + index * ROW;
    svg.push(text(LABEL_WIDTH - 10, y + BAR - 4, bar.name, ' text-anchor="end"'));
    if (bar.value === undefined) {
      svg.push(text(LABEL_WIDTH, y + BAR - 4, 'not measured in this run', ' font-style="italic"'));
      return;
    }
    const colour = bar.name === OURS ? OURS_COLOUR : PEER_COLOUR;
    svg.push(
      `<rect x="${LABEL_WIDTH}" y="${at(y)}" width="${at(width(bar.value))}" height="${BAR}" fill="${colour}"/>`,
      text(LABEL_WIDTH + width(bar.value) + 6, y + BAR - 4, bar.label),
    );
  });
  const bottom = top + 26 + panel.bars.length * ROW;
  if (panel.mark) {
    const x = LABEL_WIDTH + width(panel.mark.value);
    svg.push(
      `<line x1="${at(x)}" y1="${at(top + 20)}" x2="${at(x)}" y2="${at(bottom - 4)}" stroke="${TEXT_COLOUR}" stroke-dasharray="4 3"/>`,
      text(x + 4, top + 14, panel.mark.label, ' font-size="11"'),
    );
  }
  return { svg, height: bottom - top };
};

/**
 * The chart of docs/benchmarks.md, from one run's results: the companion's size (gzip) and init beside its peers',
 * as labelled horizontal bars. Plain SVG text; the same results always give the same bytes.
 *
 * @example
 * writeFileSync('docs/benchmarks.svg', renderChart(results));
 */
export const renderChart = (results: Pick<BenchResults, 'date' | 'machine' | 'size' | 'mainThread'>): string => {
  const names = [OURS, ...INIT_PEERS];
  const initOf = (name: string) => (name === OURS ? results.mainThread.initMs : results.mainThread.peerInitMs?.[name]);
  const panels: Panel[] = [
    {
      title: 'Size, gzip -9 (less is better)',
      bars: names.map((name) => {
        const gzip = results.size[name]?.gzip;
        return { name, value: gzip, label: gzip === undefined ? '' : `${grouped(gzip)} B` };
      }),
      mark: { value: SIZE_GOAL_BYTES, label: `goal ${grouped(SIZE_GOAL_BYTES)} B` },
    },
    {
      title: 'Init on the main thread, median in Chromium (less is better)',
      bars: names.map((name) => {
        const initMs = initOf(name);
        return { name, value: initMs, label: initMs === undefined ? '' : `${initMs.toFixed(2)} ms` };
      }),
    },
  ];
  const body: string[] = [];
  let top = 8;
  for (const panel of panels) {
    const { svg, height } = renderPanel(panel, top);
    body.push(...svg);
    top += height + 16;
  }
  const { machine } = results;
  body.push(
    text(
      0,
      top + 6,
      `npm run bench of ${results.date}: ${machine.cpu} × ${machine.cores}, Chromium ${machine.chromium}`,
      ' font-size="11" fill="#4b5563"',
    ),
  );
  const height = top + 16;
  const summary = `Size and init of ${OURS} beside ${INIT_PEERS.join(' and ')}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="-8 0 ${WIDTH + 16} ${height}" role="img" aria-label="${escapeXml(summary)}">`,
    `<title>${escapeXml(summary)}</title>`,
    `<rect x="-8" y="0" width="${WIDTH + 16}" height="${height}" fill="#ffffff"/>`,
    `<g font-family="Helvetica, Arial, sans-serif" font-size="13" fill="${TEXT_COLOUR}">`,
    ...body,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
};
