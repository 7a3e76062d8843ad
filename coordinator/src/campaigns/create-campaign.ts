import { campaigns } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { addUrls } from '../frontier/add-urls.ts';
import { assertScopeHostsAllowed, assertSomeSeedAccepted } from './check-campaign.ts';
import { toCampaign } from './to-campaign.ts';

/**
 * Creates a campaign and queues its seed URLs (sitemaps are read later by the background loop).
 * Fails with CAMPAIGN_EXISTS when the id is taken, and with CAMPAIGN_INVALID when a scope host is
 * one no device may fetch or every seed was refused; nothing is written then.
 *
 * The stored spec leaves the seeds out: they live in the frontier from here on, and the spec is
 * read on hot paths (each URL a lease refill claims, each ingest batch, each contribution the
 * verification sampler looks at), which must not grow with the up to 10,000 seeds a campaign
 * starts with.
 */
export async function createCampaign(
  deps: Pick<Deps, 'db' | 'clock' | 'metrics'>,
  spec: CampaignSpec,
) {
  assertScopeHostsAllowed(spec.scope);
  return deps.db.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({
        id: spec.id,
        name: spec.name,
        spec: { ...spec, seeds: [] },
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError('CAMPAIGN_EXISTS', `A campaign with id "${spec.id}" already exists.`);
    const frontier = await addUrls(
      deps,
      tx,
      { id: spec.id, spec },
      spec.seeds.map((url) => ({ url })),
    );
    assertSomeSeedAccepted(spec.seeds, spec.sitemaps.length > 0, frontier);
    return { campaign: toCampaign(row), frontier };
  });
}
