import type { BenchRun } from '@plaza/test-kit/bench';
import { aggregateClassification } from '../src/labeling/aggregate/aggregate-classification.ts';
import { dawidSkene } from '../src/labeling/aggregate/dawid-skene.ts';
import { simulateLabelers } from '../src/labeling/aggregate/simulate-labelers.ts';

/** Labeler accuracies of the simulation: three good labelers and two bad ones. */
const ACCURACIES = [0.95, 0.9, 0.85, 0.55, 0.45];
const ITEMS = 2000;
const CLASSES = 3;
const ROUNDS = 10;

/** The share of items whose aggregate value is their true class. */
function itemAccuracy(
  items: readonly { item: string; value: number }[],
  truth: ReadonlyMap<string, number>,
): number {
  return items.filter(({ item, value }) => truth.get(item) === value).length / items.length;
}

/**
 * Label aggregation on a seeded simulation: 2,000 items of 3 balanced classes, each labeled by 3
 * of 5 labelers with accuracies 0.95, 0.9, 0.85, 0.55 and 0.45 (a wrong answer uniform over the
 * other classes). Figures: how far Dawid–Skene's estimate of each labeler's accuracy is from the
 * truth (worst labeler), its item accuracy against majority vote's (ties to the lowest class), and
 * its time on the 2,000 items (best of 10 rounds, after a warm-up).
 */
export const run: BenchRun = async () => {
  const { annotations, truth, accuracies } = simulateLabelers({
    items: ITEMS,
    classes: CLASSES,
    accuracies: ACCURACIES,
    seed: 1,
  });

  const ds = aggregateClassification(annotations, { classes: CLASSES });
  if (ds.method !== 'dawid-skene') throw new Error(`Expected Dawid–Skene, got ${ds.reason}`);
  const majority = aggregateClassification(annotations, {
    classes: CLASSES,
    minItems: Number.POSITIVE_INFINITY,
  });
  let maxError = 0;
  for (const [labeler, accuracy] of accuracies) {
    const estimate = ds.labelerAccuracy.get(labeler)!;
    console.log(`  ${labeler}: true accuracy ${accuracy}, estimated ${estimate.toFixed(3)}`);
    maxError = Math.max(maxError, Math.abs(estimate - accuracy));
  }

  dawidSkene(annotations, { classes: CLASSES });
  let best = Number.POSITIVE_INFINITY;
  let iterations = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    iterations = dawidSkene(annotations, { classes: CLASSES }).iterations;
    best = Math.min(best, performance.now() - start);
  }
  console.log(`  Dawid–Skene: ${iterations} EM iterations, ${annotations.length} labels`);

  return [
    {
      name: 'aggregation.ds_max_accuracy_error',
      value: Number(maxError.toFixed(4)),
      unit: 'abs',
      better: 'lower',
      kind: 'simulated',
      target: { op: '<=', value: 0.05 },
    },
    {
      name: 'aggregation.ds_item_accuracy',
      value: Number(itemAccuracy(ds.items, truth).toFixed(4)),
      unit: 'ratio',
      better: 'higher',
      kind: 'simulated',
      baseline: {
        name: 'majority vote',
        value: Number(itemAccuracy(majority.items, truth).toFixed(4)),
      },
    },
    {
      name: 'aggregation.ds_seconds_2000_items',
      value: Number((best / 1000).toFixed(4)),
      unit: 's',
      better: 'lower',
      kind: 'measured',
    },
  ];
};
