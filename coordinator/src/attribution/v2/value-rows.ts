import { knnPredict, knnShapley } from '@plaza/protocol';
import type { Hex } from 'viem';
import { drawFromBeacon, pickValidation } from './draw-validation.ts';
import { type FeatureMatrix, featureMatrix } from './integer-features.ts';
import { findNearCopies, type NearCopy } from './near-copies.ts';
import { type NeighbourList, nearestRowsForAll } from './neighbours.ts';
import type { RuleV2Params } from './params.ts';

/** One row as rule v2 reads it. */
export interface ValuationRow {
  /** The campaign model's input uncut: title, newline, text (features read its first maxChars). */
  text: string;
  /** The label as a class key (canonical JSON), or null when the row has none. */
  label: string | null;
  /** Gold, reviewed or high-agreement: the row may be drawn as a validation row. */
  candidate: boolean;
}

/** One drawn validation row and what it decided. */
export interface ValidationEntry extends NeighbourList {
  row: number;
  fold: number;
  label: string;
  /** A near-copy of a row of the other fold would judge its own copy: it is dropped, valuing nothing. */
  dropped: boolean;
  /** The valuation KNN's prediction from the first K neighbours. */
  predicted: string | null;
  /** 1 where the neighbour's label equals this row's. */
  matches: number[];
}

/** Rule v2's valuation of a version's rows (every figure an integer, see `knnShapley`). */
export interface Valuation {
  features: FeatureMatrix;
  folds: Uint8Array;
  /** Each row's beacon hash (see `drawFromBeacon`). */
  ranks: Hex[];
  nearCopies: Array<NearCopy | null>;
  validation: ValidationEntry[];
  /** Σ over validation rows of the row's KNN-Shapley value (2^-32 units), may be negative. */
  raw: number[];
  /** max(raw, 0), and 0 for near-copies. */
  values: number[];
}

/**
 * Values every row by truncated KNN-Shapley with 2-fold cross-valuation: the beacon assigns folds
 * and draws validation rows from the candidates; each validation row's T nearest labelled rows of
 * the other fold (near-copies excluded) share its value; a row's value is the sum over the
 * validation rows, clipped at 0. Near-copies (similarity ≥ threshold to an earlier row) earn 0.
 * Integer arithmetic only: the same rows and beacon give the same numbers in every runtime.
 */
export function valueRows(
  rows: readonly ValuationRow[],
  beacon: Hex,
  params: RuleV2Params,
): Valuation {
  const features = featureMatrix(
    rows.map((r) => r.text),
    params.features,
  );
  const nearCopies = findNearCopies(
    features,
    params.nearCopy,
    params.copySearch,
    params.features.buckets,
  );
  const { folds, ranks } = drawFromBeacon(beacon, rows.length);
  const usable = (r: number) => rows[r]?.label !== null && nearCopies[r] === null;
  const pools = [0, 1].map((f) =>
    Int32Array.from(rows.keys()).filter((r) => folds[r] === f && usable(r)),
  );
  const candidates = [...rows.keys()].filter((r) => rows[r]?.candidate && usable(r));
  const drawn = pickValidation(candidates, ranks, params.validationRows);
  // Each fold's validation rows find their nearest rows of the other fold in one scan of it.
  const listOf = new Map<number, NeighbourList>();
  for (const fold of [0, 1]) {
    const mine = drawn.filter((v) => folds[v] === fold);
    const lists = nearestRowsForAll(features, mine, pools[1 - fold] as Int32Array, params.t);
    lists.forEach((list, i) => {
      listOf.set(mine[i] as number, list);
    });
  }
  const raw = new Array<number>(rows.length).fill(0);
  const validation: ValidationEntry[] = [];
  for (const v of drawn) {
    const fold = folds[v] as number;
    const list = listOf.get(v) as NeighbourList;
    const label = rows[v]?.label as string;
    const classes = list.rows.map((r) => rows[r]?.label as string);
    const dropped = (list.similarities[0] ?? 0) >= params.nearCopy;
    const matches = classes.map((c) => (c === label ? 1 : 0));
    const predicted = knnPredict(classes, params.k);
    validation.push({ row: v, fold, label, dropped, predicted, matches, ...list });
    if (dropped) continue;
    const s = knnShapley(matches, params.k);
    list.rows.forEach((r, i) => {
      raw[r] = (raw[r] as number) + (s[i] as number);
    });
  }
  const values = raw.map((x, r) => (nearCopies[r] !== null || x < 0 ? 0 : x));
  return { features, folds, ranks, nearCopies, validation, raw, values };
}
