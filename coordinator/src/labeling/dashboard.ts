import type { Dashboard } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { campaignStats } from '../campaigns/get-campaign.ts';
import type { Deps } from '../deps.ts';
import { loadCampaign } from './load-campaign.ts';

const HISTOGRAM_BINS = 20;
const MINUTES = 60;

type DashboardDeps = Pick<Deps, 'db' | 'clock'>;

/**
 * What the pipeline dashboard draws for a campaign: frontier by status, pages fetched per minute
 * over the last hour, the duplicate rate, the quality histogram, labeling progress, alpha and the
 * labelers.
 */
export async function dashboard(deps: DashboardDeps, campaignId: string): Promise<Dashboard> {
  const campaign = await loadCampaign(deps.db.db, campaignId);
  const now = deps.clock.now();
  const [stats, fetchedPerMinute, qualityHistogram, labeling, labelers] = await Promise.all([
    campaignStats(deps, campaignId),
    pagesPerMinute(deps, campaignId, now),
    qualityHistogramOf(deps, campaignId),
    labelingProgress(deps, campaignId, campaign.spec.overlap),
    labelerStandings(deps, campaignId),
  ]);
  const fetched = Object.values(stats.contributions).reduce((sum, n) => sum + n, 0);
  const duplicates =
    (stats.contributions.duplicate ?? 0) + (stats.contributions.near_duplicate ?? 0);
  return {
    campaignId,
    generatedAt: now.toISOString(),
    frontier: stats.frontier,
    fetchedPerMinute,
    contributions: stats.contributions,
    duplicateRate: fetched === 0 ? 0 : duplicates / fetched,
    qualityHistogram,
    qualityFloor: campaign.spec.qualityFloor,
    labeling: {
      ...labeling,
      pausedLabelers: labelers.filter((row) => row.status === 'paused').length,
    },
    labelers,
  };
}

/** Pages contributed in each of the last `MINUTES` minutes up to `now`, oldest first. */
async function pagesPerMinute(
  deps: DashboardDeps,
  campaignId: string,
  now: Date,
): Promise<Dashboard['fetchedPerMinute']> {
  const since = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (MINUTES - 1) * 60_000);
  const perMinute = await deps.db.rows<{ minute: number; pages: number }>(
    sql`select floor(extract(epoch from created_at) / 60)::bigint as minute, count(*)::int as pages
        from contributions where campaign_id = ${campaignId}
          and created_at >= ${since.toISOString()}
        group by 1`,
  );
  const pagesByMinute = new Map(perMinute.map((row) => [row.minute, row.pages]));
  return Array.from({ length: MINUTES }, (_, index) => {
    const minute = since.getTime() / 60_000 + index;
    return {
      minute: new Date(minute * 60_000).toISOString(),
      pages: pagesByMinute.get(minute) ?? 0,
    };
  });
}

/** Items per quality bin (`HISTOGRAM_BINS` equal bins over [0, 1]). */
async function qualityHistogramOf(deps: DashboardDeps, campaignId: string): Promise<number[]> {
  const histogram = await deps.db.rows<{ bin: number; n: number }>(
    sql`select least(${HISTOGRAM_BINS - 1}, floor(quality_score * ${HISTOGRAM_BINS}))::int as bin,
          count(*)::int as n
        from items where campaign_id = ${campaignId} group by 1`,
  );
  const bins = Array.from({ length: HISTOGRAM_BINS }, () => 0);
  for (const row of histogram) bins[row.bin] = row.n;
  return bins;
}

/** Tasks by how many labels they have, gold, reviews, labels, labelers and the last run. */
async function labelingProgress(
  deps: DashboardDeps,
  campaignId: string,
  overlap: number,
): Promise<Omit<Dashboard['labeling'], 'pausedLabelers'>> {
  const [tasks, reviewed, labelCounts, run] = await Promise.all([
    deps.db.rows<{ count: number; gold: boolean; n: number }>(
      sql`select least(labels_count, ${overlap})::int as count,
            gold_value is not null as gold, count(*)::int as n
          from label_tasks where campaign_id = ${campaignId} group by 1, 2`,
    ),
    deps.db.rows<{ n: number }>(
      sql`select count(*)::int as n from label_aggregates
          where campaign_id = ${campaignId} and method = 'review'`,
    ),
    deps.db.rows<{ labels: number; labelers: number }>(
      sql`select count(*)::int as labels, count(distinct labeler)::int as labelers
          from labels where campaign_id = ${campaignId}`,
    ),
    deps.db.rows<{ alpha: number | null; computed_at: string | Date }>(
      sql`select alpha, computed_at from label_runs where campaign_id = ${campaignId}`,
    ),
  ]);
  const byLabelCount = Array.from({ length: overlap + 1 }, () => 0);
  let taskCount = 0;
  let goldCount = 0;
  for (const row of tasks) {
    if (row.gold) {
      goldCount += row.n;
      continue;
    }
    taskCount += row.n;
    byLabelCount[row.count] = (byLabelCount[row.count] ?? 0) + row.n;
  }
  const lastRun = run[0];
  return {
    tasks: taskCount,
    gold: goldCount,
    byLabelCount,
    complete: byLabelCount[overlap] ?? 0,
    reviewed: reviewed[0]?.n ?? 0,
    labels: labelCounts[0]?.labels ?? 0,
    labelers: labelCounts[0]?.labelers ?? 0,
    alpha: lastRun?.alpha ?? null,
    aggregatedAt: lastRun ? new Date(lastRun.computed_at).toISOString() : null,
  };
}

/** The campaign's 100 most active labelers: labels, gold accuracy, estimated accuracy, status. */
async function labelerStandings(
  deps: DashboardDeps,
  campaignId: string,
): Promise<Dashboard['labelers']> {
  const rows = await deps.db.rows<{
    labeler: string;
    labels: number;
    gold_answered: number | null;
    gold_correct: number | null;
    estimated_accuracy: number | null;
    status: 'active' | 'paused' | null;
  }>(
    sql`select l.labeler, count(*)::int as labels, lc.gold_answered, lc.gold_correct,
          lc.estimated_accuracy, lc.status
        from labels l left join labeler_campaigns lc
          on lc.campaign_id = l.campaign_id and lc.labeler = l.labeler
        where l.campaign_id = ${campaignId}
        group by l.labeler, lc.gold_answered, lc.gold_correct, lc.estimated_accuracy, lc.status
        order by count(*) desc limit 100`,
  );
  return rows.map((row) => ({
    address: row.labeler as `0x${string}`,
    labels: row.labels,
    goldAccuracy: row.gold_answered ? (row.gold_correct ?? 0) / row.gold_answered : null,
    estimatedAccuracy: row.estimated_accuracy,
    status: row.status ?? 'active',
  }));
}
