import { labelValueSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import type { DatasetRow } from './dataset-row.ts';

/**
 * The rows of a campaign's next version, in item order: items at or above the quality floor with
 * their aggregated label and provenance (fetching device and payout, labelers with posteriors).
 * Items whose contribution failed verification or was revoked by its device's quarantine are left
 * out.
 */
export async function loadRows(
  deps: Pick<Deps, 'db'>,
  params: { campaignId: string; qualityFloor: number },
): Promise<DatasetRow[]> {
  const rows = await deps.db.rows<{
    id: number;
    url: string;
    title: string;
    text: string;
    content_hash: string;
    language: string;
    fetched_at: string | Date | null;
    quality_score: number;
    contribution_id: string;
    device_address: string;
    payout: string;
    struct_hash: string | null;
    label: unknown;
    label_confidence: number | null;
    label_method: string | null;
    labelers: Array<{ account: string; posterior: number }> | null;
    compute: string[] | null;
  }>(
    // Labels are grouped once for the campaign and joined (one hash join, not a subquery per row).
    sql`with scored as (
          select l.item_id,
            json_agg(json_build_object('account', l.labeler, 'posterior', l.posterior)
                     order by l.labeler) as labelers
          from labels l
          where l.campaign_id = ${params.campaignId} and l.posterior > 0
          group by l.item_id),
        computed as (
          select p.item_id,
            json_agg(distinct coalesce(d.payout_address, p.device_address)) as compute
          from prelabel_predictions p
          left join devices d on d.address = p.device_address
          where p.revoked_at is null
          group by p.item_id)
        select i.id, i.url, i.title, i.text, i.content_hash, i.language, i.quality_score,
          i.contribution_id, i.device_address,
          coalesce(d.payout_address, i.device_address) as payout, c.struct_hash, c.fetched_at,
          a.value as label, a.confidence as label_confidence, a.method as label_method,
          s.labelers, k.compute
        from items i
        left join scored s on s.item_id = i.id
        left join computed k on k.item_id = i.id
        left join devices d on d.address = i.device_address
        left join contributions c on c.id = i.contribution_id
        left join label_aggregates a on a.item_id = i.id
        where i.campaign_id = ${params.campaignId} and i.quality_score >= ${params.qualityFloor}
          -- Fabricated (failed verification) or revoked by a quarantine: not a row, earns nothing.
          and coalesce(c.verification, 'new') not in ('failed', 'revoked')
        order by i.id`,
  );
  return rows.map((row, index) => ({
    index,
    itemId: row.id,
    url: row.url,
    title: row.title,
    text: row.text,
    contentHash: row.content_hash,
    language: row.language,
    ...(row.fetched_at === null ? {} : { fetchedAt: new Date(row.fetched_at).toISOString() }),
    quality: row.quality_score,
    label: row.label === null ? null : labelValueSchema.parse(row.label),
    labelConfidence: row.label_confidence,
    labelMethod: row.label_method,
    provenance: {
      contribution: row.contribution_id,
      contributionHash: row.struct_hash ?? '',
      device: row.device_address,
      payout: row.payout.toLowerCase(),
      labelers: (row.labelers ?? []).map((l) => ({
        account: l.account,
        posterior: l.posterior,
      })),
      compute: (row.compute ?? []).map((account) => account.toLowerCase()).sort(),
    },
  }));
}
