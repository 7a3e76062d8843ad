import type { Receipt } from '@plaza/protocol';
import { unixSeconds } from '../clock.ts';
import type { StructHasher } from '../signing/create-struct-hasher.ts';
import type { FreshItem } from './check-jobs.ts';
import type { Decision, ItemRef } from './decide-outcomes.ts';

/** A `contributions` row as `insertRows` takes it. */
export type ContributionRow = ReturnType<typeof contributionRow>;

/** A `receipts` row, before its batch is known. */
export interface ReceiptRow {
  contribution_id: string;
  issued_at: number;
  quality_score: number | null;
  struct_hash: string;
}

/** The receipt of a fresh item, by its index in the submitted batch. */
export type IssuedReceipts = Map<number, { receipt: Receipt; structHash: `0x${string}` }>;

/**
 * Builds the contribution rows, receipts and receipt rows of the fresh items from the decisions:
 * pure, no database.
 */
export function buildContributions(params: {
  fresh: readonly FreshItem[];
  decisions: readonly Decision[];
  contributionIds: readonly string[];
  /** Ids of the items this batch stored, in `newItems` order. */
  newItemIds: readonly number[];
  batchId: string;
  device: `0x${string}`;
  now: Date;
  hashReceipt: StructHasher;
}): { rows: ContributionRow[]; receipts: IssuedReceipts; receiptRows: ReceiptRow[] } {
  const issuedAt = unixSeconds(params.now);
  const itemId = (ref: ItemRef | null) =>
    ref === null ? null : ref.kind === 'stored' ? ref.id : params.newItemIds[ref.index]!;
  const rows: ContributionRow[] = [];
  const receipts: IssuedReceipts = new Map();
  const receiptRows: ReceiptRow[] = [];
  for (const [i, fresh] of params.fresh.entries()) {
    const decision = params.decisions[i]!;
    const row = contributionRow(fresh, {
      id: params.contributionIds[i]!,
      batchId: params.batchId,
      device: params.device,
      createdAt: params.now.toISOString(),
      decision,
      itemId: itemId(decision.item),
    });
    const receipt: Receipt = {
      contributionId: row.id,
      jobId: row.job_id,
      contentHash: fresh.prepared.contentHash,
      device: params.device,
      campaignId: row.campaign_id,
      outcome: row.outcome,
      issuedAt,
      itemId: row.item_id === null ? null : String(row.item_id),
      qualityScore: decision.qualityScore,
    };
    const structHash = params.hashReceipt(receipt);
    rows.push(row);
    receipts.set(fresh.index, { receipt, structHash });
    receiptRows.push({
      contribution_id: row.id,
      issued_at: issuedAt,
      quality_score: decision.qualityScore,
      struct_hash: structHash,
    });
  }
  return { rows, receipts, receiptRows };
}

function contributionRow(
  { index, prepared: p, job }: FreshItem,
  at: {
    id: string;
    batchId: string;
    device: string;
    createdAt: string;
    decision: Decision;
    itemId: number | null;
  },
) {
  return {
    id: at.id,
    job_id: job.id,
    batch_id: at.batchId,
    batch_index: index,
    struct_hash: p.structHash,
    campaign_id: job.campaignId,
    device_address: at.device,
    url: p.item.url,
    final_url: p.item.finalUrl,
    http_status: p.item.httpStatus,
    body_hash: p.item.bodyHash,
    text_hash: p.item.textHash,
    links_hash: p.item.linksHash,
    fetched_at: new Date(p.item.fetchedAt * 1000).toISOString(),
    content_type: p.item.contentType,
    body_bytes: p.item.bodyBytes,
    content_hash: p.contentHash,
    outcome: at.decision.outcome,
    reason: at.decision.reason,
    item_id: at.itemId,
    similarity: at.decision.similarity,
    created_at: at.createdAt,
  };
}
