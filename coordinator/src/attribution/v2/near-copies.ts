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
export function bandKeys(m: FeatureMatrix, search: CopySearch, buckets: number): Uint32Array[] {
  const hashes = search.bands * search.rows;
  // Bucket-major, so that one bucket's `hashes` permuted values are read in one sweep.
  const table = new Uint32Array(hashes * buckets);
  for (let b = 0; b < buckets; b++)
    for (let k = 0; k < hashes; k++) table[b * hashes + k] = mix(k, b);
  const keys = Array.from({ length: search.bands }, () => new Uint32Array(m.rows));
  const min = new Uint32Array(hashes);
  for (let r = 0; r < m.rows; r++) {
    min.fill(0xffffffff);
    for (let i = m.offsets[r] as number; i < (m.offsets[r + 1] as number); i++) {
      const at = (m.buckets[i] as number) * hashes;
      for (let k = 0; k < hashes; k++) {
        const v = table[at + k] as number;
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

/** Each row's squared norm Σ w² (an integer ≤ scale²). */
function squaredNorms(m: FeatureMatrix): Float64Array {
  const norms = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let sum = 0;
    for (let i = m.offsets[r] as number; i < (m.offsets[r + 1] as number); i++)
      sum += (m.weights[i] as number) * (m.weights[i] as number);
    norms[r] = sum;
  }
  return norms;
}

/** Entries of a candidate read between two checks of the bound below. */
const BLOCK = 16;

/**
 * Row s's exact similarity with the row scattered in `dense` when it is at least `threshold`;
 * otherwise any number below `threshold`. After each block of s's entries, what the rest of s can
 * add is at most √(rest of ‖s‖²) · √(rest of ‖r‖²) (Cauchy–Schwarz: s's remaining buckets are
 * not among those read, so r's weight on them is outside the part of ‖r‖² already matched); when
 * even that cannot reach the threshold the pair is given up. Every figure is an integer below
 * 2^53, so the test is exact and the answer is the one a full dot product gives.
 */
function similarityIfAtLeast(
  m: FeatureMatrix,
  s: number,
  dense: Int32Array,
  normR: number,
  normS: number,
  threshold: number,
): number {
  const end = m.offsets[s + 1] as number;
  let sim = 0;
  let readS = 0;
  let readR = 0;
  for (let i = m.offsets[s] as number; i < end; ) {
    const stop = Math.min(i + BLOCK, end);
    for (; i < stop; i++) {
      const w = m.weights[i] as number;
      const d = dense[m.buckets[i] as number] as number;
      sim += d * w;
      readS += w * w;
      readR += d * d;
    }
    const gap = threshold - sim;
    if (gap > 0 && (normS - readS) * (normR - readR) < gap * gap) return sim;
  }
  return sim;
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
  const nonEmpty = Int32Array.from({ length: m.rows }, (_, r) => r).filter(
    (r) => (m.offsets[r + 1] as number) > (m.offsets[r] as number),
  );
  // Per band, the rows sorted by key then index, and each row's place: a row's group is the run
  // of equal keys around its place, and the members before it are the earlier rows.
  const groups = keys.map((band) => {
    const order = nonEmpty
      .slice()
      .sort((a, b) => (band[a] as number) - (band[b] as number) || a - b);
    const place = new Int32Array(m.rows).fill(-1);
    order.forEach((r, i) => {
      place[r] = i;
    });
    return { band, order, place };
  });
  const norms = squaredNorms(m);
  const seen = new Int32Array(m.rows).fill(-1);
  const candidates: number[] = [];
  const dense = new Int32Array(buckets);
  return Array.from({ length: m.rows }, (_, r) => {
    candidates.length = 0;
    for (const { band, order, place } of groups) {
      const key = band[r] as number;
      for (let i = (place[r] as number) - 1; i >= 0; i--) {
        const s = order[i] as number;
        if (band[s] !== key) break;
        if (seen[s] !== r) {
          seen[s] = r;
          candidates.push(s);
        }
      }
    }
    if (candidates.length === 0) return null;
    candidates.sort((a, b) => a - b);
    // Row r's weights scattered once, so each candidate's dot product reads only its own entries.
    const rEnd = m.offsets[r + 1] as number;
    for (let i = m.offsets[r] as number; i < rEnd; i++)
      dense[m.buckets[i] as number] = m.weights[i] as number;
    let found: NearCopy | null = null;
    for (const s of candidates) {
      const sim = similarityIfAtLeast(
        m,
        s,
        dense,
        norms[r] as number,
        norms[s] as number,
        threshold,
      );
      if (sim >= threshold) {
        found = { of: s, similarity: sim };
        break;
      }
    }
    for (let i = m.offsets[r] as number; i < rEnd; i++) dense[m.buckets[i] as number] = 0;
    return found;
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
