import { type FeatureSpec, modelInput } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { itemRank } from './item-rank.ts';

/** One aggregated label with the model input of its item. */
export interface TrainingExample {
  itemId: number;
  input: string;
  label: number;
}

/**
 * The campaign's aggregated classification labels (Dawid–Skene or majority, gold answers and
 * reviewers' resolutions included) with their items' model inputs, at most `limit` (the newest
 * items), in the fixed training order (a hash of the item id).
 */
export async function loadTrainingSet(
  deps: Pick<Deps, 'db'>,
  params: { campaignId: string; features: FeatureSpec; limit: number },
): Promise<TrainingExample[]> {
  const rows = await deps.db.rows<{
    item_id: number;
    value: { class?: number };
    title: string;
    text: string;
  }>(
    sql`select a.item_id, a.value, i.title, i.text
        from label_aggregates a join items i on i.id = a.item_id
        where a.campaign_id = ${params.campaignId} and a.value->>'kind' = 'classification'
        order by a.item_id desc limit ${params.limit}`,
  );
  return rows
    .filter((row) => typeof row.value.class === 'number')
    .map((row) => ({
      itemId: row.item_id,
      input: modelInput({ title: row.title, text: row.text }, params.features.maxChars),
      label: row.value.class!,
    }))
    .sort((a, b) => itemRank(a.itemId) - itemRank(b.itemId) || a.itemId - b.itemId);
}
