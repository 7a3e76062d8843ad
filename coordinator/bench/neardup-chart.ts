import { candidateProbability, LSH_BANDS, LSH_ROWS } from '../src/dedup/lsh.ts';
import { axesAndGrid, type ChartFrame, el, plotArea, svgDocument } from './svg-chart.ts';

/** One measured bucket: its mean true Jaccard, the measured and theoretical catch rates. */
export interface CatchRatePoint {
  j: number;
  measured: number;
  theory: number;
  pairs: number;
}

const FRAME: ChartFrame = { width: 560, height: 360, left: 60, right: 20, top: 40, bottom: 50 };
const X_MIN = 0.3;
const X_MAX = 1.0;

const STYLE = `
    .grid { stroke: #e3e3e3; stroke-width: 1; }
    .axis { stroke: #333; stroke-width: 1.2; }
    .theory { fill: none; stroke: #888; stroke-width: 2; stroke-dasharray: 6 4; }
    .measured { fill: none; stroke: #1f6feb; stroke-width: 2.2; }
    .measured-dot { fill: #1f6feb; }
    .theory-dot { fill: #fff; stroke: #888; stroke-width: 1.5; }
  `;

/**
 * A hand-written SVG line chart of the LSH catch rate per similarity bucket: the measured rate
 * (points and line), the theoretical curve 1 − (1 − s^8)^14 and the theory averaged over each
 * bucket's pairs, with axes, grid and legend.
 */
export function renderCatchRateChart(points: readonly CatchRatePoint[]): string {
  const { left, top } = FRAME;
  const { plotWidth, plotHeight } = plotArea(FRAME);
  const x = (j: number) => left + ((j - X_MIN) / (X_MAX - X_MIN)) * plotWidth;
  const y = (rate: number) => top + (1 - rate) * plotHeight;
  const xy = (j: number, rate: number) => `${x(j).toFixed(1)},${y(rate).toFixed(1)}`;

  const theory: string[] = [];
  for (let j = X_MIN; j <= X_MAX + 1e-9; j += 0.005) {
    theory.push(xy(j, candidateProbability(j, LSH_BANDS, LSH_ROWS)));
  }
  const parts: string[] = [
    el('rect', { width: '100%', height: '100%', fill: '#fff' }),
    el(
      'text',
      {
        x: FRAME.width / 2,
        y: 22,
        'text-anchor': 'middle',
        'font-size': 14,
        'font-weight': 'bold',
      },
      `MinHash LSH catch rate (${LSH_BANDS} bands × ${LSH_ROWS} rows, 5-word shingles)`,
    ),
    ...axesAndGrid(FRAME, {
      xTicks: Array.from({ length: 8 }, (_, i) => {
        const j = X_MIN + i * 0.1;
        return { at: x(j), label: j.toFixed(1) };
      }),
      yTicks: Array.from({ length: 6 }, (_, i) => ({ at: y(i / 5), label: (i / 5).toFixed(1) })),
      xLabel: 'true Jaccard similarity (bucket mean)',
      yLabel: 'share of pairs that are LSH candidates',
      grid: { class: 'grid' },
      axis: { class: 'axis' },
    }),
    el('polyline', { points: theory.join(' '), class: 'theory' }),
    el('polyline', { points: points.map((p) => xy(p.j, p.measured)).join(' '), class: 'measured' }),
  ];
  for (const p of points) {
    const rates = `measured ${p.measured.toFixed(3)}, theory ${p.theory.toFixed(3)}`;
    const title = `J≈${p.j.toFixed(3)}: ${rates} (${p.pairs} pairs)`;
    parts.push(
      el('circle', { cx: x(p.j), cy: y(p.theory), r: 4, class: 'theory-dot' }),
      el(
        'circle',
        { cx: x(p.j), cy: y(p.measured), r: 3.5, class: 'measured-dot' },
        el('title', {}, title),
      ),
    );
  }
  const lx = left + 16;
  const ly = top + 16;
  parts.push(
    el('rect', { x: lx - 8, y: ly - 14, width: 236, height: 64, fill: '#fff', stroke: '#ccc' }),
    el('line', { x1: lx, y1: ly, x2: lx + 28, y2: ly, class: 'measured' }),
    el('circle', { cx: lx + 14, cy: ly, r: 3.5, class: 'measured-dot' }),
    el('text', { x: lx + 36, y: ly + 4 }, 'measured'),
    el('line', { x1: lx, y1: ly + 20, x2: lx + 28, y2: ly + 20, class: 'theory' }),
    el('text', { x: lx + 36, y: ly + 24 }, 'theory 1 − (1 − s^8)^14'),
    el('circle', { cx: lx + 14, cy: ly + 40, r: 4, class: 'theory-dot' }),
    el('text', { x: lx + 36, y: ly + 44 }, 'theory, averaged over the bucket'),
  );
  return svgDocument(
    FRAME,
    'Near-duplicate catch rate by Jaccard similarity: measured next to LSH theory',
    parts,
    STYLE,
  );
}
