import type { Db, PlazaTransaction } from '@plaza/db';
import { type SQL, sql } from 'drizzle-orm';
import { insertRowsQuery, type JsonColumnValue } from '../db/insert-rows.ts';

type Rows = readonly Record<string, JsonColumnValue>[];

/** What one submitted batch adds, row by row (empty lists write nothing). */
export interface BatchRows {
  /** The device's signed batch (none when every item was a resubmission). */
  contributionBatches: Rows;
  contributions: Rows;
  /** New items, with ids allocated beforehand (`allocateItemIds`). */
  items: Rows;
  /** Near duplicates kept as group members, and their buckets, which name them by contribution. */
  variants: Rows;
  variantBuckets: Rows;
  /** LSH buckets of the new items. */
  itemBuckets: Rows;
  receiptBatches: Rows;
  receipts: Rows;
}

/**
 * Inserts everything a batch adds in ONE statement (data-modifying CTEs), whatever the batch
 * holds: one round trip instead of a chain of parent-then-child inserts each waiting for the one
 * before, so the transaction, and the near-duplicate locks it holds, end sooner. Foreign keys are
 * checked when the statement ends, so children are inserted beside their parents; variants'
 * buckets take their variant's new id by joining on its contribution.
 */
export async function insertBatchRows(
  db: Db,
  tx: PlazaTransaction,
  rows: BatchRows,
): Promise<void> {
  const parts: SQL[] = [];
  const add = (query: SQL | null) => {
    if (query) parts.push(sql`${sql.raw(`w${parts.length}`)} as (${query})`);
  };
  add(insertRowsQuery('contribution_batches', rows.contributionBatches));
  add(insertRowsQuery('contributions', rows.contributions));
  add(insertRowsQuery('items', rows.items, undefined, { overridingSystemValue: true }));
  add(insertRowsQuery('lsh_buckets', rows.itemBuckets));
  add(insertRowsQuery('receipt_batches', rows.receiptBatches));
  add(insertRowsQuery('receipts', rows.receipts));
  if (rows.variants.length > 0) {
    parts.push(
      sql`new_variants as (${insertRowsQuery('item_variants', rows.variants, sql`id, contribution_id`)})`,
    );
    add(
      sql`insert into lsh_buckets (campaign_id, band, bucket, item_id, variant_id)
          select b.campaign_id, b.band, b.bucket, b.item_id, v.id
          from json_to_recordset(${JSON.stringify(rows.variantBuckets)}::json)
            as b(campaign_id text, band smallint, bucket bigint, item_id bigint, contribution_id text)
          join new_variants v on v.contribution_id = b.contribution_id`,
    );
  }
  if (parts.length === 0) return;
  await db.rows(sql`with ${sql.join(parts, sql`, `)} select 1 as done`, tx);
}
