import { createCoordinatorClient, type TrainModelResponse } from '@plaza/protocol';
import { TOPIC_CLASSES, topicSnippets } from './topic-snippets.ts';

/** Runs SQL on the coordinator's database and returns the rows. */
export type QueryRows = <T = Record<string, unknown>>(
  text: string,
  params?: unknown[],
) => Promise<T[]>;

/** What {@link seedPrelabelCampaign} made. */
export interface PrelabelCampaign {
  id: string;
  /** Items with an aggregated label, then open items, in id order. */
  labeled: number[];
  open: number[];
  /** Each item's true class. */
  truth: Map<number, number>;
  /** Each item's title and text. */
  texts: Map<number, { title: string; text: string }>;
  /** The published model (its hash is set). */
  model: TrainModelResponse & { hash: string };
}

/**
 * A classification campaign ready for pre-labeling: `labeled + open` generated topic snippets as
 * items (written straight into the database, as ingest would have stored them), open labeling
 * tasks for the `open` ones, aggregated labels (the true class, as aggregation would store it)
 * for the others, and the campaign's model trained through the admin API
 * (`POST /v1/campaigns/:id/model`).
 */
export async function seedPrelabelCampaign(options: {
  url: string;
  adminKey: string;
  query: QueryRows;
  id: string;
  labeled: number;
  open: number;
  seed?: number;
  /** Share of topic words in each snippet (lower is harder). @default 0.15 */
  signal?: number;
  /** Campaign fields to override (e.g. `blindFraction`). */
  campaign?: Record<string, unknown>;
}): Promise<PrelabelCampaign> {
  const admin = createCoordinatorClient({ baseUrl: options.url, adminKey: options.adminKey });
  await admin.createCampaign({
    id: options.id,
    name: options.id,
    seeds: [],
    scope: { hosts: ['*.example.com'] },
    labelSchema: { kind: 'classification', classes: TOPIC_CLASSES },
    overlap: 3,
    blindFraction: 0,
    goldFraction: 0,
    qualityFloor: 0,
    ...options.campaign,
  });
  const snippets = topicSnippets({
    count: options.labeled + options.open,
    seed: options.seed ?? 1,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const rows = await options.query<{ id: number }>(
    `insert into items (campaign_id, contribution_id, device_address, url, title, text,
       content_hash, minhash, language, language_confidence, quality_signals, quality_score,
       created_at)
     select $1, 'seed-' || $1 || '-' || s.n, '0x000000000000000000000000000000000000d00d',
       'https://news.example.com/' || $1 || '/' || s.n, s.title, s.text,
       md5($1 || s.n::text), '\\x'::bytea, 'en', 0.99, '{}'::jsonb, 0.9, now()
     from jsonb_to_recordset($2::text::jsonb) as s(n int, title text, text text)
     order by s.n
     returning id`,
    [options.id, JSON.stringify(snippets.map((s, n) => ({ n, title: s.title, text: s.text })))],
  );
  const ids = rows.map((row) => row.id);
  const labeled = ids.slice(0, options.labeled);
  const open = ids.slice(options.labeled);
  for (const [list, count] of [
    [open, 0],
    [labeled, 3],
  ] as const) {
    await options.query(
      `insert into label_tasks (item_id, campaign_id, labels_count, blind, gold_value, created_at)
       select t.i::bigint, $1, $2, false, null, now()
       from jsonb_array_elements_text($3::text::jsonb) as t(i)`,
      [options.id, count, JSON.stringify(list)],
    );
  }
  await options.query(
    `insert into label_aggregates (item_id, campaign_id, value, confidence, agreement, method,
       labels_count, updated_at)
     select r.item_id, $1, jsonb_build_object('kind', 'classification', 'class', r.label), 0.9, 1,
       'majority', 3, now()
     from jsonb_to_recordset($2::text::jsonb) as r(item_id bigint, label int)`,
    [
      options.id,
      JSON.stringify(labeled.map((itemId, i) => ({ item_id: itemId, label: snippets[i]!.label }))),
    ],
  );
  const model = await admin.trainModel(options.id);
  if (model.outcome !== 'published' || model.hash === null) {
    throw new Error(`The campaign model was not published: ${JSON.stringify(model)}.`);
  }
  return {
    id: options.id,
    labeled,
    open,
    truth: new Map(ids.map((itemId, i) => [itemId, snippets[i]!.label])),
    texts: new Map(ids.map((itemId, i) => [itemId, snippets[i]!])),
    model: { ...model, hash: model.hash },
  };
}
