import type { Dashboard } from '@plaza/protocol';
import { ALPHA_RELIABLE, ALPHA_TENTATIVE } from '../../components/charts/alpha-chart.tsx';
import { formatCount, formatDecimal, formatPercent } from '../../lib/format.ts';

/** Width of one quality-histogram bin (20 bins over [0, 1]). */
export const QUALITY_BIN = 0.05;

/** `120 queued, 30 leased and 400 done: 550 URLs.` */
export function describeCounts(counts: Record<string, number>, noun: string): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return `No ${noun} yet.`;
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const parts = entries.map(([status, count]) => `${formatCount(count)} ${status}`);
  return `${joinWords(parts)}: ${formatCount(total)} ${noun}.`;
}

/** Total, peak and latest pages per minute over the window. */
export function describeFetchRate(points: Dashboard['fetchedPerMinute']): string {
  if (points.length === 0) return 'No pages fetched in the last hour.';
  const total = points.reduce((sum, point) => sum + point.pages, 0);
  const peak = Math.max(...points.map((point) => point.pages));
  const latest = points[points.length - 1]?.pages ?? 0;
  return `${formatCount(total)} pages in the last ${points.length} minutes; peak ${formatCount(
    peak,
  )} a minute, latest ${formatCount(latest)} a minute.`;
}

/** The share of fetched pages that were duplicates. */
export function describeDuplicateRate(rate: number): string {
  return `${formatPercent(rate)} of fetched pages were exact or near duplicates.`;
}

/** How many items clear the floor, and where most items fall. */
export function describeQuality(histogram: readonly number[], floor: number): string {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return `No items scored yet. Quality floor ${formatDecimal(floor)}.`;
  const above = histogram.reduce(
    (sum, count, index) => (index * QUALITY_BIN >= floor - 1e-9 ? sum + count : sum),
    0,
  );
  const peak = histogram.indexOf(Math.max(...histogram));
  return `${formatCount(total)} items; ${formatCount(above)} (${formatPercent(
    above / total,
  )}) score at or above the quality floor ${formatDecimal(floor)}. Most fall in ${binLabel(peak)}.`;
}

/** `0.70–0.75` for bin 14. */
export function binLabel(index: number): string {
  return `${formatDecimal(index * QUALITY_BIN)}–${formatDecimal((index + 1) * QUALITY_BIN)}`;
}

/** Tasks by label count, complete and reviewed. */
export function describeLabeling(labeling: Dashboard['labeling']): string {
  const last = labeling.byLabelCount.length - 1;
  const parts = labeling.byLabelCount.map(
    (count, index) => `${formatCount(count)} with ${labelCountName(index, last)}`,
  );
  const byCount = parts.length > 0 ? ` (${joinWords(parts)})` : '';
  return `${formatCount(labeling.tasks)} tasks${byCount}; ${formatCount(
    labeling.complete,
  )} complete, ${formatCount(labeling.reviewed)} reviewed; ${plural(labeling.labels, 'label')} by ${plural(
    labeling.labelers,
    'labeler',
  )}, ${formatCount(labeling.pausedLabelers)} paused.`;
}

/** `0 labels`, `1 label`, …, `3+ labels` for the last bin. */
export function labelCountName(index: number, last: number): string {
  const plus = index === last && index > 0 ? '+' : '';
  return `${index}${plus} ${index === 1 && !plus ? 'label' : 'labels'}`;
}

/** Alpha with its reading against the customary bands. */
export function describeAlpha(alpha: number | null): string {
  if (alpha === null) return 'Not computed yet: it needs two labels on the same item.';
  const reading =
    alpha >= ALPHA_RELIABLE
      ? `reliable (at or above ${ALPHA_RELIABLE})`
      : alpha >= ALPHA_TENTATIVE
        ? `tentative (between ${ALPHA_TENTATIVE} and ${ALPHA_RELIABLE})`
        : `unreliable (under ${ALPHA_TENTATIVE})`;
  return `Alpha is ${formatDecimal(alpha, 3)}: ${reading}.`;
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
