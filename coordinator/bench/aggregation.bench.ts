import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { simulateLabelers } from '#testing/labelers/simulate-labelers.ts';
import { aggregateClassification } from '../src/labeling/aggregate/aggregate-classification.ts';
import { dawidSkene } from '../src/labeling/aggregate/dawid-skene.ts';
import type { ClassificationAnnotation } from '../src/labeling/aggregate/types.ts';
import {
  anchoredOnPrelabel,
  copyingLabelers,
  difficultItems,
  type Scenario,
} from './aggregation-scenarios.ts';
import { vaderCrowd } from './aggregation-vader.ts';

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

const round4 = (value: number) => Number(value.toFixed(4));

/** Dawid–Skene (as the coordinator picks it) against majority vote on one campaign. */
function compare(
  name: string,
  scenario: Scenario,
  kind: NonNullable<BenchFigure['kind']>,
): BenchFigure {
  const ds = aggregateClassification(scenario.annotations, { classes: CLASSES });
  const majority = aggregateClassification(scenario.annotations, {
    classes: CLASSES,
    minItems: Number.POSITIVE_INFINITY,
  });
  const dsAccuracy = itemAccuracy(ds.items, scenario.truth);
  const mvAccuracy = itemAccuracy(majority.items, scenario.truth);
  console.log(
    `  ${name}: ${ds.method} ${dsAccuracy.toFixed(4)}, majority vote ${mvAccuracy.toFixed(4)}`,
  );
  return {
    name: `aggregation.${name}.ds_item_accuracy`,
    value: round4(dsAccuracy),
    unit: 'ratio',
    better: 'higher',
    kind,
    baseline: { name: 'majority vote', value: round4(mvAccuracy) },
  };
}

/** Dawid–Skene with one pooled confusion matrix (raters without identities) against majority. */
async function vaderFigure(): Promise<BenchFigure> {
  const vader = await vaderCrowd();
  const pooled: ClassificationAnnotation[] = vader.annotations.map((a) => ({
    ...a,
    labeler: 'crowd',
  }));
  const ds = dawidSkene(pooled, { classes: CLASSES });
  const dsItems = [...ds.posteriors].map(([item, posterior]) => ({
    item,
    value: posterior.indexOf(Math.max(...posterior)),
  }));
  const majority = aggregateClassification(vader.annotations, {
    classes: CLASSES,
    minItems: Number.POSITIVE_INFINITY,
  });
  const dsAccuracy = itemAccuracy(dsItems, vader.truth);
  const mvAccuracy = itemAccuracy(majority.items, vader.truth);
  console.log(
    `  real.vader: ${vader.truth.size} of ${vader.tokens} tokens (panel ties left out), ` +
      `Dawid–Skene (pooled) ${dsAccuracy.toFixed(4)}, majority vote ${mvAccuracy.toFixed(4)}`,
  );
  return {
    name: 'aggregation.real.vader.ds_item_accuracy',
    value: round4(dsAccuracy),
    unit: 'ratio',
    better: 'higher',
    kind: 'measured',
    baseline: { name: 'majority vote', value: round4(mvAccuracy) },
  };
}

/**
 * Label aggregation, Dawid–Skene against majority vote (3 classes, 3 labels an item):
 * - `simulated`, Dawid–Skene's own model: 2,000 items labeled by 3 of 5 labelers with accuracies
 *   0.95, 0.9, 0.85, 0.55 and 0.45, wrong answers uniform over the other classes; how far its
 *   estimate of each labeler's accuracy is from the truth (worst labeler), its item accuracy, and
 *   its time on the 2,000 items (best of 10 rounds, after a warm-up; `measured`);
 * - `simulated`, errors Dawid–Skene does not assume (`aggregation-scenarios.ts`): item difficulty
 *   with shared look-alike errors, weak labelers copying each other, anchoring on a pre-label;
 * - `measured`, real crowd labels: the VADER lexicon's raw ratings (`aggregation-vader.ts`), truth
 *   from the held-out raters of each token.
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

  const model = compare('ds_model', { annotations, truth }, 'simulated');
  return [
    {
      name: 'aggregation.ds_max_accuracy_error',
      value: round4(maxError),
      unit: 'abs',
      better: 'lower',
      kind: 'simulated',
      target: { op: '<=', value: 0.05 },
    },
    { ...model, name: 'aggregation.ds_item_accuracy' },
    compare('difficulty', difficultItems(), 'simulated'),
    compare('copying', copyingLabelers(), 'simulated'),
    compare('prelabel_anchoring', anchoredOnPrelabel(), 'simulated'),
    await vaderFigure(),
    {
      name: 'aggregation.ds_seconds_2000_items',
      value: Number((best / 1000).toFixed(4)),
      unit: 's',
      better: 'lower',
      kind: 'measured',
    },
  ];
};
