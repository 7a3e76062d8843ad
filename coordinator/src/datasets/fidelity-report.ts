import { modelInput } from '@plaza/protocol';
import { campaignModelAccuracy, type Example } from '../attribution/v2/campaign-model-check.ts';
import type { RuleV2Params } from '../attribution/v2/params.ts';
import { loadTf } from '../prelabel/load-tf.ts';
import type { AttributionV2 } from './attribute-v2.ts';
import type { DatasetRow } from './dataset-row.ts';

/** At most this many rows train each fidelity model (the first, in row order). */
const MAX_TRAIN = 20_000;
/** The share of top-valued (or random) training rows left out by the retrain check. */
const LEAVE_OUT = 0.1;

/** `fidelity.json`: how far the valuation's KNN stands from the campaign model, in public. */
export interface FidelityReport {
  kind: 'in-sample';
  note: string;
  validationRows: number;
  /** The valuation's KNN (K nearest of the other fold) on the validation rows. */
  knnAccuracy: number;
  /** The campaign model trained on the other labelled rows, on the validation rows. */
  modelAccuracy: number;
  trainRows: number;
  /** Retrained without the top-valued 10 % of its training rows, and without a random 10 %. */
  withoutTopValued: number;
  withoutRandom: number;
}

/**
 * The fidelity report of a version valued under rule v2: the accuracy on the validation rows of
 * the valuation's KNN and of the campaign model (trained on every other labelled row that is not a
 * near-copy), and a retrain check: the campaign model without the top-valued tenth of its rows
 * against without a random tenth. Floating point (tfjs): informative, committed by its sha256,
 * not part of the recomputed values. Null when there is nothing to check it on.
 */
export async function fidelityReport(
  rows: readonly DatasetRow[],
  v2: AttributionV2,
  params: RuleV2Params,
): Promise<FidelityReport | null> {
  const { valuation, summary } = v2;
  const example = (i: number): Example => {
    const row = rows[i] as DatasetRow;
    return {
      text: modelInput({ title: row.title, text: row.text }, params.features.maxChars),
      label: JSON.stringify(row.label),
    };
  };
  const judged = valuation.validation.filter((v) => !v.dropped).map((v) => v.row);
  const isValidation = new Set(valuation.validation.map((v) => v.row));
  const train = rows
    .map((_, i) => i)
    .filter(
      (i) => rows[i]?.label !== null && valuation.nearCopies[i] === null && !isValidation.has(i),
    )
    .slice(0, MAX_TRAIN);
  const labels = new Set(train.map((i) => JSON.stringify(rows[i]?.label)));
  if (judged.length === 0 || labels.size < 2) return null;
  const tf = await loadTf();
  const test = judged.map(example);
  const accuracy = (indexes: number[]) => campaignModelAccuracy(tf, indexes.map(example), test);
  const cut = Math.floor(train.length * LEAVE_OUT);
  const byValue = [...train].sort(
    (a, b) => (valuation.values[b] as number) - (valuation.values[a] as number) || a - b,
  );
  // A random tenth, drawn from the beacon's ranks (folds use their last byte; this their order).
  const byChance = [...train].sort((a, b) =>
    (valuation.ranks[a] ?? '') < (valuation.ranks[b] ?? '') ? -1 : 1,
  );
  return {
    kind: 'in-sample',
    note: 'Informative: floating point (tfjs), committed by its sha256, not recomputed by plaza verify.',
    validationRows: judged.length,
    knnAccuracy: summary.knn.total === 0 ? 0 : summary.knn.correct / summary.knn.total,
    modelAccuracy: await accuracy(train),
    trainRows: train.length,
    withoutTopValued: await accuracy(byValue.slice(cut)),
    withoutRandom: await accuracy(byChance.slice(cut)),
  };
}
