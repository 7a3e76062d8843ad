import { type LabelValue, labelValueSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { checkLabel } from './check-label.ts';
import { isGoldCorrect } from './is-gold-correct.ts';
import { loadCampaign } from './load-campaign.ts';

/**
 * A reviewer settles an item: their answer becomes its aggregate (method `review`, confidence 1)
 * and the item's labels score 1 if they match it and 0 if not, until the next edit.
 */
export async function resolveReview(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: { reviewer: `0x${string}`; itemId: number; value: LabelValue },
): Promise<{ count: number }> {
  const now = deps.clock.now().toISOString();
  return deps.db.db.transaction(async (tx) => {
    const [item] = await deps.db.rows<{ campaign_id: string; text: string }>(
      sql`select i.campaign_id, i.text from items i join label_tasks t on t.item_id = i.id
          where i.id = ${params.itemId}`,
      tx,
    );
    if (!item) throw new AppError('ITEM_NOT_FOUND', `No labeling task for item ${params.itemId}.`);
    const campaign = await loadCampaign(tx, item.campaign_id);
    const value = checkLabel(campaign.spec.labelSchema, params.value, item.text.length);
    const labels = await deps.db.rows<{ id: string; value: unknown }>(
      sql`select id, value from labels where item_id = ${params.itemId}`,
      tx,
    );
    await deps.db.rows(
      sql`insert into label_aggregates (item_id, campaign_id, value, confidence, agreement, method,
            labels_count, reviewed_by, updated_at)
          values (${params.itemId}, ${item.campaign_id}, ${JSON.stringify(value)}::jsonb, 1, null,
            'review', ${labels.length}, ${params.reviewer}, ${now})
          on conflict (item_id) do update set value = excluded.value, confidence = 1,
            method = 'review', reviewed_by = excluded.reviewed_by, updated_at = excluded.updated_at`,
      tx,
    );
    for (const label of labels) {
      const right = isGoldCorrect(labelValueSchema.parse(label.value), value, item.text);
      await deps.db.rows(
        sql`update labels set posterior = ${right ? 1 : 0} where id = ${label.id}`,
        tx,
      );
    }
    return { count: 1 };
  });
}
