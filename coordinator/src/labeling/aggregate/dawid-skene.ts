import { AggregationInputError } from './aggregation-input-error.ts';
import { assertClassLabels } from './assert-class-labels.ts';
import { type Model, runEm } from './dawid-skene-em.ts';
import type { ClassificationAnnotation } from './types.ts';

/** Options of {@link dawidSkene}. */
export interface DawidSkeneOptions {
  /** The number of classes; labels are indexes in `[0, classes)`. */
  classes: number;
  /**
   * The most EM iterations (an E-step and an M-step each).
   * @default 100
   */
  maxIterations?: number;
  /**
   * EM stops once an iteration changes the log-likelihood by at most this share of it.
   * @default 1e-6
   */
  tolerance?: number;
  /**
   * Dirichlet pseudo-count added to every cell of every confusion row (and to every class of the
   * prior), so that a labeler who never used a label does not get probability 0 for it.
   * @default 0.01
   */
  smoothing?: number;
}

/** The result of {@link dawidSkene}. */
export interface DawidSkeneResult {
  /** Per item (in order of first annotation), the probability of each true class. */
  posteriors: Map<string, number[]>;
  /** Per labeler, `confusion[true class][given label]`: each row sums to 1. */
  confusion: Map<string, number[][]>;
  /** The estimated share of each true class. */
  priors: number[];
  /**
   * Per labeler, the expected share of their labels that are right: the mean, over their
   * annotations, of the posterior of the label they gave. At convergence this equals
   * Σ_k p_k·confusion[k][k] with p the class mix of the items they labeled.
   */
  labelerAccuracy: Map<string, number>;
  /** EM iterations run. */
  iterations: number;
  /** Whether the log-likelihood settled within `tolerance` before `maxIterations`. */
  converged: boolean;
}

/**
 * Dawid–Skene (1979): EM over a full confusion matrix per labeler and a class prior, learning
 * each labeler's reliability without gold. Initialised from the soft majority vote (each item's
 * vote fractions), which keeps the classes from being permuted when labelers are mostly right.
 * The E-step works in log space and normalises per item with log-sum-exp, so many labels per item
 * never underflow. Deterministic: the same annotations in the same order give the same numbers.
 * Throws an `AggregationInputError` on a label outside `[0, classes)` or a negative option. With
 * `smoothing: 0` a class nobody chose can give non-finite numbers: check before use.
 *
 * @example
 * const { posteriors, labelerAccuracy } = dawidSkene(annotations, { classes: 3 });
 */
export function dawidSkene(
  annotations: readonly ClassificationAnnotation[],
  options: DawidSkeneOptions,
): DawidSkeneResult {
  const { classes: K, maxIterations = 100, tolerance = 1e-6, smoothing = 0.01 } = options;
  assertClassLabels(annotations, K);
  assertEmOptions(maxIterations, tolerance, smoothing);
  const indexed = indexAnnotations(annotations);
  const J = indexed.labelerIndex.size;
  const model: Model = {
    K,
    smoothing,
    itemOf: indexed.itemOf,
    labelerOf: indexed.labelerOf,
    labelOf: indexed.labelOf,
    conf: new Float64Array(J * K * K),
    logConf: new Float64Array(J * K * K),
    priors: new Float64Array(K),
    logPriors: new Float64Array(K),
  };
  const em = runEm(model, voteFractions(indexed, K), {
    items: indexed.itemIndex.size,
    maxIterations,
    tolerance,
  });
  return {
    posteriors: posteriorsByItem(indexed.itemIndex, em.T, K),
    confusion: confusionByLabeler(indexed.labelerIndex, model.conf, K),
    priors: Array.from(model.priors),
    labelerAccuracy: labelerAccuracies(indexed, em.T, K),
    iterations: em.iterations,
    converged: em.converged,
  };
}

function assertEmOptions(maxIterations: number, tolerance: number, smoothing: number): void {
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new AggregationInputError(`maxIterations must be an integer ≥ 0, got ${maxIterations}.`);
  }
  if (!(tolerance >= 0)) {
    throw new AggregationInputError(`tolerance must be ≥ 0, got ${tolerance}.`);
  }
  if (!(smoothing >= 0)) {
    throw new AggregationInputError(`smoothing must be ≥ 0, got ${smoothing}.`);
  }
}

/** Annotations as dense indexes: items and labelers in order of first appearance. */
interface IndexedAnnotations {
  itemIndex: Map<string, number>;
  labelerIndex: Map<string, number>;
  itemOf: Int32Array;
  labelerOf: Int32Array;
  labelOf: Int32Array;
}

function indexAnnotations(annotations: readonly ClassificationAnnotation[]): IndexedAnnotations {
  const itemIndex = new Map<string, number>();
  const labelerIndex = new Map<string, number>();
  const A = annotations.length;
  const itemOf = new Int32Array(A);
  const labelerOf = new Int32Array(A);
  const labelOf = new Int32Array(A);
  for (let a = 0; a < A; a++) {
    const { item, labeler, label } = annotations[a]!;
    let i = itemIndex.get(item);
    if (i === undefined) {
      i = itemIndex.size;
      itemIndex.set(item, i);
    }
    let j = labelerIndex.get(labeler);
    if (j === undefined) {
      j = labelerIndex.size;
      labelerIndex.set(labeler, j);
    }
    itemOf[a] = i;
    labelerOf[a] = j;
    labelOf[a] = label;
  }
  return { itemIndex, labelerIndex, itemOf, labelerOf, labelOf };
}

/** `T[i*K + k]`: each item's vote fractions, the posteriors EM starts from. */
function voteFractions(indexed: IndexedAnnotations, K: number): Float64Array {
  const { itemOf, labelOf } = indexed;
  const N = indexed.itemIndex.size;
  const T = new Float64Array(N * K);
  const votes = new Float64Array(N);
  for (let a = 0; a < itemOf.length; a++) {
    T[itemOf[a]! * K + labelOf[a]!]! += 1;
    votes[itemOf[a]!]! += 1;
  }
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < K; k++) T[i * K + k]! /= votes[i]!;
  }
  return T;
}

function posteriorsByItem(
  itemIndex: Map<string, number>,
  T: Float64Array,
  K: number,
): Map<string, number[]> {
  const posteriors = new Map<string, number[]>();
  for (const [item, i] of itemIndex) posteriors.set(item, Array.from(T.subarray(i * K, i * K + K)));
  return posteriors;
}

function confusionByLabeler(
  labelerIndex: Map<string, number>,
  conf: Float64Array,
  K: number,
): Map<string, number[][]> {
  const confusion = new Map<string, number[][]>();
  for (const [labeler, j] of labelerIndex) {
    confusion.set(
      labeler,
      Array.from({ length: K }, (_, k) =>
        Array.from(conf.subarray((j * K + k) * K, (j * K + k + 1) * K)),
      ),
    );
  }
  return confusion;
}

/** Per labeler, the mean posterior of the labels they gave. */
function labelerAccuracies(
  indexed: IndexedAnnotations,
  T: Float64Array,
  K: number,
): Map<string, number> {
  const { itemOf, labelerOf, labelOf, labelerIndex } = indexed;
  const J = labelerIndex.size;
  const rightSum = new Float64Array(J);
  const labelCount = new Float64Array(J);
  for (let a = 0; a < itemOf.length; a++) {
    rightSum[labelerOf[a]!]! += T[itemOf[a]! * K + labelOf[a]!]!;
    labelCount[labelerOf[a]!]! += 1;
  }
  const labelerAccuracy = new Map<string, number>();
  for (const [labeler, j] of labelerIndex) {
    labelerAccuracy.set(labeler, rightSum[j]! / labelCount[j]!);
  }
  return labelerAccuracy;
}
