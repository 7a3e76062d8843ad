/** One point of a catch-probability series: the sample rate and the share of cheaters caught. */
export interface CatchPoint {
  p: number;
  caught: number;
}

/** The series of one fabrication rate. */
export interface CatchSeries {
  /** Fabrication rate f. */
  f: number;
  /** Simulated, checks at rate p only (the model of the theory). */
  sampled: CatchPoint[];
  /** Simulated under the coordinator's policy (probation, watch, quarantine) with verifyRate p. */
  policy: CatchPoint[];
}

const WIDTH = 620;
const HEIGHT = 400;
const LEFT = 60;
const RIGHT = 200;
const TOP = 44;
const BOTTOM = 50;
const P_MAX = 0.3;
const COLORS = ['#d1242f', '#1f6feb', '#1a7f37'];

type Attributes = Record<string, string | number>;

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function el(tag: string, attributes: Attributes, content = ''): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => `${key}="${typeof value === 'number' ? format(value) : value}"`)
    .join(' ');
  return content === '' ? `<${tag} ${attrs}/>` : `<${tag} ${attrs}>${content}</${tag}>`;
}

/**
 * A hand-written SVG chart of the probability of catching a cheater within `n` contributions
 * against the sample rate p, one colour per fabrication rate f: the theory 1 − (1 − p·f)^n
 * (dashed), the simulation of sampling alone (dots, which should sit on it), and the simulation of
 * the coordinator's policy, where new and suspect devices are checked in full (squares, solid).
 */
export function renderVerifyChart(series: readonly CatchSeries[], n: number): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const bottom = TOP + plotHeight;
  const x = (p: number) => LEFT + (p / P_MAX) * plotWidth;
  const y = (rate: number) => TOP + (1 - rate) * plotHeight;
  const parts: string[] = [
    el('rect', { width: '100%', height: '100%', fill: '#fff' }),
    el(
      'text',
      {
        x: (LEFT + plotWidth + LEFT) / 2,
        y: 22,
        'text-anchor': 'middle',
        'font-size': 14,
        'font-weight': 'bold',
      },
      `Catching a cheater within ${n} contributions`,
    ),
  ];
  for (let i = 0; i <= 6; i++) {
    const p = (i * P_MAX) / 6;
    parts.push(
      el('line', { x1: x(p), y1: TOP, x2: x(p), y2: bottom, stroke: '#e3e3e3' }),
      el('text', { x: x(p), y: bottom + 18, 'text-anchor': 'middle' }, p.toFixed(2)),
    );
  }
  for (let i = 0; i <= 5; i++) {
    const rate = i / 5;
    parts.push(
      el('line', { x1: LEFT, y1: y(rate), x2: LEFT + plotWidth, y2: y(rate), stroke: '#e3e3e3' }),
      el('text', { x: LEFT - 8, y: y(rate) + 4, 'text-anchor': 'end' }, rate.toFixed(1)),
    );
  }
  parts.push(
    el('line', { x1: LEFT, y1: bottom, x2: LEFT + plotWidth, y2: bottom, stroke: '#333' }),
    el('line', { x1: LEFT, y1: TOP, x2: LEFT, y2: bottom, stroke: '#333' }),
    el(
      'text',
      { x: LEFT + plotWidth / 2, y: HEIGHT - 10, 'text-anchor': 'middle' },
      'sample rate p (campaign verifyRate)',
    ),
    el(
      'text',
      {
        x: 16,
        y: TOP + plotHeight / 2,
        'text-anchor': 'middle',
        transform: `rotate(-90 16 ${TOP + plotHeight / 2})`,
      },
      'probability the cheater is caught',
    ),
  );
  for (const [i, s] of series.entries()) {
    const color = COLORS[i % COLORS.length]!;
    const theory: string[] = [];
    for (let p = 0; p <= P_MAX + 1e-9; p += 0.005) {
      theory.push(`${x(p).toFixed(1)},${y(1 - (1 - p * s.f) ** n).toFixed(1)}`);
    }
    parts.push(
      el('polyline', {
        points: theory.join(' '),
        fill: 'none',
        stroke: color,
        'stroke-width': 1.6,
        'stroke-dasharray': '6 4',
      }),
      el('polyline', {
        points: s.policy.map((pt) => `${x(pt.p).toFixed(1)},${y(pt.caught).toFixed(1)}`).join(' '),
        fill: 'none',
        stroke: color,
        'stroke-width': 2.2,
      }),
    );
    for (const pt of s.sampled) {
      parts.push(
        el(
          'circle',
          { cx: x(pt.p), cy: y(pt.caught), r: 3.5, fill: color },
          el('title', {}, `f=${s.f} p=${pt.p}: sampled ${pt.caught.toFixed(3)}`),
        ),
      );
    }
    for (const pt of s.policy) {
      parts.push(
        el(
          'rect',
          {
            x: x(pt.p) - 3.5,
            y: y(pt.caught) - 3.5,
            width: 7,
            height: 7,
            fill: '#fff',
            stroke: color,
            'stroke-width': 1.6,
          },
          el('title', {}, `f=${s.f} p=${pt.p}: policy ${pt.caught.toFixed(3)}`),
        ),
      );
    }
  }
  const lx = LEFT + plotWidth + 18;
  let ly = TOP + 10;
  for (const [i, s] of series.entries()) {
    const color = COLORS[i % COLORS.length]!;
    parts.push(
      el('text', { x: lx, y: ly, 'font-weight': 'bold', fill: color }, `fabrication f = ${s.f}`),
    );
    parts.push(
      el('line', {
        x1: lx,
        y1: ly + 14,
        x2: lx + 24,
        y2: ly + 14,
        stroke: color,
        'stroke-dasharray': '6 4',
        'stroke-width': 1.6,
      }),
      el('text', { x: lx + 30, y: ly + 18 }, 'theory 1 − (1 − p·f)^n'),
      el('circle', { cx: lx + 12, cy: ly + 32, r: 3.5, fill: color }),
      el('text', { x: lx + 30, y: ly + 36 }, 'simulated, sampling only'),
      el('line', {
        x1: lx,
        y1: ly + 50,
        x2: lx + 24,
        y2: ly + 50,
        stroke: color,
        'stroke-width': 2.2,
      }),
      el('rect', { x: lx + 8.5, y: ly + 46.5, width: 7, height: 7, fill: '#fff', stroke: color }),
      el('text', { x: lx + 30, y: ly + 54 }, 'simulated, Plaza policy'),
    );
    ly += 84;
  }
  const svg = {
    xmlns: 'http://www.w3.org/2000/svg',
    width: WIDTH,
    height: HEIGHT,
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    'font-family': 'sans-serif',
    'font-size': 12,
  };
  const title =
    '<title>Probability of catching a cheater against the sample rate: simulation next to 1 − (1 − p·f)^n</title>';
  return `${el('svg', svg, `\n  ${title}\n  ${parts.join('\n  ')}\n`)}\n`;
}
