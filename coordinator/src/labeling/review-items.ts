import { labelValueSchema, type ReviewItem } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { loadCampaign } from './load-campaign.ts';

/**
 * Items whose aggregate is in doubt (confidence under the campaign's review threshold, two or more
 * labels, not gold, not reviewed yet), least confident first, with every label and its posterior.
 * Items the reviewer labelled themselves are left out: someone else settles those.
 */
export async function reviewItems(
  deps: Pick<Deps, 'db'>,
  params: { campaignId: string; limit: number; reviewer: `0x${string}` },
): Promise<{ items: ReviewItem[] }> {
  const campaign = await loadCampaign(deps.db.db, params.campaignId);
  const rows = await deps.db.rows<{
    item_id: number;
    title: string;
    text: string;
    value: unknown;
    confidence: number;
    agreement: number | null;
    method: string;
    labels: Array<{ labeler: string; value: unknown; posterior: number | null }>;
  }>(
    sql`select a.item_id, i.title, i.text, a.value, a.confidence, a.agreement, a.method,
          (select json_agg(json_build_object('labeler', l.labeler, 'value', l.value,
             'posterior', l.posterior) order by l.created_at)
           from labels l where l.item_id = a.item_id) as labels
        from label_aggregates a join items i on i.id = a.item_id
        where a.campaign_id = ${campaign.id} and a.method not in ('gold', 'review')
          and a.labels_count >= 2 and a.confidence < ${campaign.spec.reviewThreshold}
          and not exists (select 1 from labels o
            where o.item_id = a.item_id and o.labeler = ${params.reviewer.toLowerCase()})
        order by a.confidence, a.item_id limit ${params.limit}`,
  );
  return {
    items: rows.map((row) => ({
      itemId: row.item_id,
      campaignId: campaign.id,
      title: row.title,
      text: row.text,
      labels: (row.labels ?? []).map((label) => ({
        labeler: label.labeler,
        value: labelValueSchema.parse(label.value),
        posterior: label.posterior,
      })),
      aggregate: {
        value: labelValueSchema.parse(row.value),
        confidence: row.confidence,
        agreement: row.agreement,
        method: row.method,
      },
    })),
  };
}
