import type { Db, PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { byteaHex, insertRows } from '../db/insert-rows.ts';
import { serializeSignature } from '../dedup/index.ts';
import type { PreparedItem } from './prepare-item.ts';

/** A near duplicate to keep as a member of its item's group (`Decision.isNewVariant`). */
export interface NewVariant {
  prepared: PreparedItem;
  campaignId: string;
  itemId: number;
  contributionId: string;
  createdAt: string;
}

/**
 * Stores near duplicates as variants of the items they joined, with their LSH buckets, so later
 * texts are compared with every member of a group (two statements, none without variants).
 */
export async function insertVariants(
  db: Db,
  tx: PlazaTransaction,
  variants: readonly NewVariant[],
): Promise<void> {
  if (variants.length === 0) return;
  const inserted = await insertRows<{ id: number; contribution_id: string }>(
    db,
    tx,
    'item_variants',
    variants.map((v) => ({
      campaign_id: v.campaignId,
      item_id: v.itemId,
      contribution_id: v.contributionId,
      text: v.prepared.item.text,
      minhash: byteaHex(serializeSignature(v.prepared.signature)),
      created_at: v.createdAt,
    })),
    sql`id, contribution_id`,
  );
  const idOf = new Map(inserted.map((r) => [r.contribution_id, r.id]));
  await insertRows(
    db,
    tx,
    'lsh_buckets',
    variants.flatMap((v) =>
      v.prepared.bands.map((b) => ({
        campaign_id: v.campaignId,
        band: b.band,
        bucket: b.bucket.toString(),
        item_id: v.itemId,
        variant_id: idOf.get(v.contributionId)!,
      })),
    ),
  );
}
