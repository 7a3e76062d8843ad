import { aggregateClassification } from './aggregate-classification.ts';
import { AggregationInputError } from './aggregation-input-error.ts';
import type { AggregationMethod, ClassificationAnnotation, MultiLabelAnnotation } from './types.ts';

/** Options of {@link aggregateMultiLabel}. */
export interface AggregateMultiLabelOptions {
  /** The number of classes; ticked labels are indexes in `[0, classes)`. */
  classes: number;
  /**
   * Passed to each per-class {@link aggregateClassification}.
   * @default 5
   */
  minLabelsPerLabeler?: number;
  /**
   * Passed to each per-class {@link aggregateClassification}.
   * @default 20
   */
  minItems?: number;
}

/** One multi-label item's aggregate. */
export interface MultiLabelItemResult {
  item: string;
  /** The classes whose posterior of "ticked" is above 0.5, ascending. */
  value: number[];
  /** The least sure class decision: the minimum over classes of max(p, 1 − p). */
  confidence: number;
  /** Per class, the posterior probability that it applies. */
  posteriors: number[];
  /** `dawid-skene` when every class was decided by it, else `majority`. */
  method: AggregationMethod;
}

/** One multi-label annotation with its posterior. */
export interface MultiLabelAnnotationResult extends MultiLabelAnnotation {
  /** The mean over classes of the probability that this labeler's tick (or not) of it is right. */
  posterior: number;
}

/** The result of {@link aggregateMultiLabel}. */
export interface AggregateMultiLabelResult {
  /** Items in order of first annotation. */
  items: MultiLabelItemResult[];
  /** The annotations in input order, each with its posterior. */
  annotations: MultiLabelAnnotationResult[];
  /** Per labeler, the mean over classes of their per-class expected accuracy. */
  labelerAccuracy: Map<string, number>;
  /** The method of each class's binary problem. */
  classMethods: AggregationMethod[];
}

/**
 * Aggregates multi-label annotations (each a set of ticked classes, possibly empty) one class at a
 * time: for each class c the binary question "did the labeler tick c?" goes through
 * {@link aggregateClassification} with 2 classes, so Dawid–Skene learns each labeler's
 * false-tick and missed-tick rates per class. An item's value is the classes with posterior
 * above 0.5. Throws an `AggregationInputError` on a class outside `[0, classes)`.
 *
 * @example
 * const { items } = aggregateMultiLabel(annotations, { classes: 5 });
 */
export function aggregateMultiLabel(
  annotations: readonly MultiLabelAnnotation[],
  options: AggregateMultiLabelOptions,
): AggregateMultiLabelResult {
  const { classes } = options;
  if (!Number.isInteger(classes) || classes < 1) {
    throw new AggregationInputError(`classes must be an integer of at least 1, got ${classes}.`);
  }
  const ticked = annotations.map(({ item, labeler, labels }) => {
    const set = new Set<number>();
    for (const label of labels) {
      if (!Number.isInteger(label) || label < 0 || label >= classes) {
        throw new AggregationInputError(
          `Label ${label} of labeler ${labeler} on item ${item} is not a class index ` +
            `in [0, ${classes}).`,
          { item, labeler, label },
        );
      }
      set.add(label);
    }
    return set;
  });

  const itemPosteriors = new Map<string, number[]>();
  const itemMethods = new Map<string, AggregationMethod>();
  const annotationSums = new Float64Array(annotations.length);
  const accuracySums = new Map<string, number>();
  const classMethods: AggregationMethod[] = [];
  for (let c = 0; c < classes; c++) {
    const binary: ClassificationAnnotation[] = annotations.map(({ item, labeler }, a) => ({
      item,
      labeler,
      label: ticked[a]!.has(c) ? 1 : 0,
    }));
    const result = aggregateClassification(binary, {
      classes: 2,
      ...(options.minLabelsPerLabeler === undefined
        ? {}
        : { minLabelsPerLabeler: options.minLabelsPerLabeler }),
      ...(options.minItems === undefined ? {} : { minItems: options.minItems }),
    });
    classMethods.push(result.method);
    for (const { item, posteriors, method } of result.items) {
      let row = itemPosteriors.get(item);
      if (row === undefined) {
        row = [];
        itemPosteriors.set(item, row);
      }
      row.push(posteriors[1]!);
      if (method === 'majority' || !itemMethods.has(item)) itemMethods.set(item, method);
    }
    result.annotations.forEach(({ posterior }, a) => {
      annotationSums[a]! += posterior;
    });
    for (const [labeler, accuracy] of result.labelerAccuracy) {
      accuracySums.set(labeler, (accuracySums.get(labeler) ?? 0) + accuracy);
    }
  }

  const items: MultiLabelItemResult[] = [];
  for (const [item, posteriors] of itemPosteriors) {
    const value: number[] = [];
    let confidence = 1;
    posteriors.forEach((p, c) => {
      if (p > 0.5) value.push(c);
      confidence = Math.min(confidence, Math.max(p, 1 - p));
    });
    items.push({ item, value, confidence, posteriors, method: itemMethods.get(item)! });
  }
  const labelerAccuracy = new Map<string, number>();
  for (const [labeler, sum] of accuracySums) labelerAccuracy.set(labeler, sum / classes);

  return {
    items,
    annotations: annotations.map((annotation, a) => ({
      ...annotation,
      posterior: annotationSums[a]! / classes,
    })),
    labelerAccuracy,
    classMethods,
  };
}
