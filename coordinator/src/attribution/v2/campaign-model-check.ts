import { defaultFeatureSpec, hashedFeatures, type SparseFeatures } from '@plaza/protocol';
import type { Tf } from '../../prelabel/load-tf.ts';
import { type ClassifierWeights, trainClassifier } from '../../prelabel/train-classifier.ts';

/** A labelled example for the campaign model: its model input and its class key. */
export interface Example {
  text: string;
  label: string;
}

/** The class with the highest logit for one sparse input (ties: the lower class). */
function predict(w: ClassifierWeights, x: SparseFeatures): number {
  const h = Float64Array.from(w.b1);
  for (let k = 0; k < x.indices.length; k++) {
    const row = (x.indices[k] as number) * w.hidden;
    const v = x.values[k] as number;
    for (let j = 0; j < w.hidden; j++) h[j] = (h[j] as number) + v * (w.w1[row + j] as number);
  }
  let best = 0;
  let bestLogit = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < w.classes; c++) {
    let logit = w.b2[c] as number;
    for (let j = 0; j < w.hidden; j++)
      logit += Math.max(0, h[j] as number) * (w.w2[j * w.classes + c] as number);
    if (logit > bestLogit) {
      bestLogit = logit;
      best = c;
    }
  }
  return best;
}

/**
 * Trains the campaign model (the same featurizer, network and training parameters as the
 * pre-label models) on `train` and answers its accuracy on `test`. Floating point: a fidelity
 * figure, not part of the recomputed attribution.
 */
export async function campaignModelAccuracy(
  tf: Tf,
  train: readonly Example[],
  test: readonly Example[],
): Promise<number> {
  if (train.length === 0 || test.length === 0) return 0;
  const classes = [...new Set([...train, ...test].map((e) => e.label))].sort();
  const features = (e: Example) => hashedFeatures(e.text, defaultFeatureSpec);
  // Mini-batches in a fixed shuffled order: rows arrive grouped (by source, by time), and a model
  // trained on one class after the other forgets the first.
  let state = 12_345;
  const shuffled = train
    .map((e) => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return [state, e] as const;
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, e]) => e);
  const weights = await trainClassifier(tf, {
    rows: shuffled.map(features),
    labels: shuffled.map((e) => classes.indexOf(e.label)),
    inputs: defaultFeatureSpec.buckets,
    classes: classes.length,
  });
  const correct = test.filter((e) => classes[predict(weights, features(e))] === e.label).length;
  return correct / test.length;
}
