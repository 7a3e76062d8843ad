/** Accuracy and macro-F1 of predictions against the truth. */
export interface Evaluation {
  accuracy: number;
  /** Mean F1 over the classes that occur in the truth or the predictions. */
  macroF1: number;
}

/**
 * Accuracy and macro-F1 of class predictions. Macro-F1 averages per-class F1 over every class
 * that appears in the truth or the predictions, so always answering the majority class scores
 * poorly on it.
 *
 * @example
 * evaluatePredictions([0, 1, 1], [0, 1, 0]); // { accuracy: 0.667, macroF1: 0.667 }
 */
export function evaluatePredictions(
  predicted: readonly number[],
  truth: readonly number[],
): Evaluation {
  if (predicted.length !== truth.length) {
    throw new Error(`${predicted.length} predictions for ${truth.length} answers.`);
  }
  if (truth.length === 0) return { accuracy: 0, macroF1: 0 };
  const classes = new Set([...predicted, ...truth]);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) correct++;
  let f1Sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (predicted[i] === c && truth[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (truth[i] === c) fn++;
    }
    f1Sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return { accuracy: correct / truth.length, macroF1: f1Sum / classes.size };
}
