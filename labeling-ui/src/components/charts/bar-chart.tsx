import { formatCount } from '../../lib/format.ts';
import { ChartFrame } from './chart-frame.tsx';

/** One bar. */
export interface Bar {
  label: string;
  value: number;
  /** Drawn muted (e.g. under the quality floor). */
  muted?: boolean;
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  title: string;
  summary: string;
  bars: readonly Bar[];
  /** A vertical marker at a fraction of the x axis (0 = left edge, 1 = right edge). */
  marker?: { at: number; label: string };
  /** Label every n-th bar only (dense histograms). @default 1 */
  labelEvery?: number;
  /** Where a bar's label sits: under its middle, or at its left edge (histogram bin starts). @default 'middle' */
  labelAt?: 'middle' | 'start';
}

const WIDTH = 360;
const HEIGHT = 200;
const PAD = { top: 16, right: 8, bottom: 28, left: 44 };

/** A vertical bar chart with a zero baseline, the maximum on the y axis and an optional marker. */
export function BarChart(props: BarChartProps) {
  const { title, summary, bars, marker, labelEvery = 1, labelAt = 'middle' } = props;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = bars.length > 0 ? plotWidth / bars.length : plotWidth;
  const gap = Math.min(4, slot * 0.15);
  const baseline = PAD.top + plotHeight;
  return (
    <ChartFrame title={title} summary={summary} width={WIDTH} height={HEIGHT}>
      <line className="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={baseline} y2={baseline} />
      <text className="tick" x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
        {formatCount(max)}
      </text>
      <text className="tick" x={PAD.left - 6} y={baseline} textAnchor="end">
        0
      </text>
      {bars.map((bar, index) => {
        const height = (bar.value / max) * plotHeight;
        const x = PAD.left + index * slot + gap / 2;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: bars are positional.
          <g key={index}>
            <rect
              className={bar.muted ? 'bar is-muted' : 'bar'}
              x={x}
              y={baseline - height}
              width={Math.max(1, slot - gap)}
              height={height}
            >
              <title>{`${bar.label}: ${formatCount(bar.value)}`}</title>
            </rect>
            {index % labelEvery === 0 ? (
              <text
                className="tick"
                x={labelAt === 'start' ? x - gap / 2 : x + (slot - gap) / 2}
                y={HEIGHT - 10}
                textAnchor="middle"
              >
                {bar.label}
              </text>
            ) : null}
          </g>
        );
      })}
      {marker ? (
        <g className="marker" data-testid="chart-marker">
          <line
            x1={PAD.left + marker.at * plotWidth}
            x2={PAD.left + marker.at * plotWidth}
            y1={PAD.top - 4}
            y2={baseline}
          />
          <text x={PAD.left + marker.at * plotWidth + 4} y={PAD.top + 4}>
            {marker.label}
          </text>
        </g>
      ) : null}
    </ChartFrame>
  );
}
