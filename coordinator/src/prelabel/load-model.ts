import type { LayersModel } from '@tensorflow/tfjs';
import type { Tf } from './load-tf.ts';

/**
 * Loads a serialized campaign model (`model.json` text and the weights bytes) into tfjs, as the
 * extension does from the served files.
 */
export async function loadModel(
  tf: Tf,
  modelJson: string,
  weights: Uint8Array,
): Promise<LayersModel> {
  const parsed = JSON.parse(modelJson) as {
    modelTopology: object;
    weightsManifest: Array<{ weights: import('@tensorflow/tfjs').io.WeightsManifestEntry[] }>;
  };
  const weightData = weights.buffer.slice(
    weights.byteOffset,
    weights.byteOffset + weights.byteLength,
  ) as ArrayBuffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: parsed.modelTopology,
      weightSpecs: parsed.weightsManifest.flatMap((group) => group.weights),
      weightData,
    }),
  );
}
