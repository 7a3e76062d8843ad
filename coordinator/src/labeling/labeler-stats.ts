import type { LabelerStats } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { wilsonInterval } from './aggregate/index.ts';
import { loadCampaign } from './load-campaign.ts';

/**
 * A labeler's page for one campaign: labels today and in all, gold accuracy with its 95 % interval
 * (once `minGoldAnswers` are in), agreement with the aggregates, the mean posterior of their
 * labels, and the labels part of the campaign's value they would get if it were frozen now
 * (attribution rule: each row's labels part split by posterior).
 */
export async function labelerStats(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: { labeler: `0x${string}`; campaignId: string },
): Promise<LabelerStats> {
  const campaign = await loadCampaign(deps.db.db, params.campaignId);
  const { spec } = campaign;
  const dayStart = new Date(deps.clock.now());
  dayStart.setUTCHours(0, 0, 0, 0);
  const [counts, standing, agreement, share] = await Promise.all([
    deps.db.rows<{ total: number; today: number; mean_posterior: number | null }>(
      sql`select count(*)::int as total,
            count(*) filter (where created_at >= ${dayStart.toISOString()})::int as today,
            avg(posterior) as mean_posterior
          from labels where labeler = ${params.labeler} and campaign_id = ${campaign.id}`,
    ),
    deps.db.rows<{
      gold_answered: number;
      gold_correct: number;
      status: 'active' | 'paused';
      paused_reason: string | null;
    }>(
      sql`select gold_answered, gold_correct, status, paused_reason from labeler_campaigns
          where labeler = ${params.labeler} and campaign_id = ${campaign.id}`,
    ),
    deps.db.rows<{ n: number; agreed: number }>(
      sql`select count(*)::int as n, count(*) filter (where l.value = a.value)::int as agreed
          from labels l join label_aggregates a on a.item_id = l.item_id
          where l.labeler = ${params.labeler} and l.campaign_id = ${campaign.id}
            and a.method not in ('gold')`,
    ),
    deps.db.rows<{ mine: number | null; total: number | null }>(
      sql`with rows as (
            select id, quality_score as w from items
            where campaign_id = ${campaign.id} and quality_score >= ${spec.qualityFloor}),
          sums as (
            select l.item_id, sum(l.posterior) as total from labels l
            where l.campaign_id = ${campaign.id} and l.posterior > 0 group by l.item_id)
          select (select sum(r.w * l.posterior / s.total) from labels l
                    join rows r on r.id = l.item_id join sums s on s.item_id = l.item_id
                    where l.labeler = ${params.labeler} and l.posterior > 0) as mine,
                 (select sum(w) from rows) as total`,
    ),
  ]);
  const gold = standing[0];
  const answered = Number(gold?.gold_answered ?? 0);
  const correct = Number(gold?.gold_correct ?? 0);
  const interval = answered >= spec.minGoldAnswers ? wilsonInterval(correct, answered) : null;
  const agreed = agreement[0];
  const total = Number(share[0]?.total ?? 0);
  return {
    address: params.labeler,
    campaignId: campaign.id,
    status: gold?.status ?? 'active',
    pausedReason:
      gold?.status === 'paused'
        ? { code: 'LABELER_PAUSED', message: gold.paused_reason ?? 'Paused by the gold check.' }
        : null,
    labelsToday: Number(counts[0]?.today ?? 0),
    labelsTotal: Number(counts[0]?.total ?? 0),
    gold: {
      answered,
      correct,
      estimate: interval?.estimate ?? null,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      minAnswers: spec.minGoldAnswers,
      threshold: spec.goldThreshold,
    },
    agreement: agreed && Number(agreed.n) > 0 ? Number(agreed.agreed) / Number(agreed.n) : null,
    meanPosterior:
      counts[0]?.mean_posterior === null || counts[0]?.mean_posterior === undefined
        ? null
        : Number(counts[0].mean_posterior),
    pendingShare: total > 0 ? (spec.attribution.labels * Number(share[0]?.mine ?? 0)) / total : 0,
  };
}
