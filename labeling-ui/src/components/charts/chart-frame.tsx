import { type ReactNode, useId } from 'react';

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  title: string;
  /** The chart in words: its text alternative, also shown under it. */
  summary: string;
  /** viewBox size; the SVG scales to the frame's width. */
  width: number;
  height: number;
  children: ReactNode;
  /** Shown after the summary (a legend, a table). */
  footer?: ReactNode;
}

/**
 * A titled figure around an SVG chart. The SVG is an image named by the title and described by the
 * summary, so screen readers get the chart in words.
 */
export function ChartFrame({ title, summary, width, height, children, footer }: ChartFrameProps) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure className="chart">
      <figcaption>
        <h3 id={titleId}>{title}</h3>
      </figcaption>
      <svg
        className="chart-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={summaryId}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{title}</title>
        {children}
      </svg>
      <p id={summaryId} className="chart-summary">
        {summary}
      </p>
      {footer}
    </figure>
  );
}
