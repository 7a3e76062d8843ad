import { join } from 'node:path';
import { addressSchema, campaignIdSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import { getProof } from '../../datasets/get-proof.ts';
import type { Deps } from '../../deps.ts';
import { ValidationError } from '../../errors.ts';

/** `/v1/datasets`: proofs of shares in frozen versions (public: a proof only helps its holder). */
export function datasetsRoutes(deps: Deps) {
  const exportsDir = deps.config.PLAZA_EXPORTS_DIR || join(deps.config.PLAZA_DATA_DIR, 'exports');
  return new Hono().get('/:campaignId/versions/:version/proofs/:account', async (c) => {
    const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
    const account = addressSchema.safeParse(c.req.param('account'));
    const version = Number(c.req.param('version'));
    if (!campaignId.success || !account.success || !Number.isInteger(version) || version < 1) {
      throw new ValidationError('Expected /v1/datasets/<campaign>/versions/<n>/proofs/<address>.');
    }
    return c.json(
      await getProof(exportsDir, { campaignId: campaignId.data, version, account: account.data }),
    );
  });
}
