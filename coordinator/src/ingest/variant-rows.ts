import { byteaHex, type JsonColumnValue } from '../db/insert-rows.ts';
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
 * The `item_variants` rows of near duplicates stored as members of the groups they joined, and
 * their LSH buckets, which name their variant by contribution (its id is the database's): so
 * later texts are compared with every member of a group. Written by `insertBatchRows`. Pure.
 */
export function variantRows(variants: readonly NewVariant[]): {
  variants: Record<string, JsonColumnValue>[];
  buckets: Record<string, JsonColumnValue>[];
} {
  return {
    variants: variants.map((v) => ({
      campaign_id: v.campaignId,
      item_id: v.itemId,
      contribution_id: v.contributionId,
      text: v.prepared.item.text,
      minhash: byteaHex(serializeSignature(v.prepared.signature)),
      created_at: v.createdAt,
    })),
    buckets: variants.flatMap((v) =>
      v.prepared.bands.map((b) => ({
        campaign_id: v.campaignId,
        band: b.band,
        bucket: b.bucket.toString(),
        item_id: v.itemId,
        contribution_id: v.contributionId,
      })),
    ),
  };
}
