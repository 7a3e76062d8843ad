import type { PlazaTx } from '@plaza/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/**
 * Turns the items that passed their campaign's quality floor into labeling tasks (once each).
 * Whether a task is blind-first is drawn from a hash of the item id, so it is fixed and the same in
 * every process. Returns how many tasks were made.
 */
export async function syncTasks(
  deps: Pick<Deps, 'db' | 'clock'>,
  campaignId: string | null = null,
  tx?: PlazaTx,
): Promise<number> {
  const now = deps.clock.now().toISOString();
  const only = campaignId === null ? sql`true` : sql`i.campaign_id = ${campaignId}`;
  const made = await deps.db.rows<{ item_id: number }>(
    sql`
    insert into label_tasks (item_id, campaign_id, labels_count, blind, gold_value, created_at)
    select i.id, i.campaign_id, 0,
      (abs(hashtext('blind:' || i.id::text)) % 10000) / 10000.0
        < coalesce((c.spec->>'blindFraction')::float8, 0.2),
      null, ${now}
    from items i join campaigns c on c.id = i.campaign_id
    where ${only} and c.status = 'active'
      and i.quality_score >= coalesce((c.spec->>'qualityFloor')::float8, 0.5)
      and not exists (select 1 from label_tasks t where t.item_id = i.id)
    on conflict do nothing
    returning item_id`,
    tx,
  );
  return made.length;
}
