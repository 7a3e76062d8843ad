import type { CampaignSpec, ContributionOutcome } from '@plaza/protocol';
import {
  estimateJaccard,
  NEAR_DUPLICATE_JACCARD,
  NEAR_DUPLICATE_MIN_ESTIMATE,
  shingleJaccard,
} from '../dedup/index.ts';
import { type QualityResult, scoreQuality } from '../quality/index.ts';
import type { CampaignCandidates } from './find-candidates.ts';
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

/** A possible match: stored items sort before new ones (first seen wins ties), then by id or batch order. */
interface Candidate {
  ref: ItemRef;
  order: number;
  signature: Uint32Array;
  normalized: string | null;
  qualityScore: number;
}

/**
 * Decides every contribution of a batch from the stored candidates of its campaigns (see
 * `findCandidates`): pure, no database. In batch order, each fetched text is an exact duplicate, a near
 * duplicate (MinHash estimate ≥ `NEAR_DUPLICATE_MIN_ESTIMATE`, then exact shingle Jaccard ≥
 * `NEAR_DUPLICATE_JACCARD`; the most similar wins, first seen on ties) of a stored item or of an
 * earlier text in the same batch, or new (scored for quality from the measure its worker thread
 * made). The caller holds the buckets' advisory locks, so no other process decides against the
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
    });
    addNew(entry, index, quality.score, exact, buckets);
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
  const candidates = new Map<number, Candidate>();
  for (const [bucket, stored] of found.byBucket) {
    buckets.set(
      `${campaignId} ${bucket}`,
      stored.map((s) => {
        let candidate = candidates.get(s.id);
        if (!candidate) {
          candidate = { ...s, ref: { kind: 'stored', id: s.id }, order: s.id };
          candidates.set(s.id, candidate);
        }
        return candidate;
      }),
    );
  }
}

/** Later texts of the batch are compared with a new one as with stored items. */
function addNew(
  entry: DecideEntry,
  index: number,
  qualityScore: number,
  exact: Map<string, { ref: ItemRef; qualityScore: number }>,
  buckets: Map<string, Candidate[]>,
): void {
  const p = entry.prepared;
  exact.set(`${entry.campaignId} ${p.contentHash}`, { ref: { kind: 'new', index }, qualityScore });
  const self: Candidate = {
    ref: { kind: 'new', index },
    order: Number.MAX_SAFE_INTEGER - 1_000_000 + index,
    signature: p.signature,
    normalized: p.normalized,
    qualityScore,
  };
  for (const band of p.bands) {
    const key = `${entry.campaignId} ${band.bucket}`;
    buckets.set(key, [...(buckets.get(key) ?? []), self]);
  }
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
      // Every candidate past the estimate had its text loaded (see findCandidates).
      const similarity = shingleJaccard(entry.prepared.normalized, candidate.normalized ?? '');
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

function fetchFailed(httpStatus: number): Decision {
  return {
    outcome: 'fetch_failed',
    reason: fetchFailureReason(httpStatus),
    item: null,
    similarity: null,
    qualityScore: null,
  };
}

/** Why a fetch produced no text: an opaque redirect (status 0), an HTTP error, or empty text. */
export function fetchFailureReason(httpStatus: number): string {
  if (httpStatus === 0) return 'OPAQUE_REDIRECT';
  return httpStatus >= 300 || httpStatus < 200 ? `HTTP_${httpStatus}` : 'EMPTY_TEXT';
}
