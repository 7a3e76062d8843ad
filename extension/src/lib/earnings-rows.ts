import type { EarningsRow, VersionRows } from '@plaza/protocol';

/** Millionths as a percentage with up to four decimals: `123_456` → `12.3456 %`. */
export function formatPpm(ppm: number): string {
  const whole = Math.floor(ppm / 10_000);
  const fraction = String(ppm % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''} %`;
}

/** A similarity out of 2048² (the rule's integer scale) as a whole percentage, floored. */
export function formatSimilarity(similarity: number): string {
  return `${Math.floor((similarity * 100) / (2048 * 2048))} %`;
}

/** Short words for a row's status (what it is paid for). */
export const rowStatusWords: Record<EarningsRow['status'], string> = {
  valued: 'valued',
  unvalued: 'not near any validation row',
  review: 'sent to review',
  near_copy: 'near-copy: earns nothing',
  unlabeled: 'not labelled yet',
  quality_only: 'paid for quality',
};

/** Why a row earns what it earns, in one sentence a contributor can read. */
export function explainRow(row: EarningsRow): string {
  switch (row.status) {
    case 'valued': {
      const named = row.helped.map((e) => `#${e.validation}`).join(', ');
      const more = row.helpedCount - row.helped.length;
      return `It helped ${row.helpedCount} validation row${row.helpedCount === 1 ? '' : 's'} agree with their labels (${named}${more > 0 ? ` and ${more} more` : ''}).`;
    }
    case 'near_copy':
      return `A near-copy of row #${row.nearCopy?.of} (${formatSimilarity(row.nearCopy?.similarity ?? 0)} similar), which came first: copies earn nothing.`;
    case 'review':
      return `Its measured value was negative (its label disagreed with ${row.hurtCount} validation row${row.hurtCount === 1 ? '' : 's'}): never charged, paid for quality only, and sent to review.`;
    case 'unvalued':
      return 'No validation row had it among its nearest rows: paid for its quality only.';
    case 'unlabeled':
      return 'It has no label yet, so it cannot be valued: paid for its quality only.';
    case 'quality_only':
      return 'This version was frozen under rule v1: a row is paid for its quality.';
  }
}

/** How many of the device's rows are in each status, for a one-line summary. */
export function countStatuses(rows: VersionRows): Array<[EarningsRow['status'], number]> {
  const counts = new Map<EarningsRow['status'], number>();
  for (const row of rows.rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  return [...counts.entries()];
}
