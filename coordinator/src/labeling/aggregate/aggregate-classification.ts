import { assertClassLabels } from './assert-class-labels.ts';
import { dawidSkene } from './dawid-skene.ts';
import { majorityVote } from './majority-vote.ts';
import type { AggregationMethod, ClassificationAnnotation } from './types.ts';

/** Options of {@link aggregateClassification}. */
export interface AggregateClassificationOptions {
  /** The number of classes; labels are indexes in `[0, classes)`. */
  classes: number;
  /**
   * A labeler needs this many labels to get a confusion matrix of their own; labelers with fewer
   * share one pooled matrix.
   * @default 5
   */
  minLabelsPerLabeler?: number;
  /**
   * Dawid–Skene runs only when at least this many items have two or more labels from labelers
   * who have `minLabelsPerLabeler` labels; otherwise majority vote.
   * @default 20
   */
  minItems?: number;
}

/** One item's aggregate label. */
export interface ClassificationItemResult {
  item: string;
  /** The chosen class: the most probable, ties to the lowest index. */
  value: number;
  /** The posterior probability of `value`. */
  confidence: number;
  /** Probability of each class. */
  posteriors: number[];
  method: AggregationMethod;
}

/** One annotation with the probability that its label is the item's true class. */
export interface ClassificationAnnotationResult extends ClassificationAnnotation {
  /** The item's posterior of this annotation's label; attribution pays in proportion to it. */
  posterior: number;
}

/** The result of {@link aggregateClassification}. */
export interface AggregateClassificationResult {
  /** The method used for every item. */
  method: AggregationMethod;
  /** Why that method: the data counts behind the choice, or why EM was not trusted. */
  reason: string;
  /** Items in order of first annotation. */
  items: ClassificationItemResult[];
  /** The annotations in input order, each with its posterior. */
  annotations: ClassificationAnnotationResult[];
  /** Per labeler, the mean posterior of their annotations: their expected share of right labels. */
  labelerAccuracy: Map<string, number>;
  /** Labelers under `minLabelsPerLabeler` labels: they share one confusion matrix when EM runs. */
  pooledLabelers: Set<string>;
  /** EM diagnostics when Dawid–Skene was used, else `null`. */
  em: { iterations: number; converged: boolean } | null;
}

const POOL_ID = '\u0000pooled';

/**
 * Aggregates classification labels into one value per item and a posterior per annotation.
 * Dawid–Skene when the data can support per-labeler confusion matrices (at least `minItems` items
 * with two or more labels from labelers holding `minLabelsPerLabeler` labels; labelers below that
 * are pooled into one shared matrix, so a newcomer neither blocks EM nor gets an overfit matrix),
 * otherwise majority vote, which is also the fallback when EM gives a non-finite number. Under
 * majority vote a posterior is a vote fraction, so a lone label has posterior 1. Throws an
 * `AggregationInputError` on a label outside `[0, classes)`.
 *
 * @example
 * const { items, annotations } = aggregateClassification(labels, { classes: 3 });
 */
export function aggregateClassification(
  annotations: readonly ClassificationAnnotation[],
  options: AggregateClassificationOptions,
): AggregateClassificationResult {
  const { classes, minLabelsPerLabeler = 5, minItems = 20 } = options;
  assertClassLabels(annotations, classes);

  const labelsPerLabeler = new Map<string, number>();
  for (const { labeler } of annotations) {
    labelsPerLabeler.set(labeler, (labelsPerLabeler.get(labeler) ?? 0) + 1);
  }
  const pooledLabelers = new Set<string>();
  for (const [labeler, count] of labelsPerLabeler) {
    if (count < minLabelsPerLabeler) pooledLabelers.add(labeler);
  }
  const eligibleLabelsPerItem = new Map<string, number>();
  for (const { item, labeler } of annotations) {
    if (pooledLabelers.has(labeler)) continue;
    eligibleLabelsPerItem.set(item, (eligibleLabelsPerItem.get(item) ?? 0) + 1);
  }
  let pairedItems = 0;
  for (const count of eligibleLabelsPerItem.values()) if (count >= 2) pairedItems++;

  let method: AggregationMethod = 'majority';
  const minLabels = minLabelsPerLabeler;
  const paired = `${pairedItems} items have 2+ labels from labelers with ${minLabels}+ labels`;
  let reason = `${paired}, fewer than ${minItems}.`;
  let posteriors: Map<string, number[]> | undefined;
  let em: AggregateClassificationResult['em'] = null;
  if (pairedItems >= minItems && annotations.length > 0) {
    let pool = POOL_ID;
    while (labelsPerLabeler.has(pool)) pool += '\u0000';
    const input = annotations.map(({ item, labeler, label }) => ({
      item,
      labeler: pooledLabelers.has(labeler) ? pool : labeler,
      label,
    }));
    const result = dawidSkene(input, { classes });
    const finite = [...result.posteriors.values()].every((row) => row.every(Number.isFinite));
    if (finite) {
      method = 'dawid-skene';
      reason = `${paired} (≥ ${minItems}).`;
      posteriors = result.posteriors;
      em = { iterations: result.iterations, converged: result.converged };
    } else {
      reason = 'Dawid–Skene gave non-finite posteriors.';
    }
  }
  posteriors ??= majorityVote(annotations, { classes }).posteriors;

  const items: ClassificationItemResult[] = [];
  for (const [item, row] of posteriors) {
    let value = 0;
    for (let k = 1; k < classes; k++) if (row[k]! > row[value]!) value = k;
    items.push({ item, value, confidence: row[value]!, posteriors: row, method });
  }

  const sums = new Map<string, number>();
  const annotationResults = annotations.map(({ item, labeler, label }) => {
    const posterior = posteriors.get(item)![label]!;
    sums.set(labeler, (sums.get(labeler) ?? 0) + posterior);
    return { item, labeler, label, posterior };
  });
  const labelerAccuracy = new Map<string, number>();
  for (const [labeler, sum] of sums) {
    labelerAccuracy.set(labeler, sum / labelsPerLabeler.get(labeler)!);
  }

  return {
    method,
    reason,
    items,
    annotations: annotationResults,
    labelerAccuracy,
    pooledLabelers,
    em,
  };
}
