import type { PlazaTx } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/** What a labeler is shown of their labels' quality, as of a report. */
export interface LabelerQuality {
  /** Fraction of their labels on aggregated (not gold) items that agree with the aggregate. */
  agreement: number | null;
  /** Mean posterior probability that their labels are correct (Dawid–Skene). */
  meanPosterior: number | null;
  /** The labels part of the campaign's value they would get if it were frozen now, in [0, 1]. */
  pendingShare: number;
}

/**
 * Measures a labeler's labels in a campaign: agreement with the aggregates, mean posterior, and
 * the labels part of the campaign's value they would get if it were frozen now (attribution rule:
 * each row's labels part split by posterior).
 */
export async function measureLabeler(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  params: { campaignId: string; labeler: string; spec: CampaignSpec },
): Promise<LabelerQuality> {
  const { campaignId, labeler, spec } = params;
  const [row] = await deps.db.rows<{
    n: number;
    agreed: number;
    mean_posterior: number | null;
    mine: number | null;
    total: number | null;
  }>(
    sql`with rows as (
          select id, quality_score as w from items
          where campaign_id = ${campaignId} and quality_score >= ${spec.qualityFloor}),
        sums as (
          select l.item_id, sum(l.posterior) as total from labels l
          where l.campaign_id = ${campaignId} and l.posterior > 0 group by l.item_id)
        select
          (select count(*)::int from labels l join label_aggregates a on a.item_id = l.item_id
            where l.labeler = ${labeler} and l.campaign_id = ${campaignId}
              and a.method <> 'gold') as n,
          (select count(*)::int from labels l join label_aggregates a on a.item_id = l.item_id
            where l.labeler = ${labeler} and l.campaign_id = ${campaignId}
              and a.method <> 'gold' and l.value = a.value) as agreed,
          (select avg(posterior) from labels
            where labeler = ${labeler} and campaign_id = ${campaignId}) as mean_posterior,
          (select sum(r.w * l.posterior / s.total) from labels l
            join rows r on r.id = l.item_id join sums s on s.item_id = l.item_id
            where l.labeler = ${labeler} and l.posterior > 0) as mine,
          (select sum(w) from rows) as total`,
    tx,
  );
  const n = row?.n ?? 0;
  const total = row?.total ?? 0;
  return {
    agreement: n > 0 ? (row?.agreed ?? 0) / n : null,
    meanPosterior:
      row?.mean_posterior === null || row?.mean_posterior === undefined ? null : row.mean_posterior,
    pendingShare: total > 0 ? (spec.attribution.labels * (row?.mine ?? 0)) / total : 0,
  };
}
