import { describe, expect, it } from 'vitest';
import {
  candidateProbability,
  deserializeSignature,
  estimateJaccard,
  LSH_BANDS,
  LSH_ROWS,
  lshBands,
  NEAR_DUPLICATE_THRESHOLD,
  serializeSignature,
} from './lsh.ts';
import { createMinHasher } from './minhash.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** A fixed signature independent of the MinHash code, so this file pins the band hashing alone. */
const fixed = Uint32Array.from({ length: 112 }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

describe('lshBands', () => {
  it('gives 14 bands of signed 64-bit buckets by default', () => {
    const bands = lshBands(fixed);
    expect(bands).toHaveLength(LSH_BANDS);
    expect(bands.map((b) => b.band)).toEqual(Array.from({ length: 14 }, (_, i) => i));
    for (const { bucket } of bands) {
      expect(typeof bucket).toBe('bigint');
      expect(bucket >= INT64_MIN && bucket <= INT64_MAX).toBe(true);
    }
    expect(new Set(bands.map((b) => b.bucket)).size).toBe(14);
  });

  it('matches the committed snapshot (buckets are stored and must never change)', () => {
    expect(lshBands(fixed).map((b) => b.bucket)).toEqual([
      6873660374603739379n,
      -878972163014212414n,
      -7491200970963092557n,
      -2882661601608653035n,
      8751775032830759249n,
      6171367832235167036n,
      122937438160701693n,
      580745695484224458n,
      7130896492347359960n,
      2654950817273956436n,
      -4560029260618495910n,
      6414598566028900073n,
      1597271582091976484n,
      7158613733360473503n,
    ]);
  });

  it('changes only the band whose rows changed', () => {
    const changed = fixed.slice();
    changed[3 * LSH_ROWS + 5] = (changed[3 * LSH_ROWS + 5]! + 1) >>> 0;
    const before = lshBands(fixed);
    const after = lshBands(changed);
    for (let band = 0; band < LSH_BANDS; band++) {
      if (band === 3) expect(after[band]!.bucket).not.toBe(before[band]!.bucket);
      else expect(after[band]!.bucket).toBe(before[band]!.bucket);
    }
  });

  it('makes near-duplicate texts share a bucket and unrelated ones not', () => {
    const hasher = createMinHasher();
    const words = Array.from({ length: 300 }, (_, i) => `word${(i * 7919) % 1000}`);
    const near = words.slice();
    near[150] = 'changed';
    const other = Array.from({ length: 300 }, (_, i) => `other${i}`);
    const buckets = (w: string[]) => lshBands(hasher.signature(w.join(' ')));
    const shared = (a: string[], b: string[]) =>
      buckets(a).filter((band, i) => band.bucket === buckets(b)[i]!.bucket).length;
    expect(shared(words, near)).toBeGreaterThan(0);
    expect(shared(words, other)).toBe(0);
  });

  it('accepts other band shapes and rejects a short signature', () => {
    expect(lshBands(fixed, { bands: 20, rows: 5 })).toHaveLength(20);
    expect(() => lshBands(fixed.subarray(0, 100))).toThrow(RangeError);
    expect(() => lshBands(fixed, { bands: 0 })).toThrow(RangeError);
  });
});

describe('estimateJaccard', () => {
  it('is the fraction of equal positions', () => {
    const a = Uint32Array.from([1, 2, 3, 4]);
    expect(estimateJaccard(a, Uint32Array.from([1, 2, 3, 4]))).toBe(1);
    expect(estimateJaccard(a, Uint32Array.from([1, 0, 3, 0]))).toBe(0.5);
    expect(estimateJaccard(a, Uint32Array.from([4, 3, 2, 1]))).toBe(0);
  });

  it('rejects signatures of different or zero length', () => {
    expect(() => estimateJaccard(new Uint32Array(3), new Uint32Array(4))).toThrow(RangeError);
    expect(() => estimateJaccard(new Uint32Array(0), new Uint32Array(0))).toThrow(RangeError);
  });
});

describe('candidateProbability', () => {
  it('follows 1 − (1 − s^r)^b', () => {
    expect(candidateProbability(0, 14, 8)).toBe(0);
    expect(candidateProbability(1, 14, 8)).toBe(1);
    expect(candidateProbability(0.8, 14, 8)).toBeCloseTo(0.9235, 4);
    expect(candidateProbability(0.7, 14, 8)).toBeCloseTo(0.5645, 4);
    expect(candidateProbability(0.5, 1, 1)).toBe(0.5);
  });

  it('puts the default threshold where most true duplicates are candidates', () => {
    expect(candidateProbability(NEAR_DUPLICATE_THRESHOLD, LSH_BANDS, LSH_ROWS)).toBeGreaterThan(
      0.5,
    );
  });
});

describe('serializeSignature / deserializeSignature', () => {
  it('writes 4 bytes per value, little-endian', () => {
    const bytes = serializeSignature(Uint32Array.from([0x04030201, 0xffffffff]));
    expect(Array.from(bytes)).toEqual([1, 2, 3, 4, 255, 255, 255, 255]);
  });

  it('round-trips, also from a Buffer at an offset', () => {
    const signature = createMinHasher().signature(
      'round trip of a stored signature in a bytea column',
    );
    const bytes = serializeSignature(signature);
    expect(bytes).toHaveLength(448);
    expect(deserializeSignature(bytes)).toEqual(signature);
    const pool = Buffer.concat([Buffer.from([9, 9, 9]), Buffer.from(bytes)]);
    expect(deserializeSignature(pool.subarray(3))).toEqual(signature);
  });

  it('rejects a byte length that is not a multiple of 4', () => {
    expect(() => deserializeSignature(new Uint8Array(5))).toThrow(RangeError);
  });
});
