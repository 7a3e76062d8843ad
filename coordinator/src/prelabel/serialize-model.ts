import { createHash } from 'node:crypto';
import type { FeatureSpec } from '@plaza/protocol';
import type { Tf } from './load-tf.ts';
import type { ClassifierWeights } from './train-classifier.ts';

/** A campaign model as tfjs artifacts, with its content hash. */
export interface SerializedModel {
  /** `0x` + sha256 of `modelJson` (UTF-8) followed by `weights`. */
  hash: `0x${string}`;
  /** The tfjs `model.json` (layers format), weights in `weights.bin` beside it. */
  modelJson: string;
  /** float32 little-endian, in the manifest's order. */
  weights: Uint8Array;
}

/** The name of the weights file next to `model.json`. */
export const WEIGHTS_FILE = 'weights.bin';

/**
 * Serializes trained weights as a tfjs layers model (`model.json` + one weights file) that
 * `tf.loadLayersModel` reads on any backend, and hashes it. The topology comes from tfjs itself
 * (a `Sequential` of two named dense layers); `model.json` is written with a fixed key order and
 * carries the classes and the featurizer (`userDefinedMetadata.plaza`), so the hash names
 * everything a device needs to reproduce a prediction.
 */
export async function serializeModel(
  tf: Tf,
  params: { weights: ClassifierWeights; classes: readonly string[]; features: FeatureSpec },
): Promise<SerializedModel> {
  const { weights } = params;
  const model = tf.sequential({ name: 'plaza_prelabel' });
  model.add(
    tf.layers.dense({
      name: 'hidden',
      inputShape: [weights.inputs],
      units: weights.hidden,
      activation: 'relu',
      kernelInitializer: 'zeros',
    }),
  );
  model.add(
    tf.layers.dense({
      name: 'output',
      units: weights.classes,
      activation: 'softmax',
      kernelInitializer: 'zeros',
    }),
  );
  let topology: unknown;
  let specs: Array<{ name: string; shape: number[]; dtype: string }> = [];
  try {
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        topology = artifacts.modelTopology;
        specs = (artifacts.weightSpecs ?? []).map((spec) => ({
          name: spec.name,
          shape: spec.shape,
          dtype: spec.dtype,
        }));
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
      }),
    );
  } finally {
    model.dispose();
  }
  const byName: Record<string, Float32Array> = {
    'hidden/kernel': weights.w1,
    'hidden/bias': weights.b1,
    'output/kernel': weights.w2,
    'output/bias': weights.b2,
  };
  const parts = specs.map((spec) => {
    const data = byName[spec.name];
    if (!data) throw new Error(`tfjs saved an unexpected weight "${spec.name}".`);
    return data;
  });
  const weightsBytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  const view = new DataView(weightsBytes.buffer);
  let offset = 0;
  for (const part of parts) {
    for (const value of part) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
  }
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    modelTopology: topology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
    userDefinedMetadata: { plaza: { classes: params.classes, features: params.features } },
  });
  const hash = createHash('sha256').update(modelJson, 'utf8').update(weightsBytes).digest('hex');
  return { hash: `0x${hash}`, modelJson, weights: weightsBytes };
}
