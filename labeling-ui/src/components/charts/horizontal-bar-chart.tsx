import { formatCount } from '../../lib/format.ts';
import type { Bar } from './bar-chart.tsx';
import { ChartFrame } from './chart-frame.tsx';

/** Props of {@link HorizontalBarChart}. */
export interface HorizontalBarChartProps {
  title: string;
  summary: string;
  bars: readonly Bar[];
}

const WIDTH = 360;
const ROW = 26;
const LABEL = 96;
const VALUE = 56;

/** One labelled row per category, each bar scaled to the largest; counts at the right. */
export function HorizontalBarChart({ title, summary, bars }: HorizontalBarChartProps) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plot = WIDTH - LABEL - VALUE;
  const height = Math.max(ROW, bars.length * ROW) + 8;
  return (
    <ChartFrame title={title} summary={summary} width={WIDTH} height={height}>
      {bars.length === 0 ? (
        <text className="tick" x={WIDTH / 2} y={height / 2} textAnchor="middle">
          No data yet
        </text>
      ) : null}
      {bars.map((bar, index) => {
        const y = 4 + index * ROW;
        return (
          <g key={bar.label}>
            <text className="tick" x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end">
              {bar.label}
            </text>
            <rect
              className={bar.muted ? 'bar is-muted' : 'bar'}
              x={LABEL}
              y={y + 4}
              width={Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * plot)}
              height={ROW - 8}
            />
            <text className="tick" x={WIDTH - VALUE + 8} y={y + ROW / 2 + 4}>
              {formatCount(bar.value)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
