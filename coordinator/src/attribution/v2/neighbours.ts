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
  const postings = new Map<number, Array<[number, number]>>();
  validation.forEach((v, slot) => {
    for (let i = m.offsets[v] as number; i < (m.offsets[v + 1] as number); i++) {
      const b = m.buckets[i] as number;
      let list = postings.get(b);
      if (!list) {
        list = [];
        postings.set(b, list);
      }
      list.push([slot, m.weights[i] as number]);
    }
  });
  const lists: NeighbourList[] = validation.map(() => ({ rows: [], similarities: [] }));
  const acc = new Float64Array(validation.length);
  const touched: number[] = [];
  for (let p = 0; p < pool.length; p++) {
    const r = pool[p] as number;
    for (let i = m.offsets[r] as number; i < (m.offsets[r + 1] as number); i++) {
      const q = m.weights[i] as number;
      for (const [slot, qv] of postings.get(m.buckets[i] as number) ?? []) {
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] = (acc[slot] as number) + q * qv;
      }
    }
    for (const slot of touched) {
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
    touched.length = 0;
  }
  return lists;
}
