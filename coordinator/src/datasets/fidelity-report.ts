import { modelInput } from '@plaza/protocol';
import { campaignModelAccuracy, type Example } from '../attribution/v2/campaign-model-check.ts';
import type { RuleV2Params } from '../attribution/v2/params.ts';
import { loadTf } from '../prelabel/load-tf.ts';
import type { AttributionV2 } from './attribute-v2.ts';
import type { DatasetRow } from './dataset-row.ts';

/** At most this many rows of a fold train each fidelity model (the first, in row order). */
const MAX_TRAIN = 5_000;
/** The share of top-valued (or random) training rows left out by the retrain check. */
const LEAVE_OUT = 0.1;

/** `fidelity.json`: how far the valuation's KNN stands from the campaign model, in public. */
export interface FidelityReport {
  kind: 'in-sample';
  note: string;
  validationRows: number;
  /** The valuation's KNN (K nearest of the other fold) on the validation rows. */
  knnAccuracy: number;
  /** The campaign model trained on the other fold's labelled rows, on the validation rows. */
  modelAccuracy: number;
  trainRows: number;
  /** Retrained without the top-valued 10 % of its training rows, and without a random 10 %. */
  withoutTopValued: number;
  withoutRandom: number;
}

/**
 * The fidelity report of a version valued under rule v2, fold against fold as the valuation itself:
 * the accuracy on the validation rows of the valuation's KNN and of the campaign model trained on
 * the other fold's labelled rows (near-copies left out, at most 5,000 a fold), and a retrain check:
 * the campaign model without the top-valued tenth of those rows against without a random tenth.
 * Floating point (tfjs): informative, committed by its sha256, not part of the recomputed values.
 * Null when there is nothing to check it on.
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
  const judged = valuation.validation.filter((v) => !v.dropped);
  const usable = rows
    .map((_, i) => i)
    .filter((i) => rows[i]?.label !== null && valuation.nearCopies[i] === null);
  if (judged.length === 0 || new Set(usable.map((i) => JSON.stringify(rows[i]?.label))).size < 2) {
    return null;
  }
  const tf = await loadTf();
  const byValue = (a: number, b: number) =>
    (valuation.values[b] as number) - (valuation.values[a] as number) || a - b;
  // A random tenth, in the order of the beacon's hashes (folds use their last byte).
  const byChance = (a: number, b: number) =>
    (valuation.ranks[a] as string) < (valuation.ranks[b] as string) ? -1 : 1;
  const totals = { model: 0, top: 0, random: 0, train: 0 };
  for (const fold of [0, 1]) {
    const test = judged.filter((v) => v.fold === fold).map((v) => example(v.row));
    const train = usable.filter((i) => valuation.folds[i] !== fold).slice(0, MAX_TRAIN);
    if (test.length === 0 || train.length === 0) continue;
    const cut = Math.floor(train.length * LEAVE_OUT);
    const accuracy = async (indexes: number[]) =>
      (await campaignModelAccuracy(tf, indexes.map(example), test)) * test.length;
    totals.model += await accuracy(train);
    totals.top += await accuracy([...train].sort(byValue).slice(cut));
    totals.random += await accuracy([...train].sort(byChance).slice(cut));
    totals.train += train.length;
  }
  return {
    kind: 'in-sample',
    note: 'Informative: floating point (tfjs), committed by its sha256, not recomputed by plaza verify.',
    validationRows: judged.length,
    knnAccuracy: summary.knn.total === 0 ? 0 : summary.knn.correct / summary.knn.total,
    modelAccuracy: totals.model / judged.length,
    trainRows: totals.train,
    withoutTopValued: totals.top / judged.length,
    withoutRandom: totals.random / judged.length,
  };
}
