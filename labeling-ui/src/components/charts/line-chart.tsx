import { formatCount } from '../../lib/format.ts';
import { ChartFrame } from './chart-frame.tsx';

/** One point of a series, in order. */
export interface LinePoint {
  label: string;
  value: number;
}

/** Props of {@link LineChart}. */
export interface LineChartProps {
  title: string;
  summary: string;
  points: readonly LinePoint[];
}

const WIDTH = 360;
const HEIGHT = 200;
const PAD = { top: 16, right: 12, bottom: 28, left: 44 };

/** A line over evenly spaced points, zero-based, with the first and last labels on the x axis. */
export function LineChart({ title, summary, points }: LineChartProps) {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(1, ...points.map((point) => point.value));
  const baseline = PAD.top + plotHeight;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const xy = points.map((point, index) => ({
    x: PAD.left + index * step,
    y: baseline - (point.value / max) * plotHeight,
  }));
  const path = xy.map(
    (p, index) => `${index === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`,
  );
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <ChartFrame title={title} summary={summary} width={WIDTH} height={HEIGHT}>
      <line className="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={baseline} y2={baseline} />
      <text className="tick" x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
        {formatCount(max)}
      </text>
      <text className="tick" x={PAD.left - 6} y={baseline} textAnchor="end">
        0
      </text>
      {points.length === 0 ? (
        <text className="tick" x={WIDTH / 2} y={HEIGHT / 2} textAnchor="middle">
          No data yet
        </text>
      ) : null}
      {points.length > 1 ? <path className="line" d={path.join(' ')} /> : null}
      {xy.length === 1 && xy[0] ? <circle className="dot" cx={xy[0].x} cy={xy[0].y} r={3} /> : null}
      {first ? (
        <text className="tick" x={PAD.left} y={HEIGHT - 10}>
          {first.label}
        </text>
      ) : null}
      {last && points.length > 1 ? (
        <text className="tick" x={WIDTH - PAD.right} y={HEIGHT - 10} textAnchor="end">
          {last.label}
        </text>
      ) : null}
    </ChartFrame>
  );
}
