import { formatDecimal } from '../../lib/format.ts';
import { ChartFrame } from './chart-frame.tsx';

/** Krippendorff's customary cut-offs: reliable from 0.8, tentative conclusions from 0.667. */
export const ALPHA_RELIABLE = 0.8;
/** See {@link ALPHA_RELIABLE}. */
export const ALPHA_TENTATIVE = 0.667;

/** Props of {@link AlphaChart}. */
export interface AlphaChartProps {
  alpha: number | null;
  summary: string;
}

const WIDTH = 360;
const HEIGHT = 96;
const LEFT = 20;
const RIGHT = 20;
const TOP = 24;
const BAND = 28;

/**
 * Alpha on a 0–1 scale (a negative alpha sits at 0) with the unreliable, tentative and reliable
 * bands, and a marker at the campaign's value.
 */
export function AlphaChart({ alpha, summary }: AlphaChartProps) {
  const plot = WIDTH - LEFT - RIGHT;
  const x = (value: number) => LEFT + Math.min(1, Math.max(0, value)) * plot;
  return (
    <ChartFrame title="Krippendorff's alpha" summary={summary} width={WIDTH} height={HEIGHT}>
      <rect
        className="band band-low"
        x={x(0)}
        y={TOP}
        width={x(ALPHA_TENTATIVE) - x(0)}
        height={BAND}
      />
      <rect
        className="band band-tentative"
        x={x(ALPHA_TENTATIVE)}
        y={TOP}
        width={x(ALPHA_RELIABLE) - x(ALPHA_TENTATIVE)}
        height={BAND}
      />
      <rect
        className="band band-reliable"
        x={x(ALPHA_RELIABLE)}
        y={TOP}
        width={x(1) - x(ALPHA_RELIABLE)}
        height={BAND}
      />
      <text className="tick" x={x(ALPHA_TENTATIVE / 2)} y={TOP - 6} textAnchor="middle">
        unreliable
      </text>
      <text
        className="tick"
        x={x((ALPHA_TENTATIVE + ALPHA_RELIABLE) / 2)}
        y={TOP - 6}
        textAnchor="middle"
      >
        tentative
      </text>
      <text className="tick" x={x(0.9)} y={TOP - 6} textAnchor="middle">
        reliable
      </text>
      {[0, ALPHA_TENTATIVE, ALPHA_RELIABLE, 1].map((tick) => (
        <text key={tick} className="tick" x={x(tick)} y={TOP + BAND + 16} textAnchor="middle">
          {tick === 0 || tick === 1 ? String(tick) : tick.toFixed(3).replace(/0+$/, '')}
        </text>
      ))}
      {alpha === null ? (
        <text className="tick" x={WIDTH / 2} y={TOP + BAND / 2 + 4} textAnchor="middle">
          not computed yet
        </text>
      ) : (
        <g className="marker" data-testid="alpha-marker">
          <line x1={x(alpha)} x2={x(alpha)} y1={TOP - 2} y2={TOP + BAND + 2} />
          <text x={x(alpha)} y={HEIGHT - 4} textAnchor="middle">
            α = {formatDecimal(alpha, 3)}
          </text>
        </g>
      )}
    </ChartFrame>
  );
}
