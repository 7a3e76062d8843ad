import {
  EARNINGS_ROW_EFFECTS,
  EARNINGS_ROWS_MAX,
  type EarningsRow,
  type VersionRows,
} from '@plaza/protocol';
import { explainRow } from '../datasets/explain-attribution.ts';
import { loadAttributionIndex } from '../datasets/load-attribution-index.ts';

/**
 * A device's rows of a frozen version (their indexes in `rows.jsonl`), each with its measured
 * value and why, as `GET …/attribution` explains it: status, value and weight in millionths,
 * the near-copied row, and the validation rows it helped most (counts of all it helped and hurt).
 */
export async function deviceRows(
  exportsDir: string,
  params: { campaignId: string; version: number; rows: readonly number[] },
): Promise<VersionRows> {
  const index = await loadAttributionIndex(exportsDir, params);
  const rows = params.rows.slice(0, EARNINGS_ROWS_MAX).map((i): EarningsRow => {
    const row = explainRow(index, i);
    return {
      index: row.index,
      itemId: row.itemId,
      contentHash: row.contentHash,
      status: row.status,
      value: row.value,
      raw: row.raw,
      valuePpm: row.valuePpm,
      weightPpm: row.weightPpm,
      nearCopy: row.nearCopy,
      helped: row.helped.slice(0, EARNINGS_ROW_EFFECTS),
      helpedCount: row.helped.length,
      hurtCount: row.hurt.length,
    };
  });
  return { rule: index.manifest.attribution.rule, total: params.rows.length, rows };
}
