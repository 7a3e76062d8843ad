/** Bands of the LSH index: 14 bands × 8 rows = 112 hashes (FineWeb / datatrove). */
export const LSH_BANDS = 14;

/** Rows (signature values) per LSH band (FineWeb / datatrove). */
export const LSH_ROWS = 8;

/**
 * Shingle Jaccard similarity at or above which a document is a near duplicate of an earlier one
 * (Gopher's and Lee et al.'s 0.8 over 5-word shingles).
 */
export const NEAR_DUPLICATE_JACCARD = 0.8;

/**
 * Estimated (MinHash) Jaccard at or above which an LSH candidate would be a near duplicate if
 * only signatures were compared: the benchmarks' baseline and the LSH design point, not the
 * ingest rule. On `bench/neardup.bench.ts` (pairs spread evenly over true Jaccard 0.3–1.0) it gave
 * precision 0.92 and recall 0.93 at true Jaccard ≥ 0.8: with 112 hashes the estimate's standard
 * error is ~0.04 at 0.8, too wide to reach 0.95 on both. Ingest confirms instead
 * (`findNearDuplicate`): estimate ≥ {@link NEAR_DUPLICATE_MIN_ESTIMATE}, then `shingleJaccard` ≥
 * {@link NEAR_DUPLICATE_JACCARD}; verification settles estimates near the threshold exactly
 * (`compareTexts`).
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/**
 * Estimated Jaccard at or above which an LSH candidate is worth confirming with the exact
 * `shingleJaccard`: it keeps ~99 % of the pairs at true Jaccard ≥ 0.8 and drops most of the
 * candidates below, so few texts are loaded for the check.
 */
export const NEAR_DUPLICATE_MIN_ESTIMATE = 0.7;

/** Options of {@link lshBands}. */
export interface LshBandsOptions {
  /** Number of bands. @default 14 */
  bands?: number;
  /** Signature values per band. @default 8 */
  rows?: number;
}

/**
 * One LSH band key. `bucket` is a signed 64-bit integer (a `bigint` in
 * [-2^63, 2^63 − 1]) so it stores as PostgreSQL `bigint` without conversion; look candidates up
 * by `(band, bucket)`.
 */
export interface LshBand {
  band: number;
  bucket: bigint;
}

/** Two independent Murmur3-style lanes over the band's rows give the 64-bit bucket. */
const LANE_SEED_HIGH = 0x2545f491;
const LANE_SEED_LOW = 0x9e3779b9;

function mixLane(seed: number, signature: Uint32Array, start: number, rows: number): number {
  let h = seed | 0;
  for (let i = start; i < start + rows; i++) {
    let k = Math.imul(signature[i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= rows * 4;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Splits a MinHash signature into LSH bands and hashes each band's rows to a signed 64-bit
 * bucket. Two documents are near-duplicate candidates when any band has the same bucket.
 * Deterministic: buckets are persisted and must never change for a given signature.
 *
 * @throws RangeError when the signature is shorter than `bands × rows`.
 * @example
 * for (const { band, bucket } of lshBands(signature)) insertBucket(band, bucket);
 */
export function lshBands(signature: Uint32Array, options: LshBandsOptions = {}): LshBand[] {
  const bands = options.bands ?? LSH_BANDS;
  const rows = options.rows ?? LSH_ROWS;
  if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1) {
    throw new RangeError(`LSH bands and rows must be positive integers, got ${bands} × ${rows}.`);
  }
  if (signature.length < bands * rows) {
    throw new RangeError(
      `A signature of ${signature.length} values is too short for ${bands} bands of ${rows} rows.`,
    );
  }
  const result: LshBand[] = new Array(bands);
  for (let band = 0; band < bands; band++) {
    const start = band * rows;
    const high = mixLane(LANE_SEED_HIGH, signature, start, rows);
    const low = mixLane(LANE_SEED_LOW, signature, start, rows);
    result[band] = { band, bucket: BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low)) };
  }
  return result;
}

/**
 * Estimates the Jaccard similarity of two documents as the fraction of equal signature values.
 *
 * @throws RangeError when the signatures differ in length or are empty.
 */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(`Cannot compare signatures of lengths ${a.length} and ${b.length}.`);
  }
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/**
 * The probability that a pair with Jaccard similarity `s` shares at least one of `bands` bands of
 * `rows` rows: `1 − (1 − s^rows)^bands`.
 */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

/**
 * Serializes a signature for a `bytea` column: 4 bytes per value, little-endian.
 */
export function serializeSignature(signature: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < signature.length; i++) view.setUint32(i * 4, signature[i]!, true);
  return bytes;
}

/**
 * Reads a signature written by {@link serializeSignature} (accepts a Node `Buffer`).
 *
 * @throws RangeError when the byte length is not a multiple of 4.
 */
export function deserializeSignature(bytes: Uint8Array): Uint32Array {
  if (bytes.byteLength % 4 !== 0) {
    throw new RangeError(`A signature must be a multiple of 4 bytes, got ${bytes.byteLength}.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = new Uint32Array(bytes.byteLength / 4);
  for (let i = 0; i < signature.length; i++) signature[i] = view.getUint32(i * 4, true);
  return signature;
}
