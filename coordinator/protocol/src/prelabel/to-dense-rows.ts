import type { SparseFeatures } from './hashed-features.ts';

/**
 * Rows of sparse features as one dense row-major matrix (`rows × buckets`), the model's input.
 *
 * @example
 * const x = toDenseRows(texts.map((t) => hashedFeatures(t, spec)), spec.buckets);
 */
export function toDenseRows(rows: readonly SparseFeatures[], buckets: number): Float32Array {
  const dense = new Float32Array(rows.length * buckets);
  rows.forEach((row, r) => {
    const offset = r * buckets;
    for (let k = 0; k < row.indices.length; k++) {
      dense[offset + row.indices[k]!] = row.values[k]!;
    }
  });
  return dense;
}
