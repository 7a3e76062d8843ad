import { campaignIdSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { ValidationError } from '../../errors.ts';
import { verificationReport } from '../../verify/verification-report.ts';
import { requireAdmin } from '../middleware/auth.ts';

/** `/v1/campaigns/:id/verification` (admin): checks, detections and device reputations. */
export function verificationRoutes(deps: Deps) {
  return new Hono().get('/:id/verification', requireAdmin(deps), async (c) => {
    const parsed = campaignIdSchema.safeParse(c.req.param('id'));
    if (!parsed.success) throw new ValidationError(`"${c.req.param('id')}" is not a campaign id.`);
    return c.json(await verificationReport(deps, parsed.data));
  });
}
