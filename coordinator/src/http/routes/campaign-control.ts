import { campaignIdSchema, updateCampaignRequestSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { campaignHosts } from '../../campaigns/campaign-hosts.ts';
import { changeCampaignStatus } from '../../campaigns/change-status.ts';
import { updateCampaign } from '../../campaigns/update-campaign.ts';
import type { Deps } from '../../deps.ts';
import { ValidationError } from '../../errors.ts';
import { requireAdmin } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';
import { readQuery } from '../read-query.ts';

/** Exported for the OpenAPI document. */
export const hostsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function parseId(value: string): string {
  const parsed = campaignIdSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`"${value}" is not a campaign id.`);
  return parsed.data;
}

/**
 * `/v1/campaigns/:id` steering (admin): edit (PATCH), pause, resume, close, and the per-host
 * diagnosis of what holds the campaign back.
 */
export function campaignControlRoutes(deps: Deps) {
  const admin = requireAdmin(deps);
  return new Hono()
    .patch('/:id', admin, async (c) => {
      const id = parseId(c.req.param('id'));
      return c.json(await updateCampaign(deps, id, await readJson(c, updateCampaignRequestSchema)));
    })
    .post('/:id/pause', admin, async (c) =>
      c.json(await changeCampaignStatus(deps, parseId(c.req.param('id')), 'pause')),
    )
    .post('/:id/resume', admin, async (c) =>
      c.json(await changeCampaignStatus(deps, parseId(c.req.param('id')), 'resume')),
    )
    .post('/:id/close', admin, async (c) =>
      c.json(await changeCampaignStatus(deps, parseId(c.req.param('id')), 'close')),
    )
    .get('/:id/hosts', admin, async (c) => {
      const { limit } = readQuery(c, hostsQuerySchema);
      return c.json(await campaignHosts(deps, parseId(c.req.param('id')), limit));
    });
}
