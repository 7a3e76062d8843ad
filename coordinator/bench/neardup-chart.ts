import { candidateProbability, LSH_BANDS, LSH_ROWS } from '../src/dedup/lsh.ts';

/** One measured bucket: its mean true Jaccard, the measured and theoretical catch rates. */
export interface CatchRatePoint {
  j: number;
  measured: number;
  theory: number;
  pairs: number;
}

const WIDTH = 560;
const HEIGHT = 360;
const LEFT = 60;
const RIGHT = 20;
const TOP = 40;
const BOTTOM = 50;
const X_MIN = 0.3;
const X_MAX = 1.0;

type Attributes = Record<string, string | number>;

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** One SVG element; numbers are written with at most one decimal. */
function el(tag: string, attributes: Attributes, content = ''): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => `${key}="${typeof value === 'number' ? format(value) : value}"`)
    .join(' ');
  return content === '' ? `<${tag} ${attrs}/>` : `<${tag} ${attrs}>${content}</${tag}>`;
}

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
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const bottom = TOP + plotHeight;
  const x = (j: number) => LEFT + ((j - X_MIN) / (X_MAX - X_MIN)) * plotWidth;
  const y = (rate: number) => TOP + (1 - rate) * plotHeight;
  const xy = (j: number, rate: number) => `${x(j).toFixed(1)},${y(rate).toFixed(1)}`;

  const theory: string[] = [];
  for (let j = X_MIN; j <= X_MAX + 1e-9; j += 0.005) {
    theory.push(xy(j, candidateProbability(j, LSH_BANDS, LSH_ROWS)));
  }
  const parts: string[] = [
    el('rect', { width: '100%', height: '100%', fill: '#fff' }),
    el(
      'text',
      { x: WIDTH / 2, y: 22, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' },
      `MinHash LSH catch rate (${LSH_BANDS} bands × ${LSH_ROWS} rows, 5-word shingles)`,
    ),
  ];
  for (let i = 0; i <= 7; i++) {
    const j = X_MIN + i * 0.1;
    parts.push(
      el('line', { x1: x(j), y1: TOP, x2: x(j), y2: bottom, class: 'grid' }),
      el('text', { x: x(j), y: bottom + 18, 'text-anchor': 'middle' }, j.toFixed(1)),
    );
  }
  for (let i = 0; i <= 5; i++) {
    const rate = i / 5;
    parts.push(
      el('line', { x1: LEFT, y1: y(rate), x2: LEFT + plotWidth, y2: y(rate), class: 'grid' }),
      el('text', { x: LEFT - 8, y: y(rate) + 4, 'text-anchor': 'end' }, rate.toFixed(1)),
    );
  }
  parts.push(
    el('line', { x1: LEFT, y1: bottom, x2: LEFT + plotWidth, y2: bottom, class: 'axis' }),
    el('line', { x1: LEFT, y1: TOP, x2: LEFT, y2: bottom, class: 'axis' }),
    el(
      'text',
      { x: LEFT + plotWidth / 2, y: HEIGHT - 10, 'text-anchor': 'middle' },
      'true Jaccard similarity (bucket mean)',
    ),
    el(
      'text',
      {
        x: 16,
        y: TOP + plotHeight / 2,
        'text-anchor': 'middle',
        transform: `rotate(-90 16 ${TOP + plotHeight / 2})`,
      },
      'share of pairs that are LSH candidates',
    ),
    el('polyline', { points: theory.join(' '), class: 'theory' }),
    el('polyline', { points: points.map((p) => xy(p.j, p.measured)).join(' '), class: 'measured' }),
  );
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
  const lx = LEFT + 16;
  const ly = TOP + 16;
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
  const svg = {
    xmlns: 'http://www.w3.org/2000/svg',
    width: WIDTH,
    height: HEIGHT,
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    'font-family': 'sans-serif',
    'font-size': 12,
  };
  const title =
    '<title>Near-duplicate catch rate by Jaccard similarity: measured next to LSH theory</title>';
  return `${el('svg', svg, `\n  ${title}\n  <style>${STYLE}</style>\n  ${parts.join('\n  ')}\n`)}\n`;
}
