import type { ImportPrelabelsRequest } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { checkItemLabels } from './check-item-labels.ts';

/**
 * Stores pre-labels made outside Plaza (an operator's own model) for items of a campaign; a newer
 * import replaces an older pre-label. All or nothing.
 */
export async function importPrelabels(
  deps: Pick<Deps, 'db' | 'clock'>,
  campaignId: string,
  request: ImportPrelabelsRequest,
): Promise<{ count: number }> {
  const now = deps.clock.now().toISOString();
  return deps.db.db.transaction(async (tx) => {
    const checked = await checkItemLabels(deps, tx, campaignId, request.items);
    const values = request.items.map((item, i) => ({
      item_id: item.itemId,
      value: checked[i],
      confidence: item.confidence,
      source: { kind: 'import', model: item.model },
    }));
    await deps.db.rows(
      sql`insert into prelabels (item_id, campaign_id, value, confidence, source, created_at)
          select p.item_id, ${campaignId}, p.value, p.confidence, p.source, ${now}
          from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
            as p(item_id bigint, value jsonb, confidence real, source jsonb)
          on conflict (item_id) do update set value = excluded.value,
            confidence = excluded.confidence, source = excluded.source,
            created_at = excluded.created_at`,
      tx,
    );
    return { count: values.length };
  });
}
