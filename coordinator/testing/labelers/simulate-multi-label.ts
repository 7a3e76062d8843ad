import { seededRandom } from '@plaza/test-kit/random';
import { sampleDistinct } from '../../src/labeling/aggregate/sample-distinct.ts';
import type { MultiLabelAnnotation } from '../../src/labeling/aggregate/types.ts';

/** Options of {@link simulateMultiLabel}. */
export interface SimulateMultiLabelOptions {
  /** @default 1000 */
  items?: number;
  /** @default 4 */
  classes?: number;
  /** Each labeler's probability of getting each class's tick right; one labeler per entry. */
  accuracies: readonly number[];
  /**
   * Labelers per item, drawn at random without repeats.
   * @default 3
   */
  overlap?: number;
  /**
   * The probability that a class applies to an item.
   * @default 0.3
   */
  tickRate?: number;
  /** @default 1 */
  seed?: number;
}

/** A simulated multi-label campaign with its ground truth. */
export interface SimulatedMultiLabels {
  annotations: MultiLabelAnnotation[];
  /** The true classes of each item, ascending. */
  truth: Map<string, number[]>;
}

/**
 * Simulates multi-label labelers of known per-class accuracy, for tests and benchmarks: each
 * class applies to an item with probability `tickRate`, and each of the item's `overlap` labelers
 * (drawn at random) gets each class's tick right with probability `accuracies[j]`, flipping it
 * otherwise. Seeded, so every run gives the same campaign.
 */
export function simulateMultiLabel(options: SimulateMultiLabelOptions): SimulatedMultiLabels {
  const { items = 1000, classes = 4, accuracies, overlap = 3, tickRate = 0.3, seed = 1 } = options;
  const random = seededRandom(seed);
  const annotations: MultiLabelAnnotation[] = [];
  const truth = new Map<string, number[]>();
  for (let i = 0; i < items; i++) {
    const item = `item-${i}`;
    const applies = Array.from({ length: classes }, () => random() < tickRate);
    truth.set(
      item,
      applies.flatMap((on, c) => (on ? [c] : [])),
    );
    for (const j of sampleDistinct(random, accuracies.length, overlap)) {
      const labels: number[] = [];
      applies.forEach((on, c) => {
        const right = random() < accuracies[j]!;
        if (on === right) labels.push(c);
      });
      annotations.push({ item, labeler: `labeler-${j}`, labels });
    }
  }
  return { annotations, truth };
}
