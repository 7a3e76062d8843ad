import {
  defaultFeatureSpec,
  type FeatureSpec,
  hashedFeatures,
  type ModelMetrics,
  type SparseFeatures,
  type TrainModelResponse,
} from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { loadCampaign } from '../labeling/load-campaign.ts';
import { evaluatePredictions } from './evaluate-predictions.ts';
import { loadModel } from './load-model.ts';
import { loadTf } from './load-tf.ts';
import { loadTrainingSet } from './load-training-set.ts';
import { majorityClass } from './majority-class.ts';
import { predictProbs } from './predict-probs.ts';
import { serializeModel } from './serialize-model.ts';
import { isHoldout } from './split-holdout.ts';
import { trainClassifier } from './train-classifier.ts';

/** Share of the labels held out to evaluate a model. */
export const HOLDOUT_FRACTION = 0.2;
/** The newest aggregated labels a model is trained on at most. */
export const MAX_TRAINING_LABELS = 5000;
/** A training process holds a campaign this long at most (then another may take over). */
const CLAIM_MS = 10 * 60_000;

/**
 * Trains a campaign's model from its aggregated labels and publishes it if it beats the
 * majority-class baseline on the hold-out (both accuracy and macro-F1). Runs when the campaign has
 * `PLAZA_PRELABEL_MIN_LABELS` aggregated labels and they grew by `PLAZA_PRELABEL_RETRAIN_GROWTH`
 * since the last run (or with `force`). Classification campaigns only: multi-label and span
 * campaigns are answered `unsupported` (their pre-labels can be imported). Training is
 * deterministic, so the same labels publish the same version (content hash) in any process; a
 * claim on the campaign's run row keeps concurrent coordinators from training it twice at once.
 */
export async function trainCampaignModel(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>,
  campaignId: string,
  options: { force?: boolean } = {},
): Promise<TrainModelResponse> {
  const campaign = await loadCampaign(deps.db.db, campaignId);
  const run = await loadLastRun(deps, campaignId);
  const current = { hash: run?.model_hash ?? null, metrics: run?.metrics ?? null };
  const schema = campaign.spec.labelSchema;
  if (schema.kind !== 'classification') {
    if (run?.outcome !== 'unsupported')
      await recordRun(deps, campaignId, 'unsupported', 0, null, null);
    return { outcome: 'unsupported', hash: null, metrics: null };
  }
  const examples = await loadTrainingSet(deps, {
    campaignId,
    features: defaultFeatureSpec,
    limit: MAX_TRAINING_LABELS,
  });
  if (examples.length < deps.config.PLAZA_PRELABEL_MIN_LABELS) {
    if (run?.outcome !== 'too_few_labels' || run.labels !== examples.length) {
      await recordRun(deps, campaignId, 'too_few_labels', examples.length, null, current.hash);
    }
    return { outcome: 'too_few_labels', ...current };
  }
  if (!options.force && !hasGrown(run, examples.length, deps.config.PLAZA_PRELABEL_RETRAIN_GROWTH))
    return { outcome: 'unchanged', ...current };
  if (!(await claim(deps, campaignId))) return { outcome: 'unchanged', ...current };

  try {
    const trained = await trainAndEvaluate(examples, schema.classes, defaultFeatureSpec);
    const { metrics } = trained;
    if (!trained.beatsBaseline) {
      await recordRun(deps, campaignId, 'below_baseline', examples.length, metrics, current.hash);
      deps.logger.info('campaign model below baseline', { campaignId, ...metrics });
      return { outcome: 'below_baseline', hash: current.hash, metrics };
    }
    const { serialized } = trained;
    await storeModel(deps, {
      campaignId,
      classes: schema.classes,
      labels: examples.length,
      trained,
    });
    const outcome = serialized.hash === current.hash ? 'unchanged' : 'published';
    await recordRun(deps, campaignId, outcome, examples.length, metrics, serialized.hash);
    deps.logger.info('campaign model trained', {
      campaignId,
      outcome,
      hash: serialized.hash,
      ...metrics,
    });
    return { outcome, hash: serialized.hash, metrics };
  } catch (error) {
    await deps.db.rows(
      sql`update prelabel_runs set claimed_until = null where campaign_id = ${campaignId}`,
    );
    throw error;
  }
}

type LastRun = {
  outcome: string;
  labels: number;
  model_hash: string | null;
  metrics: ModelMetrics | null;
};

async function loadLastRun(
  deps: Pick<Deps, 'db'>,
  campaignId: string,
): Promise<LastRun | undefined> {
  const [run] = await deps.db.rows<LastRun>(
    sql`select outcome, labels, model_hash, metrics from prelabel_runs
        where campaign_id = ${campaignId}`,
  );
  return run;
}

/** Whether the labels grew enough since the last training (or nothing was trained yet). */
function hasGrown(run: LastRun | undefined, labels: number, growth: number): boolean {
  return (
    !run ||
    run.outcome === 'too_few_labels' ||
    run.outcome === 'unsupported' ||
    labels >= Math.ceil(run.labels * (1 + growth))
  );
}

type Example = Awaited<ReturnType<typeof loadTrainingSet>>[number];
type Serialized = Awaited<ReturnType<typeof serializeModel>>;

interface TrainedModel {
  serialized: Serialized;
  metrics: ModelMetrics;
  /** Whether it beats the majority class on the hold-out, in accuracy and macro-F1. */
  beatsBaseline: boolean;
  features: FeatureSpec;
}

/** Trains on all but the hold-out, then scores the model and the majority class on the hold-out. */
async function trainAndEvaluate(
  examples: Example[],
  classes: string[],
  features: FeatureSpec,
): Promise<TrainedModel> {
  const train = examples.filter((e) => !isHoldout(e.itemId, HOLDOUT_FRACTION));
  const holdout = examples.filter((e) => isHoldout(e.itemId, HOLDOUT_FRACTION));
  const tf = await loadTf();
  const rows: SparseFeatures[] = [];
  for (const [n, example] of train.entries()) {
    rows.push(hashedFeatures(example.input, features));
    if (n % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
  }
  const weights = await trainClassifier(tf, {
    rows,
    labels: train.map((e) => e.label),
    inputs: features.buckets,
    classes: classes.length,
  });
  const serialized = await serializeModel(tf, { weights, classes, features });
  const model = await loadModel(tf, serialized.modelJson, serialized.weights);
  const probs = predictProbs(
    tf,
    model,
    features,
    holdout.map((e) => e.input),
  );
  model.dispose();
  const truth = holdout.map((e) => e.label);
  const evaluation = evaluatePredictions(
    probs.map((row) => argmax(row)),
    truth,
  );
  const majority = majorityClass(train.map((e) => e.label));
  const baseline = evaluatePredictions(
    truth.map(() => majority),
    truth,
  );
  const metrics: ModelMetrics = {
    accuracy: evaluation.accuracy,
    macroF1: evaluation.macroF1,
    baselineAccuracy: baseline.accuracy,
    baselineMacroF1: baseline.macroF1,
    trainCount: train.length,
    holdoutCount: holdout.length,
  };
  const beatsBaseline =
    holdout.length > 0 &&
    evaluation.accuracy > baseline.accuracy &&
    evaluation.macroF1 > baseline.macroF1;
  return { serialized, metrics, beatsBaseline, features };
}

/** Stores a trained model's row (a model with the same content hash is kept as it is). */
async function storeModel(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: { campaignId: string; classes: string[]; labels: number; trained: TrainedModel },
): Promise<void> {
  const { serialized, metrics, features } = params.trained;
  const now = deps.clock.now().toISOString();
  await deps.db.rows(
    sql`insert into prelabel_models (hash, campaign_id, classes, features, model_json, weights,
          labels, metrics, created_at)
        values (${serialized.hash}, ${params.campaignId}, ${JSON.stringify(params.classes)}::jsonb,
          ${JSON.stringify(features)}::jsonb, ${serialized.modelJson}, ${Buffer.from(serialized.weights)},
          ${params.labels}, ${JSON.stringify(metrics)}::jsonb, ${now})
        on conflict (hash) do nothing`,
  );
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/** Takes the campaign's run row for training; false when another process holds it. */
async function claim(deps: Pick<Deps, 'db' | 'clock'>, campaignId: string): Promise<boolean> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + CLAIM_MS).toISOString();
  const claimed = await deps.db.rows(
    sql`insert into prelabel_runs (campaign_id, outcome, labels, trained_at, claimed_until)
        values (${campaignId}, 'training', 0, ${now.toISOString()}, ${until})
        on conflict (campaign_id) do update set claimed_until = excluded.claimed_until
        where prelabel_runs.claimed_until is null or prelabel_runs.claimed_until < ${now.toISOString()}
        returning campaign_id`,
  );
  return claimed.length > 0;
}

async function recordRun(
  deps: Pick<Deps, 'db' | 'clock'>,
  campaignId: string,
  outcome: string,
  labels: number,
  metrics: ModelMetrics | null,
  modelHash: string | null,
) {
  await deps.db.rows(
    sql`insert into prelabel_runs (campaign_id, outcome, labels, metrics, model_hash, trained_at,
          claimed_until)
        values (${campaignId}, ${outcome}, ${labels},
          ${metrics === null ? null : JSON.stringify(metrics)}::jsonb, ${modelHash},
          ${deps.clock.now().toISOString()}, null)
        on conflict (campaign_id) do update set outcome = excluded.outcome,
          labels = excluded.labels, metrics = excluded.metrics, model_hash = excluded.model_hash,
          trained_at = excluded.trained_at, claimed_until = null`,
  );
}
