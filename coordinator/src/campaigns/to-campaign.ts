import type { campaigns } from '@plaza/db';
import type { Campaign, CampaignSpec } from '@plaza/protocol';

/** The wire shape of a campaign row. */
export function toCampaign(row: typeof campaigns.$inferSelect): Campaign {
  const spec = row.spec as CampaignSpec;
  return {
    id: row.id,
    name: row.name,
    description: spec.description,
    status: row.status,
    scope: spec.scope,
    maxPages: spec.maxPages,
    politeness: spec.politeness,
    extraction: spec.extraction,
    needsBrowser: spec.needsBrowser,
    languages: spec.languages,
    labelSchema: spec.labelSchema,
    overlap: spec.overlap,
    goldFraction: spec.goldFraction,
    qualityFloor: spec.qualityFloor,
    attribution: spec.attribution,
    createdAt: row.createdAt.toISOString(),
  };
}
