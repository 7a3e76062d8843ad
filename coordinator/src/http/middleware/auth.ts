import { timingSafeEqual } from 'node:crypto';
import type { devices } from '@plaza/db';
import { createMiddleware } from 'hono/factory';
import type { Deps } from '../../deps.ts';
import { findDeviceByToken } from '../../devices/register-device.ts';
import { AppError, UnauthorizedError } from '../../errors.ts';

/** Variables the auth middlewares set on the context. */
export interface AuthVariables {
  device: typeof devices.$inferSelect;
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Requires a device's bearer token; quarantined devices are refused with the reason. */
export function requireDevice(deps: Pick<Deps, 'db'>) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw new UnauthorizedError('A device bearer token is required.');
    const device = await findDeviceByToken(deps.db, token);
    if (!device) throw new UnauthorizedError('The device token is unknown or was rotated.');
    if (device.status === 'quarantined') {
      throw new AppError('DEVICE_QUARANTINED', `Device ${device.address} is quarantined.`);
    }
    c.set('device', device);
    await next();
  });
}

/** Requires the operator's admin key. */
export function requireAdmin(deps: Pick<Deps, 'adminKey'>) {
  const expected = Buffer.from(deps.adminKey);
  return createMiddleware(async (c, next) => {
    const given = Buffer.from(bearer(c.req.header('authorization')) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedError('The admin key is missing or wrong.');
    }
    await next();
  });
}
