import { type LabelValue, labelValueSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { checkLabel } from './check-label.ts';
import { isGoldCorrect } from './is-gold-correct.ts';
import { loadCampaign } from './load-campaign.ts';

/**
 * A reviewer settles an item: their answer becomes its aggregate (method `review`, confidence 1)
 * and the item's labels score 1 if they match it and 0 if not. A reviewer never settles an item
 * they labelled themselves (`REVIEW_OWN_ITEM`), and gold answers are the admin's alone
 * (`GOLD_ADMIN_ONLY`): a review would overwrite the gold item's aggregate.
 */
export async function resolveReview(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: { reviewer: `0x${string}`; itemId: number; value: LabelValue },
): Promise<{ count: number }> {
  const now = deps.clock.now().toISOString();
  return deps.db.db.transaction(async (tx) => {
    const [item] = await deps.db.rows<{ campaign_id: string; text: string; gold: boolean }>(
      sql`select i.campaign_id, i.text, t.gold_value is not null as gold
          from items i join label_tasks t on t.item_id = i.id
          where i.id = ${params.itemId} for update of t`,
      tx,
    );
    if (!item) throw new AppError('ITEM_NOT_FOUND', `No labeling task for item ${params.itemId}.`);
    if (item.gold) {
      throw new AppError(
        'GOLD_ADMIN_ONLY',
        `Item ${params.itemId} is a gold item: only an admin sets its answer.`,
      );
    }
    const campaign = await loadCampaign(tx, item.campaign_id);
    const value = checkLabel(campaign.spec.labelSchema, params.value, item.text.length);
    const labels = await deps.db.rows<{ id: string; value: unknown; labeler: string }>(
      sql`select id, value, labeler from labels where item_id = ${params.itemId}`,
      tx,
    );
    if (labels.some((label) => label.labeler === params.reviewer.toLowerCase())) {
      throw new AppError(
        'REVIEW_OWN_ITEM',
        `You labelled item ${params.itemId} yourself; another reviewer must settle it.`,
      );
    }
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
