import type { CampaignModelResponse, ModelMetrics } from '@plaza/protocol';
import { routes } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { loadCampaign } from '../labeling/load-campaign.ts';

/** A campaign's current model with its evaluation, its last training run, and pre-label counts. */
export async function campaignModel(
  deps: Pick<Deps, 'db'>,
  campaignId: string,
): Promise<CampaignModelResponse> {
  await loadCampaign(deps.db.db, campaignId);
  const [run] = await deps.db.rows<{
    outcome: string;
    labels: number;
    metrics: ModelMetrics | null;
    trained_at: string | Date;
    hash: string | null;
    classes: string[] | null;
    model_labels: number | null;
    model_metrics: ModelMetrics | null;
    created_at: string | Date | null;
  }>(
    sql`select r.outcome, r.labels, r.metrics, r.trained_at, m.hash, m.classes,
          m.labels as model_labels, m.metrics as model_metrics, m.created_at
        from prelabel_runs r left join prelabel_models m on m.hash = r.model_hash
        where r.campaign_id = ${campaignId}`,
  );
  const counts = await deps.db.rows<{ backend: string | null; n: number }>(
    sql`select source->>'backend' as backend, count(*)::int as n from prelabels
        where campaign_id = ${campaignId} and source->>'kind' = 'model'
        group by 1 order by 1`,
  );
  const byBackend = Object.fromEntries(counts.map((c) => [c.backend ?? 'unknown', Number(c.n)]));
  return {
    model:
      run?.hash && run.classes && run.model_metrics && run.created_at
        ? {
            hash: run.hash,
            classes: run.classes,
            labels: Number(run.model_labels),
            metrics: run.model_metrics,
            createdAt: new Date(run.created_at).toISOString(),
            modelUrl: routes.modelJson(run.hash),
          }
        : null,
    lastRun: run
      ? {
          outcome: run.outcome,
          labels: Number(run.labels),
          metrics: run.metrics,
          at: new Date(run.trained_at).toISOString(),
        }
      : null,
    prelabeled: counts.reduce((sum, c) => sum + Number(c.n), 0),
    byBackend,
  };
}
