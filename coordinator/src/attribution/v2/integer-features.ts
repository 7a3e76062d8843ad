import { modelInput } from '@plaza/protocol';
import { LOG_TABLE, type RuleV2Params } from './params.ts';
import { pinnedTokens } from './pinned-tokens.ts';

/**
 * Every row's integer feature vector, in compressed sparse rows: row r's buckets are
 * `buckets[offsets[r] … offsets[r+1])` (ascending) with weights `weights[…]` (each ≤ scale).
 */
export interface FeatureMatrix {
  rows: number;
  /** Each row's size: the tokens of its whole text (features read only the first `maxChars`). */
  tokens: Int32Array;
  offsets: Int32Array;
  buckets: Uint16Array;
  weights: Uint16Array;
}

/**
 * 32-bit FNV-1a over the UTF-16 code units of `tokens[i … i+n)` joined by spaces, seeded by a
 * feature-kind prefix (the campaign model's hashing), without building the joined string.
 */
function fnvTokens(prefix: number, tokens: readonly string[], i: number, n: number): number {
  let hash = Math.imul(0x811c9dc5 ^ prefix, 0x01000193);
  for (let k = i; k < i + n; k++) {
    if (k > i) hash = Math.imul(hash ^ 0x20, 0x01000193);
    const token = tokens[k] as string;
    for (let c = 0; c < token.length; c++) hash = Math.imul(hash ^ token.charCodeAt(c), 0x01000193);
  }
  return hash >>> 0;
}

/** The integer square root: the largest r with r² ≤ x (x < 2^53). */
export function isqrt(x: number): number {
  let r = Math.floor(Math.sqrt(x));
  while (r * r > x) r--;
  while ((r + 1) * (r + 1) <= x) r++;
  return r;
}

/** Integer features of one text: sorted buckets and their weights (zero weights dropped). */
export function rowFeatures(
  text: string,
  spec: RuleV2Params['features'],
  counts: Int32Array = new Int32Array(spec.buckets),
): { buckets: number[]; weights: number[]; tokens: number } {
  const mask = spec.buckets - 1;
  const window = modelInput({ title: '', text }, spec.maxChars);
  const tokens = pinnedTokens(window);
  // The row's size counts the tokens of all its text, read or not (the rest counted on its own),
  // so cutting a text in pieces never adds to it.
  const size =
    window.length === text.length
      ? tokens.length
      : tokens.length + pinnedTokens(text.slice(window.length)).length;
  const touched: number[] = [];
  const add = (bucket: number) => {
    if (counts[bucket] === 0) touched.push(bucket);
    counts[bucket] = (counts[bucket] as number) + 1;
  };
  for (const n of spec.words) {
    for (let i = 0; i + n <= tokens.length; i++) {
      add(fnvTokens(0x77 + n, tokens, i, n) & mask);
    }
  }
  touched.sort((a, b) => a - b);
  const damped = touched.map(
    (b) => LOG_TABLE[Math.min(counts[b] as number, spec.countCap)] as number,
  );
  for (const b of touched) counts[b] = 0;
  const norm = isqrt(damped.reduce((sum, d) => sum + d * d, 0));
  const buckets: number[] = [];
  const weights: number[] = [];
  if (norm === 0) return { buckets, weights, tokens: size };
  damped.forEach((d, i) => {
    const a = spec.scale * d;
    const q = (a - (a % norm)) / norm;
    if (q > 0) {
      buckets.push(touched[i] as number);
      weights.push(q);
    }
  });
  return { buckets, weights, tokens: size };
}

/** The feature matrix of rule v2 for a list of model inputs (see {@link rowFeatures}). */
export function featureMatrix(
  texts: readonly string[],
  spec: RuleV2Params['features'],
): FeatureMatrix {
  const counts = new Int32Array(spec.buckets);
  const all = texts.map((text) => rowFeatures(text, spec, counts));
  const offsets = new Int32Array(texts.length + 1);
  all.forEach((f, r) => {
    offsets[r + 1] = (offsets[r] as number) + f.buckets.length;
  });
  const total = offsets[texts.length] as number;
  const buckets = new Uint16Array(total);
  const weights = new Uint16Array(total);
  all.forEach((f, r) => {
    buckets.set(f.buckets, offsets[r]);
    weights.set(f.weights, offsets[r]);
  });
  const tokens = Int32Array.from(all, (f) => f.tokens);
  return { rows: texts.length, tokens, offsets, buckets, weights };
}

/** The exact integer similarity of rows a and b: the dot product of their vectors (≤ scale²). */
export function similarity(m: FeatureMatrix, a: number, b: number): number {
  let i = m.offsets[a] as number;
  let j = m.offsets[b] as number;
  const iEnd = m.offsets[a + 1] as number;
  const jEnd = m.offsets[b + 1] as number;
  let dot = 0;
  while (i < iEnd && j < jEnd) {
    const bi = m.buckets[i] as number;
    const bj = m.buckets[j] as number;
    if (bi === bj) dot += (m.weights[i++] as number) * (m.weights[j++] as number);
    else if (bi < bj) i++;
    else j++;
  }
  return dot;
}
