import { labelValueSchema, type MyLabel } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { EDITABLE_LABELS } from './submit-labels.ts';
import { toPrelabel } from './to-prelabel.ts';

/**
 * A labeler's newest labels in a campaign, newest first; all of them are still editable. Each
 * shows the latest answer and the first (the one scored).
 */
export async function recentLabels(
  deps: Pick<Deps, 'db'>,
  params: { labeler: `0x${string}`; campaignId: string },
): Promise<{ labels: MyLabel[] }> {
  const rows = await deps.db.rows<{
    id: string;
    client_id: string;
    revision: number;
    item_id: number;
    title: string;
    text: string;
    value: unknown;
    first_value: unknown;
    prelabel_shown: boolean;
    blind: boolean;
    prelabel_value: unknown;
    prelabel_confidence: number | null;
    prelabel_source: unknown;
    created_at: string | Date;
    updated_at: string | Date;
  }>(
    sql`select l.id, l.client_id, l.revision, l.item_id, i.title, i.text,
          coalesce(l.edited_value, l.value) as value, l.value as first_value,
          l.prelabel_shown, l.blind,
          p.value as prelabel_value, p.confidence as prelabel_confidence,
          p.source as prelabel_source, l.created_at, l.updated_at
        from labels l join items i on i.id = l.item_id
        left join prelabels p on p.item_id = l.item_id
        where l.labeler = ${params.labeler} and l.campaign_id = ${params.campaignId}
        order by l.created_at desc, l.id desc limit ${EDITABLE_LABELS}`,
  );
  return {
    labels: rows.map((row) => ({
      labelId: row.id,
      clientId: row.client_id,
      revision: row.revision,
      itemId: row.item_id,
      campaignId: params.campaignId,
      title: row.title,
      text: row.text,
      value: labelValueSchema.parse(row.value),
      firstValue: labelValueSchema.parse(row.first_value),
      prelabel: toPrelabel(row),
      prelabelShown: row.prelabel_shown,
      blind: row.blind,
      editable: true,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    })),
  };
}
