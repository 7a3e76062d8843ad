import { type FeatureSpec, hashedFeatures, toDenseRows } from '@plaza/protocol';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { Tf } from './load-tf.ts';

/**
 * Class probabilities of model inputs, one row per input: the same featurizer and the same tfjs
 * graph as the extension runs, here on the coordinator's backend (wasm).
 */
export function predictProbs(
  tf: Tf,
  model: LayersModel,
  features: FeatureSpec,
  inputs: readonly string[],
): Float32Array[] {
  if (inputs.length === 0) return [];
  const dense = toDenseRows(
    inputs.map((input) => hashedFeatures(input, features)),
    features.buckets,
  );
  const probs = tf.tidy(() => {
    const x = tf.tensor2d(dense, [inputs.length, features.buckets]);
    // One batch: tfjs-wasm repacks the weights for every batch it runs.
    return (model.predict(x, { batchSize: inputs.length }) as Tensor).dataSync() as Float32Array;
  });
  const classes = probs.length / inputs.length;
  return inputs.map((_, i) => probs.slice(i * classes, (i + 1) * classes));
}
