import type { LabelerStats } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { wilsonInterval } from './aggregate/index.ts';
import { loadCampaign } from './load-campaign.ts';
import type { LabelerQuality } from './measure-labeler.ts';
import { REPORT_BATCH } from './report-labels.ts';

/**
 * A labeler's page for one campaign: labels today and in all (live), and, as of their last report
 * (one per {@link REPORT_BATCH} labels, so no single answer can be told apart), gold accuracy with
 * its 95 % interval (once `minGoldAnswers` are in), agreement with the aggregates, the mean
 * posterior of their labels, and the labels part of the campaign's value they would get if it
 * were frozen then.
 */
export async function labelerStats(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: { labeler: `0x${string}`; campaignId: string },
): Promise<LabelerStats> {
  const campaign = await loadCampaign(deps.db.db, params.campaignId);
  const { spec } = campaign;
  const dayStart = new Date(deps.clock.now());
  dayStart.setUTCHours(0, 0, 0, 0);
  const [counts, standing] = await Promise.all([
    deps.db.rows<{ total: number; today: number }>(
      sql`select count(*)::int as total,
            count(*) filter (where created_at >= ${dayStart.toISOString()})::int as today
          from labels where labeler = ${params.labeler} and campaign_id = ${campaign.id}`,
    ),
    deps.db.rows<{
      reported_gold_answered: number;
      reported_gold_correct: number;
      unreported_labels: number;
      reported_at: string | Date | null;
      reported_stats: LabelerQuality | null;
      status: 'active' | 'paused';
      paused_reason: string | null;
    }>(
      sql`select reported_gold_answered, reported_gold_correct, unreported_labels, reported_at,
            reported_stats, status, paused_reason
          from labeler_campaigns
          where labeler = ${params.labeler} and campaign_id = ${campaign.id}`,
    ),
  ]);
  const row = standing[0];
  const answered = row?.reported_gold_answered ?? 0;
  const correct = row?.reported_gold_correct ?? 0;
  const interval = answered >= spec.minGoldAnswers ? wilsonInterval(correct, answered) : null;
  const quality = row?.reported_stats ?? null;
  return {
    address: params.labeler,
    campaignId: campaign.id,
    status: row?.status ?? 'active',
    pausedReason:
      row?.status === 'paused'
        ? { code: 'LABELER_PAUSED', message: row.paused_reason ?? 'Paused by the gold check.' }
        : null,
    labelsToday: counts[0]?.today ?? 0,
    labelsTotal: counts[0]?.total ?? 0,
    gold: {
      answered,
      correct,
      estimate: interval?.estimate ?? null,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      minAnswers: spec.minGoldAnswers,
      threshold: spec.goldThreshold,
    },
    agreement: quality?.agreement ?? null,
    meanPosterior: quality?.meanPosterior ?? null,
    pendingShare: quality?.pendingShare ?? 0,
    report: {
      batch: REPORT_BATCH,
      nextIn: REPORT_BATCH - (row?.unreported_labels ?? 0),
      reportedAt: row?.reported_at ? new Date(row.reported_at).toISOString() : null,
    },
  };
}
