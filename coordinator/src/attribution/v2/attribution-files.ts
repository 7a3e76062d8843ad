import type { Valuation } from './value-rows.ts';

/** One line of `values.jsonl`: a row's measured value and why. */
export interface ValueLine {
  index: number;
  fold: number;
  /** Σ of its KNN-Shapley values over the validation rows (2^-32 units), may be negative. */
  raw: number;
  /** What it is paid for: raw clipped at 0, and 0 for a near-copy. */
  value: number;
  /** The earliest earlier row it near-copies, with their similarity (of scale²), or null. */
  nearCopy: { of: number; similarity: number } | null;
  /** A negative raw value: the row is sent to review (never charged). */
  review: boolean;
  /** Its weight w_r in the shares (decimal string: value and quality blended). */
  weight: string;
}

/** One line of `neighbours.jsonl`: a drawn validation row and the rows it judged. */
export interface NeighbourLine {
  validation: number;
  fold: number;
  label: string;
  dropped: boolean;
  predicted: string | null;
  /** [row, similarity, match] triples, most similar first; match is 1 when the labels agree. */
  neighbours: Array<[number, number, number]>;
}

/** `values.jsonl` lines in row order (keys in this order: the Merkle leaves hash these lines). */
export function valueLines(valuation: Valuation, weights: readonly bigint[]): string[] {
  return valuation.values.map((value, index) => {
    const copy = valuation.nearCopies[index] ?? null;
    const raw = valuation.raw[index] as number;
    const line: ValueLine = {
      index,
      fold: valuation.folds[index] as number,
      raw,
      value,
      nearCopy: copy && { of: copy.of, similarity: copy.similarity },
      review: copy === null && raw < 0,
      weight: String(weights[index]),
    };
    return JSON.stringify(line);
  });
}

/** `neighbours.jsonl` lines in the order the beacon drew the validation rows. */
export function neighbourLines(valuation: Valuation): string[] {
  return valuation.validation.map((v) => {
    const line: NeighbourLine = {
      validation: v.row,
      fold: v.fold,
      label: v.label,
      dropped: v.dropped,
      predicted: v.predicted,
      neighbours: v.rows.map((r, i) => [r, v.similarities[i] as number, v.matches[i] as number]),
    };
    return JSON.stringify(line);
  });
}

/** The leaves of the features root: one line per row, its sorted buckets and weights. */
export function featureLines(valuation: Valuation): string[] {
  const m = valuation.features;
  return Array.from({ length: m.rows }, (_, index) => {
    const start = m.offsets[index] as number;
    const end = m.offsets[index + 1] as number;
    return JSON.stringify({
      index,
      buckets: Array.from(m.buckets.subarray(start, end)),
      weights: Array.from(m.weights.subarray(start, end)),
    });
  });
}
