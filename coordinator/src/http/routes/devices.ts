import { devices } from '@plaza/db';
import {
  addressSchema,
  linkPayoutRequestSchema,
  registerDeviceRequestSchema,
  unlinkPayoutRequestSchema,
} from '@plaza/protocol';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { exportsDirOf } from '../../datasets/freeze-campaign.ts';
import type { Deps } from '../../deps.ts';
import { deviceActivity } from '../../devices/device-activity.ts';
import { linkPayout, unlinkPayout } from '../../devices/link-payout.ts';
import { registerDevice } from '../../devices/register-device.ts';
import { toDevice } from '../../devices/to-device.ts';
import { deviceEarnings } from '../../earnings/device-earnings.ts';
import { AppError, NotFoundError, ValidationError } from '../../errors.ts';
import { requireDevice } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';

function parseAddress(value: string): `0x${string}` {
  const parsed = addressSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`"${value}" is not an address.`);
  return parsed.data;
}

/**
 * `/v1/devices`: registration, lookup, payout links and unlinks, activity, earnings. Earnings go to
 * the device's own token only: they say how much it crawled and which of its pages failed
 * verification, nobody else's business (shares and revenue alone are public, under `/v1/accounts`).
 */
export function devicesRoutes(deps: Deps) {
  return new Hono()
    .post('/', async (c) => {
      const body = await readJson(c, registerDeviceRequestSchema);
      return c.json(await registerDevice(deps, body), 201);
    })
    .get('/:address', async (c) => {
      const address = parseAddress(c.req.param('address'));
      const [row] = await deps.db.db.select().from(devices).where(eq(devices.address, address));
      if (!row) throw new NotFoundError('NOT_FOUND', `No device ${address} is registered.`);
      return c.json({ device: toDevice(row) });
    })
    .get('/:address/activity', async (c) => {
      const address = parseAddress(c.req.param('address'));
      return c.json(await deviceActivity(deps, address));
    })
    .get('/:address/earnings', requireDevice(deps), async (c) => {
      const address = parseAddress(c.req.param('address'));
      if (c.get('device').address.toLowerCase() !== address) {
        throw new AppError('FORBIDDEN', `This token is not device ${address}'s.`);
      }
      return c.json(
        await deviceEarnings(deps, { exportsDir: exportsDirOf(deps.config), device: address }),
      );
    })
    .post('/:address/payout', async (c) => {
      const device = parseAddress(c.req.param('address'));
      const body = await readJson(c, linkPayoutRequestSchema);
      return c.json(await linkPayout(deps, { device, ...body }));
    })
    .post('/:address/payout/unlink', async (c) => {
      const device = parseAddress(c.req.param('address'));
      const body = await readJson(c, unlinkPayoutRequestSchema);
      return c.json(await unlinkPayout(deps, { device, ...body }));
    });
}
