import type { TextAnalysis } from './analyze-text.ts';

// Thresholds of Gopher's repetition filter (Rae et al. 2021, table A1), as datatrove's
// GopherRepetitionFilter and FineWeb use them.
/** Max fraction of lines that duplicate an earlier line (Gopher). */
export const GOPHER_MAX_DUP_LINE_FRAC = 0.3;
/** Max fraction of paragraphs that duplicate an earlier paragraph (Gopher). */
export const GOPHER_MAX_DUP_PARA_FRAC = 0.3;
/** Max fraction of characters in duplicated lines (Gopher). */
export const GOPHER_MAX_DUP_LINE_CHAR_FRAC = 0.2;
/** Max fraction of characters in duplicated paragraphs (Gopher). */
export const GOPHER_MAX_DUP_PARA_CHAR_FRAC = 0.2;
/** Max fraction of characters in the most frequent 2-, 3- and 4-gram (Gopher). */
export const GOPHER_TOP_NGRAM_MAX_CHAR_FRAC = [
  [2, 0.2],
  [3, 0.18],
  [4, 0.16],
] as const;
/** Max fraction of characters in duplicated 5- to 10-grams (Gopher). */
export const GOPHER_DUP_NGRAM_MAX_CHAR_FRAC = [
  [5, 0.15],
  [6, 0.14],
  [7, 0.13],
  [8, 0.12],
  [9, 0.11],
  [10, 0.1],
] as const;

/** The rules of the Gopher repetition family. */
export const GOPHER_REPETITION_RULES = [
  'dup_line_frac',
  'dup_para_frac',
  'dup_line_char_frac',
  'dup_para_char_frac',
  'top_2gram_char_frac',
  'top_3gram_char_frac',
  'top_4gram_char_frac',
  'dup_5gram_char_frac',
  'dup_6gram_char_frac',
  'dup_7gram_char_frac',
  'dup_8gram_char_frac',
  'dup_9gram_char_frac',
  'dup_10gram_char_frac',
] as const;

/** A Gopher repetition rule. */
export type GopherRepetitionRule = (typeof GOPHER_REPETITION_RULES)[number];

/** Signals (each a fraction in [0, 1], named as its rule) and verdicts of the family. */
export interface GopherRepetitionResult {
  signals: Record<GopherRepetitionRule, number>;
  passed: Record<GopherRepetitionRule, boolean>;
}

const MULTIPLIER = 0x9e3779b1 | 0;

// Scratch of the n-gram passes, grown on demand and reused by every call (calls are synchronous).
// The hash table is open-addressed; a slot is empty unless its stamp is the current pass's.
let capacity = 0;
let keys = new Int32Array(0);
let counts = new Int32Array(0);
let firsts = new Int32Array(0);
let stamps = new Int32Array(0);
let stamp = 0;
let lane = new Int32Array(0);
let prefix = new Int32Array(0);

function ensureScratch(words: number): void {
  if (lane.length < words + 1) {
    lane = new Int32Array(2 * (words + 1));
    prefix = new Int32Array(2 * (words + 1));
  }
  let wanted = 64;
  while (wanted < 2 * words) wanted *= 2;
  if (wanted > capacity || stamp > 0x7ffffff0) {
    capacity = Math.max(wanted, capacity);
    keys = new Int32Array(capacity);
    counts = new Int32Array(capacity);
    firsts = new Int32Array(capacity);
    stamps = new Int32Array(capacity);
    stamp = 0;
  }
}

/**
 * Gopher's repetition rules: duplicated lines and paragraphs (by count and by characters), the
 * share of characters in the most frequent 2/3/4-gram, and in duplicated 5…10-grams (counted
 * greedily, as datatrove does: a repeated n-gram's words are skipped). Fractions of characters
 * are of the whole text; lines and paragraphs are as {@link TextAnalysis} counts them. N-grams
 * are hashed (32 bits, in an open-addressing table) rather than joined into strings.
 */
export function gopherRepetition(doc: TextAnalysis): GopherRepetitionResult {
  const textLength = doc.text.length;
  const signals = {
    dup_line_frac: ratio(doc.duplicateLines, doc.lines.length),
    dup_para_frac: ratio(doc.duplicateParagraphs, doc.paragraphs),
    dup_line_char_frac: ratio(doc.duplicateLineChars, textLength),
    dup_para_char_frac: ratio(doc.duplicateParagraphChars, textLength),
  } as Record<GopherRepetitionRule, number>;
  const passed = {
    dup_line_frac: signals.dup_line_frac <= GOPHER_MAX_DUP_LINE_FRAC,
    dup_para_frac: signals.dup_para_frac <= GOPHER_MAX_DUP_PARA_FRAC,
    dup_line_char_frac: signals.dup_line_char_frac <= GOPHER_MAX_DUP_LINE_CHAR_FRAC,
    dup_para_char_frac: signals.dup_para_char_frac <= GOPHER_MAX_DUP_PARA_CHAR_FRAC,
  } as Record<GopherRepetitionRule, boolean>;

  const words = doc.wordCount;
  ensureScratch(words);
  const lengths = doc.wordLengths;
  const wordHashes = doc.wordHashes;
  for (let i = 0; i < words; i++) {
    prefix[i + 1] = prefix[i]! + lengths[i]!;
    lane[i] = wordHashes[i]!;
  }
  const mask = capacity - 1;
  let n = 1;
  for (const [size, max] of GOPHER_TOP_NGRAM_MAX_CHAR_FRAC) {
    const rule = `top_${size}gram_char_frac` as const;
    const count = extendNGrams(wordHashes, words, ++n);
    stamp++;
    let bestCount = 0;
    let bestFirst = 0;
    for (let i = 0; i < count; i++) {
      const key = lane[i]!;
      let slot = key & mask;
      while (stamps[slot] === stamp && keys[slot] !== key) slot = (slot + 1) & mask;
      let seen: number;
      if (stamps[slot] !== stamp) {
        stamps[slot] = stamp;
        keys[slot] = key;
        counts[slot] = 1;
        firsts[slot] = i;
        seen = 1;
      } else {
        seen = counts[slot]! + 1;
        counts[slot] = seen;
      }
      // Ties go to the n-gram seen first, as Python's Counter.most_common does.
      if (seen > bestCount || (seen === bestCount && firsts[slot]! < bestFirst)) {
        bestCount = seen;
        bestFirst = firsts[slot]!;
      }
    }
    // The n-gram joined with spaces, times its count.
    const topChars =
      count === 0 ? 0 : (prefix[bestFirst + size]! - prefix[bestFirst]! + size - 1) * bestCount;
    signals[rule] = ratio(topChars, textLength);
    passed[rule] = signals[rule] <= max;
  }

  let noRepeatedFiveGram = false;
  for (const [size, max] of GOPHER_DUP_NGRAM_MAX_CHAR_FRAC) {
    const rule = `dup_${size}gram_char_frac` as const;
    let repeatedChars = 0;
    // Any repeated n-gram (n > 5) holds a repeated 5-gram: none at 5 means none above.
    const count = noRepeatedFiveGram ? 0 : extendNGrams(wordHashes, words, ++n);
    stamp++;
    let i = 0;
    while (i < count) {
      const key = lane[i]!;
      let slot = key & mask;
      while (stamps[slot] === stamp && keys[slot] !== key) slot = (slot + 1) & mask;
      if (stamps[slot] === stamp) {
        repeatedChars += prefix[i + size]! - prefix[i]!;
        i += size;
      } else {
        stamps[slot] = stamp;
        keys[slot] = key;
        i++;
      }
    }
    if (size === 5 && repeatedChars === 0) noRepeatedFiveGram = true;
    signals[rule] = ratio(repeatedChars, textLength);
    passed[rule] = signals[rule] <= max;
  }
  return { signals, passed };
}

/**
 * Grows the hash of the n-gram starting at each word by its n-th word: `lane[i]` becomes the hash
 * of words i … i+n−1, a polynomial of their (already mixed) hashes, so its low bits can pick a
 * table slot as they are. 32-bit keys: two different n-grams match with probability 2^-32.
 * Returns how many n-grams there are.
 */
function extendNGrams(wordHashes: Int32Array, words: number, n: number): number {
  const target = lane;
  const count = Math.max(0, words - n + 1);
  for (let i = 0; i < count; i++) {
    target[i] = (Math.imul(target[i]!, MULTIPLIER) + wordHashes[i + n - 1]!) | 0;
  }
  return count;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
