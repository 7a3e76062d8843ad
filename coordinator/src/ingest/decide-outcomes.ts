import type { CampaignSpec, ContributionOutcome } from '@plaza/protocol';
import { findNearDuplicate, isNewGroupMember } from '../dedup/index.ts';
import { type QualityResult, scoreQuality } from '../quality/index.ts';
import type { CampaignCandidates, StoredCandidate } from './find-candidates.ts';
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

/** A member of a near-duplicate group: the group's item, and this member's text. */
interface Candidate {
  /** The item of the group this text belongs to. */
  ref: ItemRef;
  /**
   * Stored texts sort before this batch's (first seen wins ties): items by id, then variants by
   * id, then this batch's texts in batch order.
   */
  order: number;
  signature: Uint32Array;
  /** Loaded for every stored candidate whose MinHash estimate passes (see findCandidates). */
  normalized: string;
  qualityScore: number;
}

/** Orders of stored variants start here (item ids stay far below). */
const STORED_VARIANT_ORDER = 2 ** 50;
/** The order of this batch's `position`-th text (1-based): after every stored text. */
const batchOrder = (position: number) => 2 ** 52 + position;

/**
 * Decides every contribution of a batch from the stored candidates of its campaigns (see
 * `findCandidates`): pure, no database. In batch order, each fetched text is an exact duplicate, a
 * near duplicate (`findNearDuplicate`: the most similar member of any group, first seen on ties)
 * of a stored text or of an earlier text in the same batch, or new (scored for quality from the
 * measure its worker thread made). Every member of a group is a candidate, not only its first
 * text, so chains join one item; a near duplicate that is a new member (`isNewVariant`) is a
 * candidate for the rest of the batch too. The caller holds the buckets' advisory locks, so no other process decides against the
 * same items meanwhile.
 */
export function decideOutcomes(
  entries: readonly DecideEntry[],
  candidates: ReadonlyMap<string, CampaignCandidates>,
): { decisions: Decision[]; newItems: NewItem[] } {
  const exact = new Map<string, { ref: ItemRef; qualityScore: number }>();
  const buckets = new Map<string, Candidate[]>();
  for (const [campaignId, found] of candidates) addStored(campaignId, found, exact, buckets);

  const decisions: Decision[] = [];
  const newItems: NewItem[] = [];
  for (const entry of entries) {
    const p = entry.prepared;
    if (!p.isFetched || !p.quality) {
      decisions.push(fetchFailed(p.item.httpStatus));
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
    const quality = scoreQuality(p.quality, { languages: entry.spec.languages });
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

function addStored(
  campaignId: string,
  found: CampaignCandidates,
  exact: Map<string, { ref: ItemRef; qualityScore: number }>,
  buckets: Map<string, Candidate[]>,
): void {
  for (const [contentHash, item] of found.exact) {
    exact.set(`${campaignId} ${contentHash}`, {
      ref: { kind: 'stored', id: item.id },
      qualityScore: item.qualityScore,
    });
  }
  const candidates = new Map<StoredCandidate, Candidate>();
  for (const [bucket, stored] of found.byBucket) {
    buckets.set(
      `${campaignId} ${bucket}`,
      stored.map((s) => {
        let candidate = candidates.get(s);
        if (!candidate) {
          candidate = {
            ref: { kind: 'stored', id: s.id },
            order: s.variantId === null ? s.id : STORED_VARIANT_ORDER + s.variantId,
            signature: s.signature,
            // Null only when no text's estimate passes: findNearDuplicate never compares it.
            normalized: s.normalized ?? '',
            qualityScore: s.qualityScore,
          };
          candidates.set(s, candidate);
        }
        return candidate;
      }),
    );
  }
}

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

function fetchFailed(httpStatus: number): Decision {
  return {
    outcome: 'fetch_failed',
    reason: fetchFailureReason(httpStatus),
    item: null,
    similarity: null,
    qualityScore: null,
    isNewVariant: false,
  };
}

/** Why a fetch produced no text: an opaque redirect (status 0), an HTTP error, or empty text. */
export function fetchFailureReason(httpStatus: number): string {
  if (httpStatus === 0) return 'OPAQUE_REDIRECT';
  return httpStatus >= 300 || httpStatus < 200 ? `HTTP_${httpStatus}` : 'EMPTY_TEXT';
}
