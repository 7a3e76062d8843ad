import {
  type FeatureSpec,
  hashedFeatures,
  type PrelabelBackend,
  quantizeProbs,
  toDenseRows,
} from '@plaza/protocol';
import type * as tfjs from '@tensorflow/tfjs';
import type { ModelArtifactsBytes } from './fetch-model-artifacts.ts';
import { BACKEND_ORDER, selectBackend } from './select-backend.ts';

/** What the runner needs of tfjs (the offscreen document passes the real module). */
export type Tf = Pick<
  typeof tfjs,
  'setBackend' | 'ready' | 'loadLayersModel' | 'io' | 'tensor2d' | 'tidy' | 'getBackend'
>;

/** Runs campaign models; loaded models are kept by hash and backend. */
export interface PrelabelRunner {
  run(params: {
    modelUrl: string;
    hash: string;
    features: FeatureSpec;
    inputs: readonly string[];
    backend?: PrelabelBackend | undefined;
  }): Promise<{ backend: PrelabelBackend; probs: number[][]; ms: number }>;
}

/**
 * The offscreen document's model runner: picks the backend (WebGPU → wasm → cpu, or the one
 * asked for), loads the model (downloaded once per hash and checked against it), featurizes the
 * inputs with the protocol's hashed n-grams, runs the whole batch at once and returns the class
 * probabilities in millionths, as they are signed. Batches run one at a time: tfjs has one
 * current backend.
 */
export function createPrelabelRunner(deps: {
  loadTf: () => Promise<Tf>;
  fetchArtifacts: (modelUrl: string, hash: string) => Promise<ModelArtifactsBytes>;
  now?: () => number;
}): PrelabelRunner {
  const now = deps.now ?? (() => performance.now());
  const artifacts = new Map<string, Promise<ModelArtifactsBytes>>();
  const models = new Map<string, Promise<tfjs.LayersModel>>();
  let queue: Promise<unknown> = Promise.resolve();

  const modelFor = (tf: Tf, modelUrl: string, hash: string, backend: string) => {
    const key = `${hash}|${backend}`;
    let model = models.get(key);
    if (!model) {
      let files = artifacts.get(hash);
      if (!files) {
        files = deps.fetchArtifacts(modelUrl, hash);
        files.catch(() => artifacts.delete(hash));
        artifacts.set(hash, files);
      }
      model = files.then(({ modelJson, weights }) => {
        const parsed = JSON.parse(modelJson) as {
          modelTopology: object;
          weightsManifest: Array<{ weights: tfjs.io.WeightsManifestEntry[] }>;
        };
        return tf.loadLayersModel(
          tf.io.fromMemory({
            modelTopology: parsed.modelTopology,
            weightSpecs: parsed.weightsManifest.flatMap((group) => group.weights),
            weightData: weights.slice().buffer,
          }),
        );
      });
      model.catch(() => models.delete(key));
      models.set(key, model);
    }
    return model;
  };

  return {
    run(params) {
      const job = queue.then(async () => {
        const tf = await deps.loadTf();
        const backend = await selectBackend(tf, params.backend ? [params.backend] : BACKEND_ORDER);
        const model = await modelFor(tf, params.modelUrl, params.hash, backend);
        const started = now();
        const dense = toDenseRows(
          params.inputs.map((input) => hashedFeatures(input, params.features)),
          params.features.buckets,
        );
        const x = tf.tensor2d(dense, [params.inputs.length, params.features.buckets]);
        let output: tfjs.Tensor | undefined;
        try {
          output = model.predict(x, { batchSize: params.inputs.length }) as tfjs.Tensor;
          const flat = await output.data();
          const classes = flat.length / params.inputs.length;
          const probs = params.inputs.map((_, i) =>
            quantizeProbs(flat.subarray(i * classes, (i + 1) * classes)),
          );
          return { backend, probs, ms: now() - started };
        } finally {
          x.dispose();
          output?.dispose();
        }
      });
      queue = job.catch(() => {});
      return job;
    },
  };
}
