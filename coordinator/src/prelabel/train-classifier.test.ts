import { defaultFeatureSpec, hashedFeatures } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import { topicTexts } from '#testing/topic-texts.ts';
import { evaluatePredictions } from './evaluate-predictions.ts';
import { loadModel } from './load-model.ts';
import { loadTf } from './load-tf.ts';
import { majorityClass } from './majority-class.ts';
import { predictProbs } from './predict-probs.ts';
import { serializeModel } from './serialize-model.ts';
import { trainClassifier } from './train-classifier.ts';

const spec = defaultFeatureSpec;
const classes = ['sport', 'business', 'politics'];

const memo = new Map<number, ReturnType<typeof trainOn>>();
/** Trains on seed's data once per test file (the second run of the hash test trains anew). */
const trainOnce = (seed: number) => {
  if (!memo.has(seed)) memo.set(seed, trainOn(seed));
  return memo.get(seed)!;
};

async function trainOn(seed: number) {
  const tf = await loadTf();
  const data = topicTexts({ count: 300, classes: 3, seed, weights: [2, 1, 1] });
  const train = data.slice(0, 240);
  const holdout = data.slice(240);
  const weights = await trainClassifier(tf, {
    rows: train.map((d) => hashedFeatures(`${d.title}\n${d.text}`, spec)),
    labels: train.map((d) => d.label),
    inputs: spec.buckets,
    classes: classes.length,
  });
  const serialized = await serializeModel(tf, { weights, classes, features: spec });
  return { tf, serialized, train, holdout };
}

// Training runs tfjs for seconds; a busy 2-core machine may take far longer than the default.
describe('trainClassifier + serializeModel', { timeout: 120_000 }, () => {
  it('beats the majority baseline on a hold-out and gives the same hash for the same labels', async () => {
    const first = await trainOnce(7);
    const second = await trainOn(7);
    expect(second.serialized.hash).toBe(first.serialized.hash);
    expect(second.serialized.weights).toEqual(first.serialized.weights);
    expect(first.serialized.hash).toMatch(/^0x[0-9a-f]{64}$/);

    const { tf, serialized, train, holdout } = first;
    const model = await loadModel(tf, serialized.modelJson, serialized.weights);
    const probs = predictProbs(
      tf,
      model,
      spec,
      holdout.map((d) => `${d.title}\n${d.text}`),
    );
    model.dispose();
    for (const row of probs) expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 4);
    const predicted = probs.map((row) => row.indexOf(Math.max(...row)));
    const truth = holdout.map((d) => d.label);
    const model_ = evaluatePredictions(predicted, truth);
    const majority = majorityClass(train.map((d) => d.label));
    const baseline = evaluatePredictions(
      truth.map(() => majority),
      truth,
    );
    expect(model_.accuracy).toBeGreaterThan(baseline.accuracy + 0.2);
    expect(model_.macroF1).toBeGreaterThan(baseline.macroF1 + 0.3);
  });

  it('gives another hash for other labels', async () => {
    const a = await trainOnce(7);
    const b = await trainOnce(8);
    expect(b.serialized.hash).not.toBe(a.serialized.hash);
  });

  it('writes a tfjs layers model.json that names its weights file, classes and featurizer', async () => {
    const { serialized } = await trainOnce(7);
    const json = JSON.parse(serialized.modelJson);
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual([
      'hidden/kernel',
      'hidden/bias',
      'output/kernel',
      'output/bias',
    ]);
    expect(json.userDefinedMetadata.plaza).toEqual({ classes, features: spec });
    expect(serialized.weights.byteLength).toBe(4 * (spec.buckets * 32 + 32 + 32 * 3 + 3));
  });
});
