import type { PlazaTransaction } from '@plaza/db';
import type { CampaignSpec, ContributionOutcome } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import {
  deserializeSignature,
  estimateJaccard,
  NEAR_DUPLICATE_JACCARD,
  NEAR_DUPLICATE_MIN_ESTIMATE,
  normalizeText,
  shingleJaccard,
} from '../dedup/index.ts';
import type { Deps } from '../deps.ts';
import { computeQuality, type QualityResult } from '../quality/index.ts';
import type { PreparedItem } from './prepare-item.ts';

/** The item a duplicate joined: one already stored, or one this batch is about to store. */
export type ItemRef = { kind: 'stored'; id: number } | { kind: 'new'; index: number };

/** What ingest decided for one contribution. */
export interface Decision {
  outcome: ContributionOutcome;
  /** A short code saying why, for every outcome but `accepted`. */
  reason: string | null;
  /** The item this contribution becomes (`new`) or joins; null for failed fetches. */
  item: ItemRef | null;
  /** Exact shingle Jaccard similarity to the joined item (1 for exact duplicates). */
  similarity: number | null;
  qualityScore: number | null;
}

/** One contribution to decide, in batch order. */
export interface DecideEntry {
  prepared: PreparedItem;
  campaignId: string;
  spec: CampaignSpec;
}

/** A new item to store, with its quality. `index` is its place in `newItems`. */
export interface NewItem {
  entry: DecideEntry;
  quality: QualityResult;
}

interface Candidate {
  ref: ItemRef;
  /** Stored items sort before new ones (first seen wins ties), then by id or batch order. */
  order: number;
  signature: Uint32Array;
  normalized: string;
  qualityScore: number;
}

/**
 * Decides every contribution of a batch with two queries per campaign, whatever the batch size:
 * stored items with the same content hashes (exact duplicates), and stored items sharing any LSH
 * bucket (near-duplicate candidates). Then, in batch order, each fetched text is an exact
 * duplicate, a near duplicate (MinHash estimate ≥ `NEAR_DUPLICATE_MIN_ESTIMATE`, then exact
 * shingle Jaccard ≥ `NEAR_DUPLICATE_JACCARD`; the most similar wins, first seen on ties) of a
 * stored item or of an earlier text in the same batch, or new (scored for quality). The caller
 * holds the buckets' advisory locks, so no other process decides against the same items meanwhile.
 */
export async function decideOutcomes(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  entries: readonly DecideEntry[],
): Promise<{ decisions: Decision[]; newItems: NewItem[] }> {
  const byCampaign = new Map<string, DecideEntry[]>();
  for (const entry of entries) {
    if (!entry.prepared.isFetched) continue;
    byCampaign.set(entry.campaignId, [...(byCampaign.get(entry.campaignId) ?? []), entry]);
  }
  const exact = new Map<string, { ref: ItemRef; qualityScore: number }>();
  const buckets = new Map<string, Candidate[]>();
  for (const [campaignId, list] of byCampaign) {
    const [hashRows, bucketRows] = await Promise.all([
      deps.db.rows<{ id: number; content_hash: string; quality_score: number }>(
        sql`select id, content_hash, quality_score from items
            where campaign_id = ${campaignId}
              and content_hash = any(${pgArray(list.map((e) => e.prepared.contentHash))}::text[])`,
        tx,
      ),
      deps.db.rows<{
        bucket: string;
        id: number;
        minhash: Uint8Array;
        text: string;
        quality_score: number;
      }>(
        sql`select b.bucket::text as bucket, i.id, i.minhash, i.text, i.quality_score
            from lsh_buckets b join items i on i.id = b.item_id
            where b.campaign_id = ${campaignId}
              and b.bucket = any(${pgArray(list.flatMap((e) => e.prepared.bands.map((b) => b.bucket)))}::bigint[])`,
        tx,
      ),
    ]);
    for (const row of hashRows) {
      exact.set(`${campaignId} ${row.content_hash}`, {
        ref: { kind: 'stored', id: Number(row.id) },
        qualityScore: row.quality_score,
      });
    }
    const stored = new Map<number, Candidate>();
    for (const row of bucketRows) {
      const id = Number(row.id);
      let candidate = stored.get(id);
      if (!candidate) {
        candidate = {
          ref: { kind: 'stored', id },
          order: id,
          signature: deserializeSignature(new Uint8Array(row.minhash)),
          // Stored texts are normalized again (~0.03 ms) rather than stored twice.
          normalized: normalizeText(row.text),
          qualityScore: row.quality_score,
        };
        stored.set(id, candidate);
      }
      const key = `${campaignId} ${row.bucket}`;
      buckets.set(key, [...(buckets.get(key) ?? []), candidate]);
    }
  }

  const decisions: Decision[] = [];
  const newItems: NewItem[] = [];
  for (const entry of entries) {
    const p = entry.prepared;
    if (!p.isFetched) {
      decisions.push({
        outcome: 'fetch_failed',
        reason: fetchFailureReason(p.item.httpStatus),
        item: null,
        similarity: null,
        qualityScore: null,
      });
      continue;
    }
    const same = exact.get(`${entry.campaignId} ${p.contentHash}`);
    if (same) {
      decisions.push({
        outcome: 'duplicate',
        reason: 'EXACT_DUPLICATE',
        item: same.ref,
        similarity: 1,
        qualityScore: same.qualityScore,
      });
      continue;
    }
    const near = bestNearDuplicate(entry, buckets);
    if (near) {
      decisions.push({
        outcome: 'near_duplicate',
        reason: 'NEAR_DUPLICATE',
        item: near.candidate.ref,
        similarity: near.similarity,
        qualityScore: near.candidate.qualityScore,
      });
      continue;
    }
    const quality = await computeQuality(p.item.text, { languages: entry.spec.languages });
    const index = newItems.length;
    newItems.push({ entry, quality });
    const low = quality.score < entry.spec.qualityFloor;
    decisions.push({
      outcome: low ? 'low_quality' : 'accepted',
      reason: low ? 'BELOW_QUALITY_FLOOR' : null,
      item: { kind: 'new', index },
      similarity: null,
      qualityScore: quality.score,
    });
    // Later texts of this batch are compared with this one as with stored items.
    exact.set(`${entry.campaignId} ${p.contentHash}`, {
      ref: { kind: 'new', index },
      qualityScore: quality.score,
    });
    const self: Candidate = {
      ref: { kind: 'new', index },
      order: Number.MAX_SAFE_INTEGER - 1_000_000 + index,
      signature: p.signature,
      normalized: p.normalized,
      qualityScore: quality.score,
    };
    for (const band of p.bands) {
      const key = `${entry.campaignId} ${band.bucket}`;
      buckets.set(key, [...(buckets.get(key) ?? []), self]);
    }
  }
  return { decisions, newItems };
}

function bestNearDuplicate(entry: DecideEntry, buckets: Map<string, Candidate[]>) {
  const seen = new Set<Candidate>();
  let best: { candidate: Candidate; similarity: number } | null = null;
  for (const band of entry.prepared.bands) {
    for (const candidate of buckets.get(`${entry.campaignId} ${band.bucket}`) ?? []) {
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      if (
        estimateJaccard(entry.prepared.signature, candidate.signature) < NEAR_DUPLICATE_MIN_ESTIMATE
      ) {
        continue;
      }
      const similarity = shingleJaccard(entry.prepared.normalized, candidate.normalized);
      if (similarity < NEAR_DUPLICATE_JACCARD) continue;
      if (
        !best ||
        similarity > best.similarity ||
        (similarity === best.similarity && candidate.order < best.candidate.order)
      ) {
        best = { candidate, similarity };
      }
    }
  }
  return best;
}

/** Why a fetch produced no text: an opaque redirect (status 0), an HTTP error, or empty text. */
export function fetchFailureReason(httpStatus: number): string {
  if (httpStatus === 0) return 'OPAQUE_REDIRECT';
  return httpStatus >= 300 || httpStatus < 200 ? `HTTP_${httpStatus}` : 'EMPTY_TEXT';
}

/** A PostgreSQL array literal of simple values (hex hashes, integers): no quoting needed. */
export function pgArray(values: readonly (string | bigint | number)[]): string {
  return `{${values.join(',')}}`;
}
