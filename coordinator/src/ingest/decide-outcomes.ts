import type { PlazaTransaction } from '@plaza/db';
import type { CampaignSpec, ContributionOutcome } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import {
  deserializeSignature,
  findNearDuplicate,
  isNewGroupMember,
  normalizeText,
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
  /** Exact shingle Jaccard similarity to the joined item's closest member (1 for exact duplicates). */
  similarity: number | null;
  qualityScore: number | null;
  /**
   * A near duplicate that differs from every member of its item's group: store its text, MinHash
   * and LSH buckets as a variant of the item (`item_variants`), so later texts are compared with it.
   */
  isNewVariant: boolean;
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
  /** The item of the group this text belongs to. */
  ref: ItemRef;
  /**
   * Stored texts sort before this batch's (first seen wins ties): items by id, then variants by
   * id, then this batch's texts in batch order.
   */
  order: number;
  signature: Uint32Array;
  normalized: string;
  qualityScore: number;
}

/**
 * Decides every contribution of a batch with two queries per campaign, whatever the batch size:
 * stored items with the same content hashes (exact duplicates), and stored items and item
 * variants sharing any LSH bucket (near-duplicate candidates). Then, in batch order, each fetched
 * text is an exact duplicate, a near duplicate (`findNearDuplicate`: the most similar member of
 * any group, first seen on ties) of a stored text or of an earlier text in the same batch, or new
 * (scored for quality). Every member of a group is a candidate, not only its first text, so
 * chains join one item; a near duplicate that is a new member (`isNewVariant`) is a candidate for
 * the rest of the batch too. The caller holds the buckets' advisory locks, so no other process
 * decides against the same items meanwhile.
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
        variant_id: number | null;
        minhash: Uint8Array;
        text: string;
        quality_score: number;
      }>(
        sql`select b.bucket::text as bucket, i.id, b.variant_id,
              coalesce(v.minhash, i.minhash) as minhash, coalesce(v.text, i.text) as text,
              i.quality_score
            from lsh_buckets b join items i on i.id = b.item_id
              left join item_variants v on v.id = b.variant_id
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
    const stored = new Map<string, Candidate>();
    for (const row of bucketRows) {
      const id = Number(row.id);
      const variant = row.variant_id === null ? null : Number(row.variant_id);
      const key = variant === null ? `i${id}` : `v${variant}`;
      let candidate = stored.get(key);
      if (!candidate) {
        candidate = {
          ref: { kind: 'stored', id },
          order: variant === null ? id : STORED_VARIANT_ORDER + variant,
          signature: deserializeSignature(new Uint8Array(row.minhash)),
          // Stored texts are normalized again (~0.03 ms) rather than stored twice.
          normalized: normalizeText(row.text),
          qualityScore: row.quality_score,
        };
        stored.set(key, candidate);
      }
      const bucketKey = `${campaignId} ${row.bucket}`;
      buckets.set(bucketKey, [...(buckets.get(bucketKey) ?? []), candidate]);
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
        isNewVariant: false,
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
        isNewVariant: false,
      });
      continue;
    }
    const near = findNearDuplicate(p, candidatesOf(entry, buckets));
    if (near) {
      const isNewVariant = isNewGroupMember(near);
      decisions.push({
        outcome: 'near_duplicate',
        reason: 'NEAR_DUPLICATE',
        item: near.candidate.ref,
        similarity: near.similarity,
        qualityScore: near.candidate.qualityScore,
        isNewVariant,
      });
      if (isNewVariant) {
        const { ref, qualityScore } = near.candidate;
        addCandidate(entry, buckets, { ref, qualityScore, order: batchOrder(decisions.length) });
      }
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
      isNewVariant: false,
    });
    // Later texts of this batch are compared with this one as with stored items.
    exact.set(`${entry.campaignId} ${p.contentHash}`, {
      ref: { kind: 'new', index },
      qualityScore: quality.score,
    });
    addCandidate(entry, buckets, {
      ref: { kind: 'new', index },
      order: batchOrder(decisions.length),
      qualityScore: quality.score,
    });
  }
  return { decisions, newItems };
}

/** Orders of stored variants start here (item ids stay far below). */
const STORED_VARIANT_ORDER = 2 ** 50;
/** The order of this batch's `position`-th text (1-based): after every stored text. */
const batchOrder = (position: number) => 2 ** 52 + position;

/** Every candidate sharing a bucket with the entry, first seen first (ties go to it). */
function candidatesOf(entry: DecideEntry, buckets: Map<string, Candidate[]>): Candidate[] {
  const all = new Set<Candidate>();
  for (const band of entry.prepared.bands) {
    for (const candidate of buckets.get(`${entry.campaignId} ${band.bucket}`) ?? []) {
      all.add(candidate);
    }
  }
  return [...all].sort((a, b) => a.order - b.order);
}

/** Makes a text of this batch a candidate for the texts after it, in each of its buckets. */
function addCandidate(
  entry: DecideEntry,
  buckets: Map<string, Candidate[]>,
  member: Pick<Candidate, 'ref' | 'order' | 'qualityScore'>,
): void {
  const { signature, normalized } = entry.prepared;
  const self: Candidate = { ...member, signature, normalized };
  for (const band of entry.prepared.bands) {
    const key = `${entry.campaignId} ${band.bucket}`;
    buckets.set(key, [...(buckets.get(key) ?? []), self]);
  }
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
