import { AggregationInputError } from './aggregation-input-error.ts';
import type { ClassificationAnnotation } from './types.ts';

/**
 * Checks a classification input before aggregation: `classes` is an integer ≥ 2 and every label
 * an integer class index in `[0, classes)`. Throws an `AggregationInputError` naming the first
 * offending value, since a stray label would otherwise silently skew every estimate.
 */
export function assertClassLabels(
  annotations: readonly ClassificationAnnotation[],
  classes: number,
): void {
  if (!Number.isInteger(classes) || classes < 2) {
    throw new AggregationInputError(`classes must be an integer of at least 2, got ${classes}.`);
  }
  for (const { item, labeler, label } of annotations) {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new AggregationInputError(
        `Label ${label} of labeler ${labeler} on item ${item} is not a class index ` +
          `in [0, ${classes}).`,
        { item, labeler, label },
      );
    }
  }
}
