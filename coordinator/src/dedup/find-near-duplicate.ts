import { estimateJaccard, NEAR_DUPLICATE_JACCARD, NEAR_DUPLICATE_MIN_ESTIMATE } from './lsh.ts';
import { shingleJaccard } from './shingle-jaccard.ts';

/** A text as near-duplicate detection compares it: its MinHash signature and normalized text. */
export interface DedupText {
  signature: Uint32Array;
  /** The text after `normalizeText`. */
  normalized: string;
}

/** The member a text was found to duplicate, and their exact shingle Jaccard. */
export interface NearDuplicateMatch<C> {
  candidate: C;
  similarity: number;
}

/**
 * The most similar near duplicate of `text` among `candidates` (the texts sharing an LSH bucket
 * with it): MinHash estimate ≥ `NEAR_DUPLICATE_MIN_ESTIMATE`, then exact `shingleJaccard` ≥
 * `NEAR_DUPLICATE_JACCARD`. On equal similarity the candidate met first wins, so pass candidates
 * in the order they were seen. Null when none qualifies. A candidate listed twice is compared once.
 *
 * Candidates should be every member of every near-duplicate group, not only each group's first
 * text (see {@link isNewGroupMember}): otherwise a chain A ≈ B ≈ C with A ≉ C lets C through.
 *
 * @example
 * const match = findNearDuplicate({ signature, normalized }, candidatesSharingABucket);
 * if (match) joinItem(match.candidate, match.similarity);
 */
export function findNearDuplicate<C extends DedupText>(
  text: DedupText,
  candidates: Iterable<C>,
): NearDuplicateMatch<C> | null {
  const seen = new Set<C>();
  let best: NearDuplicateMatch<C> | null = null;
  for (const candidate of candidates) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    if (estimateJaccard(text.signature, candidate.signature) < NEAR_DUPLICATE_MIN_ESTIMATE) {
      continue;
    }
    const similarity = shingleJaccard(text.normalized, candidate.normalized);
    if (similarity < NEAR_DUPLICATE_JACCARD) continue;
    if (best === null || similarity > best.similarity) best = { candidate, similarity };
  }
  return best;
}

/**
 * Whether a near duplicate joins its group's comparison set: later texts are then compared with it
 * as with the group's first text, so chains (A ≈ B, B ≈ C, A ≉ C) are caught. A text whose
 * shingles equal a member's (similarity 1) adds nothing and is not kept.
 */
export function isNewGroupMember(match: NearDuplicateMatch<unknown>): boolean {
  return match.similarity < 1;
}
