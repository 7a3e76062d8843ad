import { campaigns } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import {
  addUrlsRequestSchema,
  campaignIdSchema,
  createCampaignRequestSchema,
} from '@plaza/protocol';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { createCampaign } from '../../campaigns/create-campaign.ts';
import { getCampaign, listCampaigns } from '../../campaigns/get-campaign.ts';
import type { Deps } from '../../deps.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { addUrls } from '../../frontier/add-urls.ts';
import { requireAdmin } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';

function parseId(value: string): string {
  const parsed = campaignIdSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`"${value}" is not a campaign id.`);
  return parsed.data;
}

/** `/v1/campaigns`: create (admin), list, show with stats, add URLs (admin). */
export function campaignsRoutes(deps: Deps) {
  const admin = requireAdmin(deps);
  return new Hono()
    .get('/', async (c) => c.json(await listCampaigns(deps)))
    .post('/', admin, async (c) => {
      const spec = await readJson(c, createCampaignRequestSchema);
      return c.json(await createCampaign(deps, spec), 201);
    })
    .get('/:id', async (c) => c.json(await getCampaign(deps, parseId(c.req.param('id')))))
    .post('/:id/urls', admin, async (c) => {
      const id = parseId(c.req.param('id'));
      const { urls } = await readJson(c, addUrlsRequestSchema);
      const result = await deps.db.db.transaction(async (tx) => {
        const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id));
        if (!row) throw new NotFoundError('CAMPAIGN_NOT_FOUND', `No campaign "${id}".`);
        return addUrls(
          deps,
          tx,
          { id, spec: row.spec as CampaignSpec },
          urls.map((url) => ({ url })),
        );
      });
      return c.json(result);
    });
}
