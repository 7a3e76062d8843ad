import { leaseRequestSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { leaseJobs } from '../../leases/lease-jobs.ts';
import { type AuthVariables, requireDevice } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';

/** `/v1/leases`: a device asks for fetch jobs. */
export function leasesRoutes(deps: Deps) {
  const auth = requireDevice(deps, { cache: deps.leaseAuthCache });
  return new Hono<{ Variables: AuthVariables }>().post('/', auth, async (c) => {
    const body = await readJson(c, leaseRequestSchema);
    const device = c.get('device').address;
    return c.json(await leaseJobs(deps, { device, max: body.max, campaignId: body.campaignId }));
  });
}
