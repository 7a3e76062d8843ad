import type { campaigns } from '@plaza/db';
import { type CampaignSpec, createCampaignRequestSchema } from '@plaza/protocol';

/**
 * A campaign row's spec, with the defaults of fields added since the row was written (the spec is
 * stored as JSON, so a campaign created before a field existed simply lacks it).
 */
export function readSpec(row: Pick<typeof campaigns.$inferSelect, 'spec'>): CampaignSpec {
  return createCampaignRequestSchema.parse(row.spec);
}
