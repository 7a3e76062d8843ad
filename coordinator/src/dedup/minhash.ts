import { fmix32 } from './hash32.ts';
import { createShingleScratch, shingleHashes } from './shingle-hashes.ts';

/**
 * The default seed of the permutations. Signatures are persisted, so this value is frozen:
 * changing it (or any hashing step below) makes every stored signature incomparable.
 */
export const DEFAULT_MINHASH_SEED = 0x706c617a; // 'plaz'

/** Number of permutations: 14 bands × 8 rows (FineWeb / datatrove). */
export const DEFAULT_NUM_HASHES = 112;

/** Words per shingle (FineWeb / datatrove, Lee et al.). */
export const DEFAULT_SHINGLE_SIZE = 5;

/** Options of {@link createMinHasher}. */
export interface MinHasherOptions {
  /** Number of permutations, the signature length. @default 112 */
  numHashes?: number;
  /** Words per shingle. @default 5 */
  shingleSize?: number;
  /** Seed of the permutations; keep it fixed for signatures that are stored. @default 0x706c617a */
  seed?: number;
}

/** A MinHash signer with fixed parameters. */
export interface MinHasher {
  readonly numHashes: number;
  readonly shingleSize: number;
  readonly seed: number;
  /**
   * The MinHash signature of a normalized text (see `normalizeText`): words are the runs of
   * characters above U+0020. A text with fewer words than a shingle is one shingle; a text with
   * no words gets a signature of all `0xffffffff`.
   */
  signature(normalizedText: string): Uint32Array;
}

const EMPTY_SLOT = 0xffffffff;
const SIGN_BIT = 0x80000000 | 0;
const INT32_MAX = 0x7fffffff;

/** SplitMix32-style generator: derives the permutation parameters from the seed. */
function createSeedStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    return fmix32(state) >>> 0;
  };
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`MinHash ${name} must be a positive integer, got ${value}.`);
  }
}

/**
 * Creates a MinHash signer. Each word is hashed once (FNV-1a over UTF-16 code units, then
 * Murmur3's finalizer); word hashes are combined into shingle hashes by a polynomial (see
 * `shingleHashes`); each permutation is `mix(a·x + b)` in 32-bit arithmetic (`Math.imul`), and
 * the signature keeps each permutation's minimum. Deterministic for given parameters, across
 * processes and versions. Reuses scratch buffers between calls (calls are synchronous).
 *
 * @example
 * const hasher = createMinHasher();
 * const signature = hasher.signature(normalizeText(text)); // Uint32Array(112)
 */
export function createMinHasher(options: MinHasherOptions = {}): MinHasher {
  const numHashes = options.numHashes ?? DEFAULT_NUM_HASHES;
  const shingleSize = options.shingleSize ?? DEFAULT_SHINGLE_SIZE;
  const seed = options.seed ?? DEFAULT_MINHASH_SEED;
  assertPositiveInteger('numHashes', numHashes);
  assertPositiveInteger('shingleSize', shingleSize);
  if (!Number.isInteger(seed))
    throw new RangeError(`MinHash seed must be an integer, got ${seed}.`);

  const next = createSeedStream(seed);
  const mulA = new Int32Array(numHashes);
  const addB = new Int32Array(numHashes);
  const mulC = new Int32Array(numHashes);
  for (let i = 0; i < numHashes; i++) {
    mulA[i] = next() | 1;
    addB[i] = next();
    mulC[i] = next() | 1;
  }

  const scratch = createShingleScratch();

  function signature(normalizedText: string): Uint32Array {
    const result = new Uint32Array(numHashes);
    const count = shingleHashes(normalizedText, shingleSize, scratch);
    if (count === 0) return result.fill(EMPTY_SLOT);
    const x = scratch.shingles;
    // Minima are kept as int32 with the sign bit flipped (an order-preserving map of uint32), so
    // the loop never leaves 32-bit integer arithmetic; four permutations share each load of x.
    let p = 0;
    for (; p + 4 <= numHashes; p += 4) {
      const a0 = mulA[p]!;
      const b0 = addB[p]!;
      const c0 = mulC[p]!;
      const a1 = mulA[p + 1]!;
      const b1 = addB[p + 1]!;
      const c1 = mulC[p + 1]!;
      const a2 = mulA[p + 2]!;
      const b2 = addB[p + 2]!;
      const c2 = mulC[p + 2]!;
      const a3 = mulA[p + 3]!;
      const b3 = addB[p + 3]!;
      const c3 = mulC[p + 3]!;
      let m0 = INT32_MAX;
      let m1 = INT32_MAX;
      let m2 = INT32_MAX;
      let m3 = INT32_MAX;
      for (let i = 0; i < count; i++) {
        const v = x[i]!;
        let y = (Math.imul(v, a0) + b0) | 0;
        y = Math.imul(y ^ (y >>> 16), c0) ^ SIGN_BIT;
        if (y < m0) m0 = y;
        y = (Math.imul(v, a1) + b1) | 0;
        y = Math.imul(y ^ (y >>> 16), c1) ^ SIGN_BIT;
        if (y < m1) m1 = y;
        y = (Math.imul(v, a2) + b2) | 0;
        y = Math.imul(y ^ (y >>> 16), c2) ^ SIGN_BIT;
        if (y < m2) m2 = y;
        y = (Math.imul(v, a3) + b3) | 0;
        y = Math.imul(y ^ (y >>> 16), c3) ^ SIGN_BIT;
        if (y < m3) m3 = y;
      }
      result[p] = m0 ^ SIGN_BIT;
      result[p + 1] = m1 ^ SIGN_BIT;
      result[p + 2] = m2 ^ SIGN_BIT;
      result[p + 3] = m3 ^ SIGN_BIT;
    }
    for (; p < numHashes; p++) {
      const a = mulA[p]!;
      const b = addB[p]!;
      const c = mulC[p]!;
      let m = INT32_MAX;
      for (let i = 0; i < count; i++) {
        let y = (Math.imul(x[i]!, a) + b) | 0;
        y = Math.imul(y ^ (y >>> 16), c) ^ SIGN_BIT;
        if (y < m) m = y;
      }
      result[p] = m ^ SIGN_BIT;
    }
    return result;
  }

  return { numHashes, shingleSize, seed, signature };
}
