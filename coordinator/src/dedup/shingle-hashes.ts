import { FNV_OFFSET, FNV_PRIME, fmix32 } from './hash32.ts';

/** Odd multiplier of the polynomial that combines word hashes into a shingle hash. */
const SHINGLE_MULTIPLIER = 0x9e3779b1 | 0;
/** Multiplier of the second, independent shingle lane (see `secondLane`). */
const SECOND_LANE_MULTIPLIER = 0x2545f491;

/** Reusable buffers of {@link shingleHashes}; grow-only. */
export interface ShingleScratch {
  words: Int32Array;
  /** The shingle hashes. */
  shingles: Int32Array;
  /** The second, independent lane of shingle hashes, when asked for. */
  second: Int32Array;
}

/** Creates empty scratch buffers for {@link shingleHashes}. */
export function createShingleScratch(): ShingleScratch {
  return {
    words: new Int32Array(1024),
    shingles: new Int32Array(1024),
    second: new Int32Array(0),
  };
}

/**
 * Hashes the `shingleSize`-word shingles of a normalized text into `scratch.shingles` and returns
 * how many there are. Words are runs of characters above U+0020; each is hashed once (FNV-1a over
 * UTF-16 code units, then Murmur3's finalizer), and a shingle's hash is the finalized polynomial
 * of its word hashes. A text with fewer words than a shingle is one shingle of all its words; a
 * text without words has none.
 *
 * Frozen: MinHash signatures stored in the database depend on every step.
 *
 * With `secondLane`, `scratch.second` also gets an independent hash of each shingle (another
 * multiplier, not finalized), which with the first makes a 64-bit key for exact set comparisons.
 */
export function shingleHashes(
  text: string,
  shingleSize: number,
  scratch: ShingleScratch,
  secondLane = false,
): number {
  let words = scratch.words;
  let count = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : 0x20;
    if (c <= 0x20) {
      if (inWord) {
        if (count === words.length) {
          words = grow(words);
          scratch.words = words;
        }
        words[count++] = fmix32(h);
        inWord = false;
      }
    } else {
      if (!inWord) {
        h = FNV_OFFSET;
        inWord = true;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    }
  }
  if (count === 0) return 0;

  const width = Math.min(shingleSize, count);
  const shingleCount = count - width + 1;
  if (scratch.shingles.length < shingleCount) scratch.shingles = new Int32Array(words.length);
  const shingles = scratch.shingles;
  for (let i = 0; i < shingleCount; i++) {
    let s = 0;
    for (let j = 0; j < width; j++) s = (Math.imul(s, SHINGLE_MULTIPLIER) + words[i + j]!) | 0;
    shingles[i] = fmix32(s);
  }
  if (secondLane) {
    if (scratch.second.length < shingleCount) scratch.second = new Int32Array(words.length);
    const second = scratch.second;
    for (let i = 0; i < shingleCount; i++) {
      let s = 0;
      for (let j = 0; j < width; j++)
        s = (Math.imul(s, SECOND_LANE_MULTIPLIER) + words[i + j]!) | 0;
      second[i] = s;
    }
  }
  return shingleCount;
}

function grow(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}
