import { addressSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import { exportsDirOf } from '../../datasets/freeze-campaign.ts';
import type { Deps } from '../../deps.ts';
import { accountEarnings } from '../../earnings/account-earnings.ts';
import { ValidationError } from '../../errors.ts';

/**
 * `GET /v1/accounts/:address/earnings`: an account's shares and revenue per frozen version.
 * Public: the shares tree is published with each version and the revenue is on chain.
 */
export function accountsRoutes(deps: Deps) {
  return new Hono().get('/:address/earnings', async (c) => {
    const parsed = addressSchema.safeParse(c.req.param('address'));
    if (!parsed.success) {
      throw new ValidationError(`"${c.req.param('address')}" is not an address.`);
    }
    return c.json(
      await accountEarnings(deps, { exportsDir: exportsDirOf(deps.config), account: parsed.data }),
    );
  });
}
