import { campaignIdSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { ValidationError } from '../../errors.ts';
import { campaignModel } from '../../prelabel/campaign-model.ts';
import { trainCampaignModel } from '../../prelabel/train-campaign-model.ts';
import { requireAdmin } from '../middleware/auth.ts';

/** `/v1/campaigns/:id/model`: the campaign's pre-label model; train it now (admin). */
export function campaignModelRoutes(deps: Deps) {
  const idOf = (raw: string) => {
    const parsed = campaignIdSchema.safeParse(raw);
    if (!parsed.success) throw new ValidationError(`"${raw.slice(0, 80)}" is not a campaign id.`);
    return parsed.data;
  };
  return new Hono()
    .get('/:id/model', async (c) => c.json(await campaignModel(deps, idOf(c.req.param('id')))))
    .post('/:id/model', requireAdmin(deps), async (c) =>
      c.json(await trainCampaignModel(deps, idOf(c.req.param('id')), { force: true })),
    );
}
