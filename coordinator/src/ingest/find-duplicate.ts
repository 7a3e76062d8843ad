import { items, lshBuckets, type PlazaTx } from '@plaza/db';
import type { ContributionOutcome } from '@plaza/protocol';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import {
  deserializeSignature,
  estimateJaccard,
  NEAR_DUPLICATE_JACCARD,
  NEAR_DUPLICATE_MIN_ESTIMATE,
  shingleJaccard,
} from '../dedup/index.ts';
import type { Deps } from '../deps.ts';
import type { PreparedItem } from './prepare-item.ts';

/** What ingest decided for one contribution. */
export interface ItemOutcome {
  kind: 'new' | 'duplicate' | 'failed';
  outcome: ContributionOutcome;
  reason: string | null;
  itemId: number | null;
  similarity: number | null;
  qualityScore: number | null;
}

/**
 * Finds the first-seen item this content duplicates in its campaign: the same normalized content
 * hash (exact), or an LSH candidate whose MinHash estimate reaches `NEAR_DUPLICATE_MIN_ESTIMATE`
 * and whose exact 5-word-shingle Jaccard similarity, computed on the normalized texts, reaches
 * `NEAR_DUPLICATE_JACCARD` (near; the most similar wins). The exact check is what lifts precision
 * and recall at J ≥ 0.8 past 0.95 (see `bench/neardup.bench.ts`). Null when the content is new.
 */
export async function findDuplicate(
  _deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  campaignId: string,
  p: PreparedItem,
): Promise<ItemOutcome | null> {
  const [exact] = await tx
    .select({ id: items.id, qualityScore: items.qualityScore })
    .from(items)
    .where(and(eq(items.campaignId, campaignId), eq(items.contentHash, p.contentHash)))
    .limit(1);
  if (exact) {
    return {
      kind: 'duplicate',
      outcome: 'duplicate',
      reason: 'EXACT_DUPLICATE',
      itemId: exact.id,
      similarity: 1,
      qualityScore: exact.qualityScore,
    };
  }
  const bandMatch = or(
    ...p.bands.map((b) => and(eq(lshBuckets.band, b.band), eq(lshBuckets.bucket, b.bucket))),
  );
  const candidateIds = tx
    .selectDistinct({ id: lshBuckets.itemId })
    .from(lshBuckets)
    .where(and(eq(lshBuckets.campaignId, campaignId), bandMatch));
  const candidates = await tx
    .select({
      id: items.id,
      minhash: items.minhash,
      normalizedText: items.normalizedText,
      qualityScore: items.qualityScore,
    })
    .from(items)
    .where(inArray(items.id, sql`(${candidateIds})`));
  let best: { id: number; similarity: number; qualityScore: number } | null = null;
  for (const candidate of candidates) {
    const estimate = estimateJaccard(p.signature, deserializeSignature(candidate.minhash));
    if (estimate < NEAR_DUPLICATE_MIN_ESTIMATE) continue;
    const similarity = shingleJaccard(p.normalized, candidate.normalizedText);
    if (similarity < NEAR_DUPLICATE_JACCARD) continue;
    if (
      !best ||
      similarity > best.similarity ||
      (similarity === best.similarity && candidate.id < best.id)
    ) {
      best = { id: candidate.id, similarity, qualityScore: candidate.qualityScore };
    }
  }
  if (!best) return null;
  return {
    kind: 'duplicate',
    outcome: 'near_duplicate',
    reason: 'NEAR_DUPLICATE',
    itemId: best.id,
    similarity: best.similarity,
    qualityScore: best.qualityScore,
  };
}
