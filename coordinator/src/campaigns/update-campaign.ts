import { campaigns } from '@plaza/db';
import {
  type CampaignChangeResponse,
  createCampaignRequestSchema,
  type UpdateCampaignRequest,
  updateCampaignRequestSchema,
} from '@plaza/protocol';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { ValidationError } from '../errors.ts';
import { assertNotClosed, lockCampaign } from './change-status.ts';
import { assertScopeHostsAllowed } from './check-campaign.ts';
import { readSpec } from './read-spec.ts';
import { rescopeFrontier } from './rescope-frontier.ts';
import { toCampaign } from './to-campaign.ts';

/**
 * Edits a campaign: merges the patch into its spec, checks the result as a whole (and its scope
 * hosts against the egress policy), and, when the scope or the page limit changed, brings the
 * frontier in line (`rescopeFrontier`). Overlap, quality floor and the gold settings take effect
 * at the next lease and the next task sync; rows already frozen keep the settings of their
 * version. A closed campaign answers CAMPAIGN_CLOSED.
 */
export async function updateCampaign(
  deps: Pick<Deps, 'db' | 'clock' | 'logger'>,
  id: string,
  request: UpdateCampaignRequest,
): Promise<CampaignChangeResponse> {
  const patch = updateCampaignRequestSchema.parse(request);
  const result = await deps.db.db.transaction(async (tx) => {
    const row = await lockCampaign(tx, id);
    assertNotClosed(row, 'edited');
    const before = readSpec(row);
    const merged = createCampaignRequestSchema.safeParse({ ...before, ...patch });
    if (!merged.success) {
      throw new ValidationError(
        `The edited campaign is not valid: ${merged.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
      );
    }
    const spec = merged.data;
    if (patch.scope) assertScopeHostsAllowed(spec.scope);
    const [updated] = await tx
      .update(campaigns)
      .set({ name: spec.name, spec })
      .where(eq(campaigns.id, id))
      .returning();
    const reshaped =
      patch.scope !== undefined ||
      (patch.maxPages !== undefined && patch.maxPages !== before.maxPages);
    const frontier = reshaped
      ? await rescopeFrontier(deps, tx, { id, spec })
      : { requeuedHosts: 0, requeued: 0, refused: 0 };
    return { row: updated ?? row, frontier };
  });
  deps.logger.info('campaign edited', {
    campaign: id,
    fields: Object.keys(patch),
    ...result.frontier,
  });
  return { campaign: toCampaign(result.row), frontier: result.frontier };
}
