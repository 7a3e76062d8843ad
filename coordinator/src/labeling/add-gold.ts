import type { AddGoldRequest } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { checkItemLabels } from './check-item-labels.ts';

/**
 * Makes items of a campaign gold: their known answers measure labelers. An item that is not a
 * task yet becomes one. All or nothing: one unknown item or invalid answer refuses the request.
 */
export async function addGold(
  deps: Pick<Deps, 'db' | 'clock'>,
  campaignId: string,
  request: Required<AddGoldRequest>,
): Promise<{ count: number }> {
  const now = deps.clock.now().toISOString();
  return deps.db.db.transaction(async (tx) => {
    const checked = await checkItemLabels(deps, tx, campaignId, request.items);
    const values = request.items.map((item, i) => ({
      item_id: item.itemId,
      gold_value: checked[i],
    }));
    await deps.db.rows(
      sql`insert into label_tasks (item_id, campaign_id, labels_count, blind, gold_value, created_at)
          select g.item_id, ${campaignId}, 0, false, g.gold_value, ${now}
          from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
            as g(item_id bigint, gold_value jsonb)
          on conflict (item_id) do update set gold_value = excluded.gold_value`,
      tx,
    );
    return { count: values.length };
  });
}
