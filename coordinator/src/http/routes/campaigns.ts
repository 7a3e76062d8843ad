import { campaigns } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import {
  addGoldRequestSchema,
  addUrlsRequestSchema,
  campaignIdSchema,
  createCampaignRequestSchema,
  importPrelabelsRequestSchema,
} from '@plaza/protocol';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { createCampaign } from '../../campaigns/create-campaign.ts';
import { getCampaign, listCampaigns } from '../../campaigns/get-campaign.ts';
import { freezeCampaign } from '../../datasets/freeze-campaign.ts';
import type { Deps } from '../../deps.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { addUrls } from '../../frontier/add-urls.ts';
import { addGold } from '../../labeling/add-gold.ts';
import { aggregateCampaign } from '../../labeling/aggregate-campaign.ts';
import { campaignItems } from '../../labeling/campaign-items.ts';
import { dashboard } from '../../labeling/dashboard.ts';
import { importPrelabels } from '../../labeling/import-prelabels.ts';
import { requireAdmin } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';
import { readQuery } from '../read-query.ts';
import { streamProgress, wantsProgress } from '../stream-progress.ts';

/** Exported for the OpenAPI document. */
export const freezeRequestSchema = z.strictObject({
  /** The dataset's id on chain (the shares leaves are bound to it); given by the chain when there is one. */
  datasetId: z
    .string()
    .regex(/^\d{1,19}$/, 'expected a decimal dataset id')
    // The shares tree binds ids 1..2^64-1; 19 digits stay under the top. zod runs this check
    // even after the regex failed, so it must not parse what the regex refused.
    .refine((value) => !/^\d+$/.test(value) || BigInt(value) > 0n, 'expected a dataset id from 1')
    .optional(),
  /** Freeze even when fewer rows are labelled than PLAZA_FREEZE_MIN_LABELLED. */
  force: z.boolean().default(false),
});

/** Exported for the OpenAPI document. */
export const itemsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.coerce.number().int().min(0).default(0),
});

function parseId(value: string): string {
  const parsed = campaignIdSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`"${value}" is not a campaign id.`);
  return parsed.data;
}

/**
 * `/v1/campaigns`: create (admin), list, show with stats, add URLs (admin), gold answers and
 * pre-label imports (admin), items (admin), the pipeline dashboard, aggregate now (admin).
 */
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
    })
    .post('/:id/gold', admin, async (c) => {
      const id = parseId(c.req.param('id'));
      return c.json(await addGold(deps, id, await readJson(c, addGoldRequestSchema)));
    })
    .post('/:id/prelabels', admin, async (c) => {
      const id = parseId(c.req.param('id'));
      return c.json(
        await importPrelabels(deps, id, await readJson(c, importPrelabelsRequestSchema)),
      );
    })
    .get('/:id/items', admin, async (c) => {
      const campaignId = parseId(c.req.param('id'));
      return c.json(await campaignItems(deps, { campaignId, ...readQuery(c, itemsQuerySchema) }));
    })
    .get('/:id/dashboard', admin, async (c) =>
      c.json(await dashboard(deps, parseId(c.req.param('id')))),
    )
    .post('/:id/versions', admin, async (c) => {
      const campaignId = parseId(c.req.param('id'));
      const { datasetId, force } = await readJson(c, freezeRequestSchema);
      const params = {
        campaignId,
        force,
        ...(datasetId === undefined ? {} : { datasetId: BigInt(datasetId) }),
      };
      // With `Accept: application/x-ndjson` the answer streams the freeze's progress.
      if (wantsProgress(c)) {
        return streamProgress(c, deps.logger, (progress) =>
          freezeCampaign(deps, params, (step, detail) => progress({ step, ...detail })),
        );
      }
      return c.json(await freezeCampaign(deps, params), 201);
    })
    .post('/:id/aggregate', admin, async (c) =>
      c.json(await aggregateCampaign(deps, parseId(c.req.param('id')), { force: true })),
    );
}
