import type { Db, PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { byteaHex, type JsonColumnValue } from '../db/insert-rows.ts';
import { serializeSignature } from '../dedup/index.ts';
import type { NewItem } from './decide-outcomes.ts';

/**
 * Takes `count` ids from the items' identity sequence, so the batch's rows can be written at once
 * (contributions name their item) instead of waiting for the items' insert to return them.
 */
export async function allocateItemIds(
  db: Db,
  tx: PlazaTransaction,
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  const rows = await db.rows<{ id: number }>(
    sql`select nextval(pg_get_serial_sequence('items', 'id')) as id from generate_series(1, ${count})`,
    tx,
  );
  return rows.map((r) => r.id);
}

/** The `items` and `lsh_buckets` rows of a batch's new items, as `insertRows` takes them. */
export interface NewItemRows {
  items: Record<string, JsonColumnValue>[];
  buckets: Record<string, JsonColumnValue>[];
}

/**
 * The rows of the batch's new items with the ids allocated for them (in `newItems` order) and
 * their LSH buckets (written by `insertBatchRows`). Pure.
 */
export function newItemRows(params: {
  ids: readonly number[];
  newItems: readonly NewItem[];
  /** The contribution each new item comes from, by its `prepared` item. */
  contributionIdOf: (item: NewItem) => string;
  device: string;
  now: Date;
}): NewItemRows {
  const { newItems, ids } = params;
  const createdAt = params.now.toISOString();
  const items = newItems.map((newItem, i) => {
    const { entry, quality } = newItem;
    const p = entry.prepared;
    return {
      id: ids[i]!,
      campaign_id: entry.campaignId,
      contribution_id: params.contributionIdOf(newItem),
      device_address: params.device,
      url: p.item.finalUrl,
      title: p.item.title,
      text: p.item.text,
      content_hash: p.contentHash,
      minhash: byteaHex(serializeSignature(p.signature)),
      language: quality.language,
      language_confidence: quality.languageConfidence,
      quality_signals: quality.signals,
      quality_score: quality.score,
      created_at: createdAt,
    };
  });
  const buckets = newItems.flatMap(({ entry }, i) =>
    entry.prepared.bands.map((b) => ({
      campaign_id: entry.campaignId,
      band: b.band,
      bucket: b.bucket.toString(),
      item_id: ids[i]!,
    })),
  );
  return { items, buckets };
}
