import { type FeatureMatrix, similarity } from './integer-features.ts';

/** A row that near-copies an earlier one: the earliest such row and their similarity. */
export interface NearCopy {
  of: number;
  similarity: number;
}

/** How near-copies are searched: MinHash bands over each row's set of buckets. */
export interface CopySearch {
  /** Bands; two rows are compared when one band's MinHash values are all equal. */
  bands: number;
  /** MinHash values per band. */
  rows: number;
}

/** murmur3's 32-bit finalizer: the MinHash permutation of bucket b for hash function k. */
function mix(k: number, b: number): number {
  let h = Math.imul(k + 1, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Every row's band keys: band g's key is the mix of its `rows` MinHash values. */
function bandKeys(m: FeatureMatrix, search: CopySearch, buckets: number): Uint32Array[] {
  const hashes = search.bands * search.rows;
  const table = new Uint32Array(hashes * buckets);
  for (let k = 0; k < hashes; k++)
    for (let b = 0; b < buckets; b++) table[k * buckets + b] = mix(k, b);
  const keys = Array.from({ length: search.bands }, () => new Uint32Array(m.rows));
  const min = new Uint32Array(hashes);
  for (let r = 0; r < m.rows; r++) {
    min.fill(0xffffffff);
    for (let i = m.offsets[r] as number; i < (m.offsets[r + 1] as number); i++) {
      const b = m.buckets[i] as number;
      for (let k = 0; k < hashes; k++) {
        const v = table[k * buckets + b] as number;
        if (v < (min[k] as number)) min[k] = v;
      }
    }
    for (let g = 0; g < search.bands; g++) {
      let key = g;
      for (let j = 0; j < search.rows; j++) key = mix(key, min[g * search.rows + j] as number);
      (keys[g] as Uint32Array)[r] = key;
    }
  }
  return keys;
}

/**
 * For every row, the earliest earlier row whose integer similarity with it is at least
 * `threshold`, among the rows that share one of its MinHash band keys (over the sets of buckets
 * the rows use), or null. Deterministic (integer hashing only): anyone finds the same pairs, and
 * each pair is decided by its exact similarity. A pair at similarity ≥ 0.9 shares most buckets,
 * so the bands find it with high probability; the benchmark measures the recall against an
 * exhaustive scan. Rows without features are never copies.
 */
export function findNearCopies(
  m: FeatureMatrix,
  threshold: number,
  search: CopySearch,
  buckets: number,
): Array<NearCopy | null> {
  const keys = bandKeys(m, search, buckets);
  const earlier: number[][] = Array.from({ length: m.rows }, () => []);
  for (const band of keys) {
    const order = Int32Array.from({ length: m.rows }, (_, r) => r).filter(
      (r) => (m.offsets[r + 1] as number) > (m.offsets[r] as number),
    );
    order.sort((a, b) => (band[a] as number) - (band[b] as number) || a - b);
    for (let i = 0; i < order.length; ) {
      let j = i + 1;
      while (j < order.length && band[order[j] as number] === band[order[i] as number]) j++;
      for (let x = i + 1; x < j; x++) {
        const list = earlier[order[x] as number] as number[];
        for (let y = i; y < x; y++) list.push(order[y] as number);
      }
      i = j;
    }
  }
  return earlier.map((list, r) => {
    for (const s of [...new Set(list)].sort((a, b) => a - b)) {
      const sim = similarity(m, r, s);
      if (sim >= threshold) return { of: s, similarity: sim };
    }
    return null;
  });
}

/** The same answer by an exhaustive scan of every earlier row (quadratic: for tests and benches). */
export function findNearCopiesExhaustive(
  m: FeatureMatrix,
  threshold: number,
): Array<NearCopy | null> {
  return Array.from({ length: m.rows }, (_, r) => {
    for (let s = 0; s < r; s++) {
      const sim = similarity(m, r, s);
      if (sim >= threshold) return { of: s, similarity: sim };
    }
    return null;
  });
}
