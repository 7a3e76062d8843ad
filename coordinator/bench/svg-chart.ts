/** Attributes of one SVG element. */
export type Attributes = Record<string, string | number>;

/** A number as an SVG attribute: integers as they are, others with one decimal. */
function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** One SVG element; numbers are written with at most one decimal. */
export function el(tag: string, attributes: Attributes, content = ''): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => `${key}="${typeof value === 'number' ? format(value) : value}"`)
    .join(' ');
  return content === '' ? `<${tag} ${attrs}/>` : `<${tag} ${attrs}>${content}</${tag}>`;
}

/** A chart's size and margins, in pixels. */
export interface ChartFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The plot area inside a frame's margins. */
export function plotArea(frame: ChartFrame): {
  plotWidth: number;
  plotHeight: number;
  bottom: number;
} {
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  return { plotWidth, plotHeight, bottom: frame.top + plotHeight };
}

/** A tick: where it stands (pixels along its axis) and its label. */
export interface Tick {
  at: number;
  label: string;
}

/** What {@link axesAndGrid} draws. */
export interface AxesOptions {
  xTicks: readonly Tick[];
  yTicks: readonly Tick[];
  xLabel: string;
  yLabel: string;
  /** Attributes of the grid lines (a stroke or a class). */
  grid: Attributes;
  /** Attributes of the two axis lines. */
  axis: Attributes;
}

/** Grid lines with tick labels on both axes, the two axes and their labels. */
export function axesAndGrid(frame: ChartFrame, options: AxesOptions): string[] {
  const { left, top, height } = frame;
  const { plotWidth, plotHeight, bottom } = plotArea(frame);
  const parts: string[] = [];
  for (const { at, label } of options.xTicks) {
    parts.push(
      el('line', { x1: at, y1: top, x2: at, y2: bottom, ...options.grid }),
      el('text', { x: at, y: bottom + 18, 'text-anchor': 'middle' }, label),
    );
  }
  for (const { at, label } of options.yTicks) {
    parts.push(
      el('line', { x1: left, y1: at, x2: left + plotWidth, y2: at, ...options.grid }),
      el('text', { x: left - 8, y: at + 4, 'text-anchor': 'end' }, label),
    );
  }
  parts.push(
    el('line', { x1: left, y1: bottom, x2: left + plotWidth, y2: bottom, ...options.axis }),
    el('line', { x1: left, y1: top, x2: left, y2: bottom, ...options.axis }),
    el(
      'text',
      { x: left + plotWidth / 2, y: height - 10, 'text-anchor': 'middle' },
      options.xLabel,
    ),
    el(
      'text',
      {
        x: 16,
        y: top + plotHeight / 2,
        'text-anchor': 'middle',
        transform: `rotate(-90 16 ${top + plotHeight / 2})`,
      },
      options.yLabel,
    ),
  );
  return parts;
}

/** The whole SVG document: its title (for screen readers), an optional style sheet, the parts. */
export function svgDocument(
  frame: ChartFrame,
  title: string,
  parts: readonly string[],
  style?: string,
): string {
  const svg = {
    xmlns: 'http://www.w3.org/2000/svg',
    width: frame.width,
    height: frame.height,
    viewBox: `0 0 ${frame.width} ${frame.height}`,
    'font-family': 'sans-serif',
    'font-size': 12,
  };
  const styleSheet = style === undefined ? '' : `\n  <style>${style}</style>`;
  return `${el('svg', svg, `\n  <title>${title}</title>${styleSheet}\n  ${parts.join('\n  ')}\n`)}\n`;
}
