import type { campaigns } from '@plaza/db';
import type { Campaign } from '@plaza/protocol';
import { readSpec } from './read-spec.ts';

/** The wire shape of a campaign row. */
export function toCampaign(row: typeof campaigns.$inferSelect): Campaign {
  const spec = readSpec(row);
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
    verifyRate: spec.verifyRate,
    serverCrawl: spec.serverCrawl,
    languages: spec.languages,
    labelSchema: spec.labelSchema,
    overlap: spec.overlap,
    goldFraction: spec.goldFraction,
    goldThreshold: spec.goldThreshold,
    minGoldAnswers: spec.minGoldAnswers,
    blindFraction: spec.blindFraction,
    reviewThreshold: spec.reviewThreshold,
    qualityFloor: spec.qualityFloor,
    attribution: spec.attribution,
    license: spec.license,
    attributionRule: spec.attributionRule,
    createdAt: row.createdAt.toISOString(),
  };
}
