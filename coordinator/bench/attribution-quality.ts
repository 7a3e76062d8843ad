import type { BenchFigure } from '@plaza/test-kit/bench';
import { campaignModelAccuracy } from '../src/attribution/v2/campaign-model-check.ts';
import { type Valuation, valueRows } from '../src/attribution/v2/value-rows.ts';
import { loadTf } from '../src/prelabel/load-tf.ts';
import { aucLow, benchBeacon, benchParams, scenario, seeded } from './attribution-scenario.ts';

/**
 * The plain KNN leave-one-out baseline from the same neighbour lists: removing row i from a
 * validation row's K nearest lets the (K+1)-th in, so LOO_i = Σ_v (c_i − c_{K+1}) / K over the
 * validation rows that have i among their K nearest.
 */
function knnLeaveOneOut(valuation: Valuation, rows: number, k: number): number[] {
  const loo = new Array<number>(rows).fill(0);
  for (const v of valuation.validation) {
    if (v.dropped) continue;
    const next = v.matches[k] ?? 0;
    v.rows.slice(0, k).forEach((r, i) => {
      loo[r] = (loo[r] as number) + ((v.matches[i] as number) - next);
    });
  }
  return loo;
}

/** Mislabel AUC of rule v2 and of the KNN leave-one-out baseline, labels flipped on `noise`. */
export async function mislabelFigures(noise: number): Promise<BenchFigure[]> {
  const s = await scenario(noise);
  const valuation = valueRows(s.rows, benchBeacon, benchParams);
  const keep = (i: number) => valuation.nearCopies[i] === null;
  const auc = aucLow(valuation.raw, s.flipped, keep);
  const loo = aucLow(knnLeaveOneOut(valuation, s.rows.length, benchParams.k), s.flipped, keep);
  const pct = Math.round(noise * 100);
  const baseline = `attribution.knn_loo_mislabel_auc_${pct}`;
  return [
    { name: baseline, value: loo, unit: 'AUC', better: 'higher', kind: 'measured' },
    {
      name: `attribution.mislabel_auc_${pct}`,
      value: auc,
      unit: 'AUC',
      better: 'higher',
      kind: 'measured',
      baseline: { name: baseline, value: loo },
      target: { op: '>=', value: 0.97 },
    },
  ];
}

/**
 * The campaign model retrained on the version without its top-valued half, and without a random
 * half (the baseline), with 20 % of labels flipped; accuracy on the held-out test set.
 */
export async function removeHalfFigures(): Promise<BenchFigure[]> {
  const s = await scenario(0.2);
  const valuation = valueRows(s.rows, benchBeacon, benchParams);
  const order = s.rows
    .map((_, i) => i)
    .sort((a, b) => (valuation.values[b] as number) - (valuation.values[a] as number) || a - b);
  const half = Math.floor(s.rows.length / 2);
  const rand = seeded(99);
  const shuffled = s.rows
    .map((_, i) => [rand(), i] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, i]) => i);
  const tf = await loadTf();
  const train = (drop: readonly number[]) => {
    const gone = new Set(drop);
    return s.rows
      .filter((_, i) => !gone.has(i))
      .map((r) => ({ text: r.text, label: r.label as string }));
  };
  const top = await campaignModelAccuracy(tf, train(order.slice(0, half)), s.test);
  const random = await campaignModelAccuracy(tf, train(shuffled.slice(0, half)), s.test);
  return [
    {
      name: 'attribution.remove_random_half_accuracy',
      value: random,
      unit: 'accuracy',
      better: 'higher',
      kind: 'measured',
    },
    {
      name: 'attribution.remove_top_half_accuracy',
      value: top,
      unit: 'accuracy',
      better: 'lower',
      kind: 'measured',
      baseline: { name: 'attribution.remove_random_half_accuracy', value: random },
    },
  ];
}
