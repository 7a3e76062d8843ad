import type { FeatureMatrix } from './integer-features.ts';

/** A validation row's nearest rows of the other fold, most similar first (ties: lower index). */
export interface NeighbourList {
  rows: number[];
  similarities: number[];
}

/**
 * The `t` rows of `pool` (ascending indexes) most similar to row `v`, with similarity > 0, sorted
 * by similarity descending and index ascending. `dense` is a zeroed scratch array of the buckets.
 */
export function nearestRows(
  m: FeatureMatrix,
  v: number,
  pool: Int32Array,
  t: number,
  dense: Int32Array,
): NeighbourList {
  const vStart = m.offsets[v] as number;
  const vEnd = m.offsets[v + 1] as number;
  for (let i = vStart; i < vEnd; i++) dense[m.buckets[i] as number] = m.weights[i] as number;
  const rows: number[] = [];
  const sims: number[] = [];
  for (let p = 0; p < pool.length; p++) {
    const r = pool[p] as number;
    const end = m.offsets[r + 1] as number;
    let dot = 0;
    for (let i = m.offsets[r] as number; i < end; i++) {
      dot += (dense[m.buckets[i] as number] as number) * (m.weights[i] as number);
    }
    if (dot === 0 || (rows.length === t && dot <= (sims[t - 1] as number))) continue;
    // Insert after every entry at least as similar (earlier rows win ties).
    let at = rows.length;
    while (at > 0 && (sims[at - 1] as number) < dot) at--;
    rows.splice(at, 0, r);
    sims.splice(at, 0, dot);
    if (rows.length > t) {
      rows.pop();
      sims.pop();
    }
  }
  for (let i = vStart; i < vEnd; i++) dense[m.buckets[i] as number] = 0;
  return { rows, similarities: sims };
}

/**
 * {@link nearestRows} for many validation rows at once, with the same answer: an inverted index
 * of the validation rows' buckets is scanned once per pool row, so only buckets both rows have
 * are multiplied (a dense scan multiplies every pool entry by the validation row's zeros too).
 */
export function nearestRowsForAll(
  m: FeatureMatrix,
  validation: readonly number[],
  pool: Int32Array,
  t: number,
): NeighbourList[] {
  const { start, slots, weights } = postingsOf(m, validation);
  const lists: NeighbourList[] = validation.map(() => ({ rows: [], similarities: [] }));
  const acc = new Float64Array(validation.length);
  const touched = new Int32Array(validation.length);
  for (let p = 0; p < pool.length; p++) {
    const r = pool[p] as number;
    let count = 0;
    for (let i = m.offsets[r] as number; i < (m.offsets[r + 1] as number); i++) {
      const q = m.weights[i] as number;
      const b = m.buckets[i] as number;
      for (let j = start[b] as number; j < (start[b + 1] as number); j++) {
        const slot = slots[j] as number;
        if (acc[slot] === 0) touched[count++] = slot;
        acc[slot] = (acc[slot] as number) + q * (weights[j] as number);
      }
    }
    for (let c = 0; c < count; c++) {
      const slot = touched[c] as number;
      const dot = acc[slot] as number;
      acc[slot] = 0;
      const { rows, similarities: sims } = lists[slot] as NeighbourList;
      if (rows.length === t && dot <= (sims[t - 1] as number)) continue;
      let at = rows.length;
      while (at > 0 && (sims[at - 1] as number) < dot) at--;
      rows.splice(at, 0, r);
      sims.splice(at, 0, dot);
      if (rows.length > t) {
        rows.pop();
        sims.pop();
      }
    }
  }
  return lists;
}

/**
 * The validation rows' entries grouped by bucket (compressed: bucket b's entries are
 * `[start[b], start[b+1])`), each the row's slot in `validation` and its weight.
 */
function postingsOf(m: FeatureMatrix, validation: readonly number[]) {
  // Buckets are stored in 16 bits. start[b + 1] first counts bucket b's entries, then sums them.
  const buckets = 65_536;
  const start = new Int32Array(buckets + 1);
  for (const v of validation)
    for (let i = m.offsets[v] as number; i < (m.offsets[v + 1] as number); i++) {
      const b = (m.buckets[i] as number) + 1;
      start[b] = (start[b] as number) + 1;
    }
  for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const next = start.slice(0, buckets);
  const slots = new Int32Array(start[buckets] as number);
  const weights = new Int32Array(start[buckets] as number);
  validation.forEach((v, slot) => {
    for (let i = m.offsets[v] as number; i < (m.offsets[v + 1] as number); i++) {
      const b = m.buckets[i] as number;
      const at = next[b] as number;
      next[b] = at + 1;
      slots[at] = slot;
      weights[at] = m.weights[i] as number;
    }
  });
  return { start, slots, weights };
}
