import type { SparseFeatures } from '@plaza/protocol';
import type { Tf } from './load-tf.ts';

/** Hyper-parameters of a campaign model. Fixed, so the same labels give the same model. */
export interface TrainingParams {
  /** Units of the hidden (ReLU) layer. */
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seeds the initial weights (Glorot uniform). */
  seed: number;
}

/** The defaults every campaign model is trained with. */
export const defaultTrainingParams: TrainingParams = Object.freeze({
  hidden: 32,
  epochs: 12,
  batchSize: 32,
  learningRate: 0.01,
  seed: 1234,
});

/** The trained weights, row-major float32, as the tfjs dense layers hold them. */
export interface ClassifierWeights {
  inputs: number;
  hidden: number;
  classes: number;
  /** `inputs × hidden` */
  w1: Float32Array;
  b1: Float32Array;
  /** `hidden × classes` */
  w2: Float32Array;
  b2: Float32Array;
}

/**
 * Trains the campaign model: input (hashed n-grams) → dense ReLU → dense softmax, softmax
 * cross-entropy, Adam, mini-batches in the order given, weights initialised from `seed`. The
 * same examples in the same order give the same weights, bit for bit (the wasm backend's float
 * arithmetic is deterministic).
 *
 * The input layer is dense in the published model, but its gradient is taken with a custom rule
 * (`xᵀ · dy` from a pre-transposed batch): tfjs-wasm's matmul is fast only without transposes,
 * and the inputs are mostly zeros anyway. Yields to the event loop between batches, so a
 * coordinator keeps answering while it trains.
 */
export async function trainClassifier(
  tf: Tf,
  params: {
    rows: readonly SparseFeatures[];
    labels: readonly number[];
    inputs: number;
    classes: number;
    training?: TrainingParams;
  },
): Promise<ClassifierWeights> {
  const training = params.training ?? defaultTrainingParams;
  const { inputs, classes } = params;
  const { hidden } = training;
  const w1 = tf.variable(
    tf.initializers.glorotUniform({ seed: training.seed }).apply([inputs, hidden]),
  );
  const b1 = tf.variable(tf.zeros([hidden]));
  const w2 = tf.variable(
    tf.initializers.glorotUniform({ seed: training.seed + 1 }).apply([hidden, classes]),
  );
  const b2 = tf.variable(tf.zeros([classes]));
  const optimizer = tf.train.adam(training.learningRate);
  try {
    for (let epoch = 0; epoch < training.epochs; epoch++) {
      for (let start = 0; start < params.rows.length; start += training.batchSize) {
        const rows = params.rows.slice(start, start + training.batchSize);
        const n = rows.length;
        const x = new Float32Array(n * inputs);
        const xt = new Float32Array(inputs * n);
        rows.forEach((row, r) => {
          for (let k = 0; k < row.indices.length; k++) {
            const j = row.indices[k]!;
            x[r * inputs + j] = row.values[k]!;
            xt[j * n + r] = row.values[k]!;
          }
        });
        const labels = Int32Array.from(params.labels.slice(start, start + n));
        tf.tidy(() => {
          const xs = tf.tensor2d(x, [n, inputs]);
          const xsT = tf.tensor2d(xt, [inputs, n]);
          const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
          const firstLayer = tf.customGrad((w) => ({
            value: tf.matMul(xs, w as import('@tensorflow/tfjs').Tensor2D),
            gradFunc: (dy) => tf.matMul(xsT, dy as import('@tensorflow/tfjs').Tensor2D),
          }));
          optimizer.minimize(() => {
            const h = tf.relu(tf.add(firstLayer(w1), b1));
            const logits = tf.add(tf.matMul(h, w2), b2);
            return tf.losses.softmaxCrossEntropy(ys, logits);
          });
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return {
      inputs,
      hidden,
      classes,
      w1: new Float32Array(w1.dataSync()),
      b1: new Float32Array(b1.dataSync()),
      w2: new Float32Array(w2.dataSync()),
      b2: new Float32Array(b2.dataSync()),
    };
  } finally {
    optimizer.dispose();
    for (const variable of [w1, b1, w2, b2]) variable.dispose();
  }
}
