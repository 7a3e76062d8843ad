import { prelabelLeaseRequestSchema, submitPrelabelsRequestSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { leasePrelabels } from '../../prelabel/lease-prelabels.ts';
import { submitPrelabels } from '../../prelabel/submit-prelabels.ts';
import { type AuthVariables, requireDevice } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';

/** `/v1/prelabel`: devices lease items to run a campaign model on, and submit signed outputs. */
export function prelabelRoutes(deps: Deps) {
  return new Hono<{ Variables: AuthVariables }>()
    .post('/leases', requireDevice(deps), async (c) => {
      const body = await readJson(c, prelabelLeaseRequestSchema);
      const device = c.get('device').address;
      return c.json(
        await leasePrelabels(deps, { device, max: body.max, campaignId: body.campaignId }),
      );
    })
    .post('/results', requireDevice(deps), async (c) => {
      const body = await readJson(c, submitPrelabelsRequestSchema);
      return c.json(await submitPrelabels(deps, c.get('device').address, body));
    });
}
