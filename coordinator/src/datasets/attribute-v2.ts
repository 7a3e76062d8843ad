import { modelInput } from '@plaza/protocol';
import type { Hex } from 'viem';
import { buildRowsTree, type RowsTree } from '../attribution/rows-tree.ts';
import { featureLines, neighbourLines, valueLines } from '../attribution/v2/attribution-files.ts';
import { blendWeights } from '../attribution/v2/blend-weights.ts';
import type { RuleV2Params } from '../attribution/v2/params.ts';
import { type Valuation, type ValuationRow, valueRows } from '../attribution/v2/value-rows.ts';
import type { DatasetRow } from './dataset-row.ts';

/** Figures of a v2 valuation, stated in the manifest. */
export interface AttributionSummary {
  rows: number;
  labelled: number;
  nearCopies: number;
  review: number;
  candidates: number;
  validation: number;
  dropped: number;
  /** How often the valuation's KNN predicts a validation row's label from the other fold. */
  knn: { correct: number; total: number };
}

/** Rule v2 applied to a version's rows: values, weights, committed files and their trees. */
export interface AttributionV2 {
  valuation: Valuation;
  weights: bigint[];
  values: string[];
  neighbours: string[];
  trees: { features: RowsTree; neighbours: RowsTree; values: RowsTree };
  summary: AttributionSummary;
}

/** The row as rule v2 reads it: model input, label as a class key, validation candidacy. */
export function toValuationRow(row: DatasetRow, params: RuleV2Params): ValuationRow {
  const confidence = Math.round((row.labelConfidence ?? 0) * 1_000_000);
  return {
    // The whole input: features read its first maxChars, its size counts all of it.
    text: modelInput({ title: row.title, text: row.text }, Number.MAX_SAFE_INTEGER),
    label: row.label === null ? null : JSON.stringify(row.label),
    candidate:
      row.label !== null &&
      (row.labelMethod === 'gold' ||
        row.labelMethod === 'review' ||
        confidence >= params.candidateConfidence),
  };
}

/**
 * Attribution rule v2 over a version's rows (see `valueRows`): each row's measured value, its
 * weight blended with quality, and the Merkle trees of features, neighbour lists and values whose
 * roots the manifest commits to.
 */
export async function attributeV2(
  rows: readonly DatasetRow[],
  beacon: Hex,
  params: RuleV2Params,
): Promise<AttributionV2> {
  const input = rows.map((row) => toValuationRow(row, params));
  const valuation = valueRows(input, beacon, params);
  const weights = blendWeights(
    rows.map((row, i) => ({
      quality: row.quality,
      tokens: valuation.features.tokens[i] as number,
      value: valuation.values[i] as number,
      nearCopy: valuation.nearCopies[i] !== null,
    })),
    params.valueWeight,
  );
  const values = valueLines(valuation, weights);
  const neighbours = neighbourLines(valuation);
  const [features, neighbourTree, valueTree] = await Promise.all([
    buildRowsTree(featureLines(valuation)),
    buildRowsTree(neighbours),
    buildRowsTree(values),
  ]);
  const judged = valuation.validation.filter((v) => !v.dropped);
  return {
    valuation,
    weights,
    values,
    neighbours,
    trees: { features, neighbours: neighbourTree, values: valueTree },
    summary: {
      rows: rows.length,
      labelled: input.filter((r) => r.label !== null).length,
      nearCopies: valuation.nearCopies.filter((c) => c !== null).length,
      review: valuation.raw.filter((x, i) => x < 0 && valuation.nearCopies[i] === null).length,
      candidates: input.filter((r, i) => r.candidate && valuation.nearCopies[i] === null).length,
      validation: judged.length,
      dropped: valuation.validation.length - judged.length,
      knn: {
        correct: judged.filter((v) => v.predicted === v.label).length,
        total: judged.length,
      },
    },
  };
}
