import { assertClassLabels } from './assert-class-labels.ts';
import type { ClassificationAnnotation } from './types.ts';

/** Options of {@link majorityVote}. */
export interface MajorityVoteOptions {
  /** The number of classes; labels are indexes in `[0, classes)`. */
  classes: number;
}

/** The result of {@link majorityVote}. */
export interface MajorityVoteResult {
  /** Per item, the fraction of its labels that chose each class (sums to 1). */
  posteriors: Map<string, number[]>;
  /** Per item, the most voted class; a tie goes to the lowest class index. */
  values: Map<string, number>;
  /** The items whose most voted class was tied, so `values` broke the tie. */
  ties: Set<string>;
}

/**
 * Majority vote: each item's posterior is its labels' vote fractions, and its value the most voted
 * class, ties going deterministically to the lowest class index and reported in `ties`. Items come
 * in the order of their first annotation. Throws an `AggregationInputError` on a label outside
 * `[0, classes)`.
 *
 * @example
 * majorityVote([{ item: 'a', labeler: 'x', label: 1 }], { classes: 2 }).values.get('a'); // 1
 */
export function majorityVote(
  annotations: readonly ClassificationAnnotation[],
  { classes }: MajorityVoteOptions,
): MajorityVoteResult {
  assertClassLabels(annotations, classes);
  const counts = new Map<string, number[]>();
  for (const { item, label } of annotations) {
    let row = counts.get(item);
    if (row === undefined) {
      row = new Array<number>(classes).fill(0);
      counts.set(item, row);
    }
    row[label]! += 1;
  }

  const posteriors = new Map<string, number[]>();
  const values = new Map<string, number>();
  const ties = new Set<string>();
  for (const [item, row] of counts) {
    let total = 0;
    let best = 0;
    let tied = false;
    for (let k = 0; k < classes; k++) {
      total += row[k]!;
      if (row[k]! > row[best]!) {
        best = k;
        tied = false;
      } else if (k !== best && row[k] === row[best]) {
        tied = true;
      }
    }
    posteriors.set(
      item,
      row.map((count) => count / total),
    );
    values.set(item, best);
    if (tied) ties.add(item);
  }
  return { posteriors, values, ties };
}
