import type { Db, PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { byteaHex, insertRows } from '../db/insert-rows.ts';
import { serializeSignature } from '../dedup/index.ts';
import type { NewItem } from './decide-outcomes.ts';

/**
 * Inserts the batch's new items and their LSH buckets, two statements whatever their number, and
 * returns the new items' ids in `newItems` order.
 */
export async function storeNewItems(
  db: Db,
  tx: PlazaTransaction,
  params: {
    newItems: readonly NewItem[];
    /** The contribution each new item comes from, by its `prepared` item. */
    contributionIdOf: (item: NewItem) => string;
    device: string;
    now: Date;
  },
): Promise<number[]> {
  const { newItems } = params;
  if (newItems.length === 0) return [];
  const createdAt = params.now.toISOString();
  const inserted = await insertRows<{ id: number; campaign_id: string; content_hash: string }>(
    db,
    tx,
    'items',
    newItems.map((newItem) => {
      const { entry, quality } = newItem;
      const p = entry.prepared;
      return {
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
    }),
    sql`id, campaign_id, content_hash`,
  );
  const idByContent = new Map(
    inserted.map((r) => [`${r.campaign_id} ${r.content_hash}`, Number(r.id)]),
  );
  const ids = newItems.map(
    ({ entry }) => idByContent.get(`${entry.campaignId} ${entry.prepared.contentHash}`)!,
  );
  await insertRows(
    db,
    tx,
    'lsh_buckets',
    newItems.flatMap(({ entry }, i) =>
      entry.prepared.bands.map((b) => ({
        campaign_id: entry.campaignId,
        band: b.band,
        bucket: b.bucket.toString(),
        item_id: ids[i]!,
      })),
    ),
  );
  return ids;
}
