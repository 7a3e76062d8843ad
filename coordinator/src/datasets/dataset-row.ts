import type { LabelValue } from '@plaza/protocol';

/** One row of a dataset version, as written to `rows.jsonl` (keys in this order). */
export interface DatasetRow {
  index: number;
  itemId: number;
  url: string;
  title: string;
  text: string;
  /** sha256 of the normalized text (the dedup key). */
  contentHash: string;
  language: string;
  /** When the device fetched the page (ISO 8601, UTC, milliseconds); absent from versions frozen before it was exported. */
  fetchedAt?: string;
  /** The row's value `w_r` in the attribution rule. */
  quality: number;
  /** The aggregated label, or null when the row has none yet. */
  label: LabelValue | null;
  labelConfidence: number | null;
  labelMethod: string | null;
  provenance: {
    /** The accepted contribution that became the row; its receipt has the same id. */
    contribution: string;
    /** EIP-712 struct hash of that signed contribution. */
    contributionHash: string;
    device: string;
    /** Where the device's share goes: its linked payout address, else the device address. */
    payout: string;
    /** Labelers whose labels count, with the posterior that each label is correct. */
    labelers: Array<{ account: string; posterior: number }>;
    /** Payout accounts of devices whose verified predictions the row used. */
    compute: string[];
  };
}

/**
 * The JSONL line of a row: `JSON.stringify` of the row with its keys in the declared order (an
 * absent `fetchedAt`, as in older versions, is left out, so their lines are unchanged).
 */
export function rowLine(row: DatasetRow): string {
  return JSON.stringify({
    index: row.index,
    itemId: row.itemId,
    url: row.url,
    title: row.title,
    text: row.text,
    contentHash: row.contentHash,
    language: row.language,
    fetchedAt: row.fetchedAt,
    quality: row.quality,
    label: row.label,
    labelConfidence: row.labelConfidence,
    labelMethod: row.labelMethod,
    provenance: row.provenance,
  });
}
