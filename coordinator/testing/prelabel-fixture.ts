import {
  type PrelabelLease,
  type PrelabelPrediction,
  quantizeProbs,
  routes,
} from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { syncTasks } from '../src/labeling/sync-tasks.ts';
import { loadModel } from '../src/prelabel/load-model.ts';
import { loadTf } from '../src/prelabel/load-tf.ts';
import { predictProbs } from '../src/prelabel/predict-probs.ts';
import type { TestApp } from './create-test-app.ts';
import { seedItems } from './labeling.ts';
import { registerTestDevice, seedCampaign } from './seed.ts';
import { topicTexts } from './topic-texts.ts';

/** The classes of {@link seedPrelabelCampaign}'s campaign. */
export const TOPIC_CLASSES = ['sport', 'business', 'politics'];

/**
 * A classification campaign whose items are generated topic snippets: `labeled` of them carry an
 * aggregated label (their true class, as aggregation would have stored it), the rest are open
 * labeling tasks. Returns the item ids in order and each item's true class.
 */
export async function seedPrelabelCampaign(
  t: TestApp,
  options: { id?: string; items?: number; labeled?: number; seed?: number } = {},
) {
  const id = options.id ?? 'topics';
  const data = topicTexts({ count: options.items ?? 200, classes: 3, seed: options.seed ?? 11 });
  await seedCampaign(t, {
    id,
    seeds: [],
    labelSchema: { kind: 'classification', classes: TOPIC_CLASSES },
    overlap: 3,
    blindFraction: 0,
    goldFraction: 0,
  });
  const ids = await seedItems(
    t,
    id,
    data.map((d) => ({ title: d.title, text: d.text })),
  );
  await syncTasks(t.deps, id);
  const labeled = ids.slice(0, options.labeled ?? 120);
  const now = t.clock.now().toISOString();
  await t.db.rows(
    sql`insert into label_aggregates (item_id, campaign_id, value, confidence, agreement, method,
          labels_count, updated_at)
        select r.item_id, ${id}, jsonb_build_object('kind', 'classification', 'class', r.label),
          0.9, 1, 'majority', 3, ${now}
        from jsonb_to_recordset(${JSON.stringify(
          labeled.map((itemId, i) => ({ item_id: itemId, label: data[i]!.label })),
        )}::jsonb) as r(item_id bigint, label int)`,
  );
  // Labeled items have full tasks; the others are open.
  await t.db.rows(
    sql`update label_tasks set labels_count = 3
        where item_id in (select item_id from label_aggregates where campaign_id = ${id})`,
  );
  return { id, ids, truth: new Map(ids.map((itemId, i) => [itemId, data[i]!.label])) };
}

/**
 * A simulated extension for pre-labeling: a registered device that downloads the leased model
 * from the app, runs it with tfjs (the coordinator's backend) and signs its outputs, optionally
 * tampering with them.
 */
export async function registerPrelabelDevice(t: TestApp) {
  const device = await registerTestDevice(t);
  const headers = { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' };
  const post = (path: string, body: unknown) =>
    t.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
  return {
    ...device,
    post,
    leasePrelabels: (body: object = { max: 32 }) => post(routes.prelabelLeases, body),
    /** Runs the lease's model on its inputs: class probabilities in millionths, per item. */
    run: async (lease: PrelabelLease): Promise<PrelabelPrediction[]> => {
      const tf = await loadTf();
      const modelJson = await (await t.app.request(lease.model.modelUrl)).text();
      const weights = new Uint8Array(
        await (await t.app.request(routes.modelWeights(lease.model.hash))).arrayBuffer(),
      );
      const model = await loadModel(tf, modelJson, weights);
      const probs = predictProbs(
        tf,
        model,
        lease.model.features,
        lease.items.map((item) => item.input),
      );
      model.dispose();
      return lease.items.map((item, i) => ({
        itemId: item.itemId,
        inputHash: item.inputHash,
        probs: quantizeProbs(probs[i]!),
      }));
    },
    /** Signs predictions for a lease and submits them. */
    submitPrelabels: async (
      lease: PrelabelLease,
      items: PrelabelPrediction[],
      backend: 'webgpu' | 'wasm' | 'cpu' = 'cpu',
    ) =>
      post(
        routes.prelabelResults,
        await device.prelabelBatch({ leaseId: lease.id, model: lease.model.hash, backend, items }),
      ),
  };
}
