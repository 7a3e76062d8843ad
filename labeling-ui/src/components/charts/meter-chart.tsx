import { formatPercent } from '../../lib/format.ts';
import { ChartFrame } from './chart-frame.tsx';

/** One share of a whole. */
export interface Meter {
  label: string;
  /** In [0, 1]. */
  fraction: number;
}

/** Props of {@link MeterChart}. */
export interface MeterChartProps {
  title: string;
  summary: string;
  meters: readonly Meter[];
}

const WIDTH = 360;
const ROW = 30;
const LABEL = 96;
const VALUE = 56;

/** Shares of a whole as filled tracks (duplicate rate, completion). */
export function MeterChart({ title, summary, meters }: MeterChartProps) {
  const plot = WIDTH - LABEL - VALUE;
  const height = meters.length * ROW + 8;
  return (
    <ChartFrame title={title} summary={summary} width={WIDTH} height={height}>
      {meters.map((meter, index) => {
        const y = 4 + index * ROW;
        const fraction = Math.min(1, Math.max(0, meter.fraction));
        return (
          <g key={meter.label}>
            <text className="tick" x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end">
              {meter.label}
            </text>
            <rect className="track" x={LABEL} y={y + 6} width={plot} height={ROW - 12} rx={3} />
            <rect
              className="bar"
              x={LABEL}
              y={y + 6}
              width={fraction * plot}
              height={ROW - 12}
              rx={3}
            />
            <text className="tick" x={WIDTH - VALUE + 8} y={y + ROW / 2 + 4}>
              {formatPercent(meter.fraction)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
