import { estimateJaccard, type MinHasher, normalizeText, shingleJaccard } from '../dedup/index.ts';

/** Around the threshold the MinHash estimate (standard error ~0.04 at 0.8) is settled exactly. */
const EXACT_BAND = 0.15;

/**
 * How similar a re-fetched page's text is to the submitted one, in [0, 1]: 1 when their
 * normalized texts are equal (the content hashes match); otherwise the MinHash estimate of their
 * 5-word-shingle Jaccard similarity with the coordinator's own hasher (the signatures ingest
 * stores), replaced by the exact shingle Jaccard when the estimate is within 0.15 of `threshold`,
 * so no verdict hangs on the estimate's noise. Two empty texts are equal; one empty is 0.
 *
 * @example
 * compareTexts(minHasher, submitted, refetched, 0.8); // 0.93
 */
export function compareTexts(
  minHasher: MinHasher,
  submitted: string,
  observed: string,
  threshold: number,
): number {
  const a = normalizeText(submitted);
  const b = normalizeText(observed);
  if (a === b) return 1;
  if (a === '' || b === '') return 0;
  const estimate = estimateJaccard(minHasher.signature(a), minHasher.signature(b));
  return Math.abs(estimate - threshold) <= EXACT_BAND ? shingleJaccard(a, b) : estimate;
}
