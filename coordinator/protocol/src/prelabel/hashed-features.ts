import type { FeatureSpec } from './feature-spec.ts';

/** A sparse feature vector: sorted bucket indexes and their values (L2-normalized). */
export interface SparseFeatures {
  indices: Uint32Array;
  values: Float32Array;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** 32-bit FNV-1a over UTF-16 code units, seeded by a one-character feature-kind prefix. */
function fnv1a(prefix: number, text: string): number {
  let hash = Math.imul(0x811c9dc5 ^ prefix, 0x01000193);
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Hashed n-gram features of a model input, as every Plaza model reads them: NFKC, lowercase,
 * tokens of letters and digits; word n-grams and in-word character n-grams (`<word>`) hashed with
 * FNV-1a into `spec.buckets` buckets; counts damped with `log1p`; the vector L2-normalized. Pure
 * and deterministic: the coordinator (training, verification) and the extension (inference) get
 * the same numbers from the same text.
 *
 * @example
 * const { indices, values } = hashedFeatures('Rates rise again', defaultFeatureSpec);
 */
export function hashedFeatures(input: string, spec: FeatureSpec): SparseFeatures {
  const mask = spec.buckets - 1;
  const counts = new Map<number, number>();
  const add = (bucket: number) => counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  const text = input.slice(0, spec.maxChars).normalize('NFKC').toLowerCase();
  const tokens = text.match(TOKEN) ?? [];
  for (const n of spec.words) {
    for (let i = 0; i + n <= tokens.length; i++) {
      add(fnv1a(0x77 + n, n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ')) & mask);
    }
  }
  for (const token of tokens) {
    const padded = `<${token}>`;
    for (const n of spec.chars) {
      for (let i = 0; i + n <= padded.length; i++) {
        add(fnv1a(0x63 + n, padded.slice(i, i + n)) & mask);
      }
    }
  }
  const indices = Uint32Array.from(counts.keys()).sort();
  const damped = Array.from(indices, (index) => Math.log1p(counts.get(index)!));
  let norm = 0;
  for (const value of damped) norm += value * value;
  norm = Math.sqrt(norm);
  const values = Float32Array.from(damped, (value) => (norm === 0 ? 0 : value / norm));
  return { indices, values };
}
