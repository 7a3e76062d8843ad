import type { Db, PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import {
  deserializeSignature,
  estimateJaccard,
  NEAR_DUPLICATE_MIN_ESTIMATE,
  normalizeText,
} from '../dedup/index.ts';
import type { PreparedItem } from './prepare-item.ts';

/** A stored text some text of the batch may duplicate: an item's, or one of its variants'. */
export interface StoredCandidate {
  /** The item of the group. */
  id: number;
  /** The variant whose text this is; null for the item's own text. */
  variantId: number | null;
  signature: Uint32Array;
  qualityScore: number;
  /** Normalized text; loaded only when some text's MinHash estimate makes the pair worth confirming. */
  normalized: string | null;
}

/** What the database holds that a campaign's texts may duplicate. */
export interface CampaignCandidates {
  /** Stored items by content hash (exact duplicates). */
  exact: Map<string, { id: number; qualityScore: number }>;
  /** Stored items by LSH bucket (near-duplicate candidates). */
  byBucket: Map<bigint, StoredCandidate[]>;
}

/** A PostgreSQL array literal of simple values (hex hashes, integers): no quoting needed. */
export function pgArray(values: readonly (string | bigint | number)[]): string {
  return `{${values.join(',')}}`;
}

/**
 * Looks up, for one campaign's fetched texts, the stored items with the same content hash and
 * the stored texts (items' and their variants': every member of a near-duplicate group) sharing
 * an LSH bucket, in three statements whatever the batch size: exact matches; bucket
 * candidates as ids, signatures and scores only (no text); then the texts of just the candidates
 * whose MinHash estimate against some text reaches `NEAR_DUPLICATE_MIN_ESTIMATE`, the pairs the
 * exact shingle Jaccard must confirm. Most candidates never cost their text.
 */
export async function findCandidates(
  db: Db,
  tx: PlazaTransaction,
  campaignId: string,
  texts: readonly PreparedItem[],
): Promise<CampaignCandidates> {
  const [hashRows, bucketRows] = await Promise.all([
    db.rows<{ id: number; content_hash: string; quality_score: number }>(
      sql`select id, content_hash, quality_score from items
          where campaign_id = ${campaignId}
            and content_hash = any(${pgArray(texts.map((t) => t.contentHash))}::text[])`,
      tx,
    ),
    db.rows<{
      bucket: string;
      id: number;
      variant_id: number | null;
      minhash: Uint8Array;
      quality_score: number;
    }>(
      sql`select b.bucket::text as bucket, i.id, b.variant_id,
            coalesce(v.minhash, i.minhash) as minhash, i.quality_score
          from lsh_buckets b join items i on i.id = b.item_id
            left join item_variants v on v.id = b.variant_id
          where b.campaign_id = ${campaignId}
            and b.bucket = any(${pgArray(texts.flatMap((t) => t.bands.map((b) => b.bucket)))}::bigint[])`,
      tx,
    ),
  ]);
  const exact = new Map(
    hashRows.map((r) => [r.content_hash, { id: r.id, qualityScore: r.quality_score }]),
  );
  const stored = new Map<string, StoredCandidate>();
  const byBucket = new Map<bigint, StoredCandidate[]>();
  for (const row of bucketRows) {
    const { id, variant_id: variantId } = row;
    const key = variantId === null ? `i${id}` : `v${variantId}`;
    let candidate = stored.get(key);
    if (!candidate) {
      const signature = deserializeSignature(new Uint8Array(row.minhash));
      candidate = { id, variantId, signature, qualityScore: row.quality_score, normalized: null };
      stored.set(key, candidate);
    }
    const bucket = BigInt(row.bucket);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), candidate]);
  }
  await loadConfirmableTexts(db, tx, texts, byBucket);
  return { exact, byBucket };
}

/** Loads the texts of the candidates some text of the batch must be compared with exactly. */
async function loadConfirmableTexts(
  db: Db,
  tx: PlazaTransaction,
  texts: readonly PreparedItem[],
  byBucket: Map<bigint, StoredCandidate[]>,
): Promise<void> {
  const wanted = new Map<string, StoredCandidate>();
  for (const text of texts) {
    for (const band of text.bands) {
      for (const candidate of byBucket.get(band.bucket) ?? []) {
        const key = keyOf(candidate);
        if (wanted.has(key)) continue;
        if (estimateJaccard(text.signature, candidate.signature) >= NEAR_DUPLICATE_MIN_ESTIMATE) {
          wanted.set(key, candidate);
        }
      }
    }
  }
  if (wanted.size === 0) return;
  const items = [...wanted.values()].filter((c) => c.variantId === null).map((c) => c.id);
  const variants = [...wanted.values()].flatMap((c) => (c.variantId === null ? [] : [c.variantId]));
  const rows = await db.rows<{ key: string; text: string }>(
    sql`select 'i' || id as key, text from items where id = any(${pgArray(items)}::bigint[])
        union all
        select 'v' || id as key, text from item_variants where id = any(${pgArray(variants)}::bigint[])`,
    tx,
  );
  // Stored texts are normalized again (~0.03 ms) rather than stored twice.
  for (const row of rows) wanted.get(row.key)!.normalized = normalizeText(row.text);
}

function keyOf(candidate: StoredCandidate): string {
  return candidate.variantId === null ? `i${candidate.id}` : `v${candidate.variantId}`;
}

/** {@link findCandidates} for every campaign of a batch's fetched texts. */
export async function findCandidatesByCampaign(
  db: Db,
  tx: PlazaTransaction,
  entries: readonly { prepared: PreparedItem; campaignId: string }[],
): Promise<Map<string, CampaignCandidates>> {
  const byCampaign = new Map<string, PreparedItem[]>();
  for (const entry of entries) {
    if (!entry.prepared.isFetched) continue;
    byCampaign.set(entry.campaignId, [...(byCampaign.get(entry.campaignId) ?? []), entry.prepared]);
  }
  const found = await Promise.all(
    [...byCampaign].map(async ([campaignId, texts]) => {
      const candidates = await findCandidates(db, tx, campaignId, texts);
      return [campaignId, candidates] as const;
    }),
  );
  return new Map(found);
}
