import type { contributions } from '@plaza/db';
import type { Receipt } from '@plaza/protocol';

/** The receipt of a stored contribution. */
export function receiptFromRow(
  row: Pick<
    typeof contributions.$inferSelect,
    'id' | 'jobId' | 'contentHash' | 'deviceAddress' | 'campaignId' | 'outcome' | 'itemId'
  >,
  extra: { issuedAt: number; qualityScore?: number | null },
): Receipt {
  return {
    contributionId: row.id,
    jobId: row.jobId,
    contentHash: row.contentHash as `0x${string}`,
    device: row.deviceAddress as `0x${string}`,
    campaignId: row.campaignId,
    outcome: row.outcome,
    issuedAt: extra.issuedAt,
    itemId: row.itemId === null ? null : String(row.itemId),
    qualityScore: extra.qualityScore ?? null,
  };
}
