import { campaigns, type PlazaTx } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { eq } from 'drizzle-orm';
import { readSpec } from '../campaigns/read-spec.ts';
import { NotFoundError } from '../errors.ts';

/** A campaign's row and spec, or `CAMPAIGN_NOT_FOUND`. */
export async function loadCampaign(
  tx: PlazaTx,
  id: string,
): Promise<{ id: string; status: string; spec: CampaignSpec }> {
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id));
  if (!row) throw new NotFoundError('CAMPAIGN_NOT_FOUND', `No campaign "${id}".`);
  return { id: row.id, status: row.status, spec: readSpec(row) };
}
