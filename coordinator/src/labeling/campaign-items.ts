import { labelValueSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { loadCampaign } from './load-campaign.ts';

/** A page of a campaign's items with their labeling state, by id (`after` the last one seen). */
export async function campaignItems(
  deps: Pick<Deps, 'db'>,
  params: { campaignId: string; limit: number; after: number },
) {
  const campaign = await loadCampaign(deps.db.db, params.campaignId);
  const rows = await deps.db.rows<{
    id: number;
    url: string;
    title: string;
    quality_score: number;
    gold: boolean | null;
    labels: number | null;
    value: unknown;
    confidence: number | null;
  }>(
    sql`select i.id, i.url, i.title, i.quality_score, t.gold_value is not null as gold,
          t.labels_count as labels, a.value, a.confidence
        from items i left join label_tasks t on t.item_id = i.id
        left join label_aggregates a on a.item_id = i.id
        where i.campaign_id = ${campaign.id} and i.id > ${params.after}
        order by i.id limit ${params.limit}`,
  );
  return {
    items: rows.map((row) => ({
      itemId: row.id,
      url: row.url,
      title: row.title,
      qualityScore: row.quality_score,
      gold: row.gold === true,
      labels: row.labels ?? 0,
      aggregate: row.value === null ? null : labelValueSchema.parse(row.value),
      confidence: row.confidence,
    })),
  };
}
