import { seededRandom } from '@plaza/test-kit/random';
import { sampleDistinct } from '../../src/labeling/aggregate/sample-distinct.ts';
import type { ClassificationAnnotation } from '../../src/labeling/aggregate/types.ts';

/** Options of {@link simulateLabelers}. */
export interface SimulateLabelersOptions {
  /** @default 2000 */
  items?: number;
  /** @default 3 */
  classes?: number;
  /** Each labeler's probability of giving the true class; one labeler per entry. */
  accuracies: readonly number[];
  /**
   * Labelers per item, drawn at random without repeats.
   * @default 3
   */
  overlap?: number;
  /** @default 1 */
  seed?: number;
}

/** A simulated classification campaign with its ground truth. */
export interface SimulatedLabels {
  annotations: ClassificationAnnotation[];
  /** The true class of each item. */
  truth: Map<string, number>;
  /** The true accuracy of each labeler. */
  accuracies: Map<string, number>;
}

/**
 * Simulates labelers of known accuracy, for tests and benchmarks: items `item-<i>` whose true
 * class is `i % classes` (balanced), each labeled by `overlap` distinct labelers `labeler-<j>`
 * drawn at random; labeler j gives the true class with probability `accuracies[j]`, otherwise a
 * class drawn uniformly from the others. Seeded, so every run gives the same campaign.
 *
 * @example
 * const { annotations, truth } = simulateLabelers({ accuracies: [0.95, 0.9, 0.85, 0.55, 0.45] });
 */
export function simulateLabelers(options: SimulateLabelersOptions): SimulatedLabels {
  const { items = 2000, classes = 3, accuracies, overlap = 3, seed = 1 } = options;
  const random = seededRandom(seed);
  const labelers = accuracies.map((_, j) => `labeler-${j}`);
  const annotations: ClassificationAnnotation[] = [];
  const truth = new Map<string, number>();
  for (let i = 0; i < items; i++) {
    const item = `item-${i}`;
    const trueClass = i % classes;
    truth.set(item, trueClass);
    for (const j of sampleDistinct(random, labelers.length, overlap)) {
      let label = trueClass;
      if (random() >= accuracies[j]!) {
        // Uniform over the other classes: skip the true one.
        label = Math.floor(random() * (classes - 1));
        if (label >= trueClass) label++;
      }
      annotations.push({ item, labeler: labelers[j]!, label });
    }
  }
  return {
    annotations,
    truth,
    accuracies: new Map(labelers.map((labeler, j) => [labeler, accuracies[j]!])),
  };
}
