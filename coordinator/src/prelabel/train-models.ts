import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { trainCampaignModel } from './train-campaign-model.ts';

/**
 * The training loop's round: every active campaign with aggregated labels gets a model once it
 * has enough, and a new version when they grew enough (see `trainCampaignModel`).
 */
export async function trainModels(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>,
): Promise<void> {
  const campaigns = await deps.db.rows<{ id: string }>(
    sql`select id from campaigns where status = 'active'
          and exists (select 1 from label_aggregates a where a.campaign_id = campaigns.id)
        order by id`,
  );
  for (const campaign of campaigns) await trainCampaignModel(deps, campaign.id);
}
