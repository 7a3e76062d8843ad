import { devices } from '@plaza/db';
import {
  addressSchema,
  linkPayoutRequestSchema,
  registerDeviceRequestSchema,
  unlinkPayoutRequestSchema,
} from '@plaza/protocol';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { deviceActivity } from '../../devices/device-activity.ts';
import { linkPayout, unlinkPayout } from '../../devices/link-payout.ts';
import { registerDevice } from '../../devices/register-device.ts';
import { toDevice } from '../../devices/to-device.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { readJson } from '../read-json.ts';

function parseAddress(value: string): `0x${string}` {
  const parsed = addressSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`"${value}" is not an address.`);
  return parsed.data;
}

/** `/v1/devices`: registration, lookup, payout links and unlinks, activity. */
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
