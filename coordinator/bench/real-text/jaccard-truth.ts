/**
 * Exact 5-word-shingle Jaccard of every pair of documents, computed independently of the
 * coordinator's dedup code: its own tokenizer (NFKC, lowercase, runs of letters, marks and
 * digits, digits kept as they are), shingles as strings given exact integer ids (no hashing), and
 * a merge of sorted id lists for every pair. Only pairs whose set sizes alone rule out the
 * threshold (|A ∩ B| ≤ min(|A|, |B|), so J ≤ min/max) are skipped, which is exact.
 */

/** Words per shingle, as the coordinator's MinHash. */
export const TRUTH_SHINGLE_SIZE = 5;

/** The reference tokens of a text: NFKC, lowercase, maximal runs of `[\p{L}\p{M}\p{Nd}]`. */
export function referenceTokens(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{Nd}]+/gu) ?? []
  );
}

/** Each document's distinct shingles as a sorted list of exact ids. */
export function shingleIdSets(texts: readonly string[]): Int32Array[] {
  const ids = new Map<string, number>();
  return texts.map((text) => {
    const tokens = referenceTokens(text);
    const width = Math.min(TRUTH_SHINGLE_SIZE, tokens.length);
    const set = new Set<number>();
    for (let i = 0; width > 0 && i + width <= tokens.length; i++) {
      const shingle = tokens.slice(i, i + width).join(' ');
      let id = ids.get(shingle);
      if (id === undefined) {
        id = ids.size;
        ids.set(shingle, id);
      }
      set.add(id);
    }
    return Int32Array.from(set).sort();
  });
}

/** The exact Jaccard of two sorted id lists. */
export function sortedJaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/** A pair of documents (by index) and their exact Jaccard. */
export interface SimilarPair {
  a: number;
  b: number;
  jaccard: number;
}

/**
 * Every pair with exact Jaccard ≥ `floor` (a < b). Pairs are compared in order of set size, and
 * the inner loop stops once the size ratio falls below `floor`.
 */
export function similarPairs(sets: readonly Int32Array[], floor: number): SimilarPair[] {
  const order = sets.map((_, i) => i).sort((x, y) => sets[x]!.length - sets[y]!.length);
  const pairs: SimilarPair[] = [];
  for (let p = 0; p < order.length; p++) {
    const small = sets[order[p]!]!;
    for (let q = p + 1; q < order.length; q++) {
      const large = sets[order[q]!]!;
      if (small.length < floor * large.length) break;
      const jaccard = sortedJaccard(small, large);
      if (jaccard >= floor) {
        const a = Math.min(order[p]!, order[q]!);
        const b = Math.max(order[p]!, order[q]!);
        pairs.push({ a, b, jaccard });
      }
    }
  }
  return pairs;
}
