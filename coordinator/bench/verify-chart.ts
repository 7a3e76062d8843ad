import { axesAndGrid, type ChartFrame, el, plotArea, svgDocument } from './svg-chart.ts';

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

const FRAME: ChartFrame = { width: 620, height: 400, left: 60, right: 200, top: 44, bottom: 50 };
const P_MAX = 0.3;
const COLORS = ['#d1242f', '#1f6feb', '#1a7f37'];

/**
 * A hand-written SVG chart of the probability of catching a cheater within `n` contributions
 * against the sample rate p, one colour per fabrication rate f: the theory 1 − (1 − p·f)^n
 * (dashed), the simulation of sampling alone (dots, which should sit on it), and the simulation of
 * the coordinator's policy, where new and suspect devices are checked in full (squares, solid).
 */
export function renderVerifyChart(series: readonly CatchSeries[], n: number): string {
  const { left, top } = FRAME;
  const { plotWidth, plotHeight } = plotArea(FRAME);
  const scale: Scale = {
    x: (p: number) => left + (p / P_MAX) * plotWidth,
    y: (rate: number) => top + (1 - rate) * plotHeight,
  };
  const parts: string[] = [
    el('rect', { width: '100%', height: '100%', fill: '#fff' }),
    el(
      'text',
      {
        x: (left + plotWidth + left) / 2,
        y: 22,
        'text-anchor': 'middle',
        'font-size': 14,
        'font-weight': 'bold',
      },
      `Catching a cheater within ${n} contributions`,
    ),
    ...axesAndGrid(FRAME, {
      xTicks: Array.from({ length: 7 }, (_, i) => {
        const p = (i * P_MAX) / 6;
        return { at: scale.x(p), label: p.toFixed(2) };
      }),
      yTicks: Array.from({ length: 6 }, (_, i) => ({
        at: scale.y(i / 5),
        label: (i / 5).toFixed(1),
      })),
      xLabel: 'sample rate p (campaign verifyRate)',
      yLabel: 'probability the cheater is caught',
      grid: { stroke: '#e3e3e3' },
      axis: { stroke: '#333' },
    }),
  ];
  for (const [i, s] of series.entries()) {
    parts.push(...seriesMarks(s, COLORS[i % COLORS.length]!, scale, n));
  }
  parts.push(...legend(series, left + plotWidth + 18, top + 10));
  return svgDocument(
    FRAME,
    'Probability of catching a cheater against the sample rate: simulation next to 1 − (1 − p·f)^n',
    parts,
  );
}

/** From probabilities to pixels. */
interface Scale {
  x: (p: number) => number;
  y: (rate: number) => number;
}

/** One fabrication rate's theory curve, policy line, sampled dots and policy squares. */
function seriesMarks(s: CatchSeries, color: string, scale: Scale, n: number): string[] {
  const { x, y } = scale;
  const theory: string[] = [];
  for (let p = 0; p <= P_MAX + 1e-9; p += 0.005) {
    theory.push(`${x(p).toFixed(1)},${y(1 - (1 - p * s.f) ** n).toFixed(1)}`);
  }
  const parts = [
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
  ];
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
  return parts;
}

/** The legend, one block per fabrication rate, from (`lx`, `top`) down. */
function legend(series: readonly CatchSeries[], lx: number, top: number): string[] {
  const parts: string[] = [];
  let ly = top;
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
  return parts;
}
