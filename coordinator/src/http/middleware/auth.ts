import { timingSafeEqual } from 'node:crypto';
import type { devices } from '@plaza/db';
import type { Role } from '@plaza/protocol';
import { createMiddleware } from 'hono/factory';
import { findSession, type SessionAccount } from '../../auth/find-session.ts';
import type { Deps } from '../../deps.ts';
import type { DeviceTokenCache } from '../../devices/device-token-cache.ts';
import { findDeviceByToken, hashToken } from '../../devices/register-device.ts';
import { AppError, UnauthorizedError } from '../../errors.ts';
import { describeQuarantine } from '../../verify/describe-quarantine.ts';

/** Variables the auth middlewares set on the context. */
export interface AuthVariables {
  device: typeof devices.$inferSelect;
}

/** Variables the session middleware sets. */
export interface SessionVariables {
  account: SessionAccount;
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Requires a device's bearer token; quarantined devices are refused with the reason, and a device
 * past its request rate with `RATE_LIMITED`. With `cache` (the lease route only), a lookup made
 * within `PLAZA_LEASE_AUTH_CACHE_SECONDS` is trusted instead of asking the database.
 */
export function requireDevice(
  deps: Pick<Deps, 'db' | 'rateLimiter'>,
  options: { cache?: DeviceTokenCache | null } = {},
) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw new UnauthorizedError('A device bearer token is required.');
    const tokenHash = options.cache ? hashToken(token) : '';
    let device = options.cache?.get(tokenHash, () => findDeviceByToken(deps.db, token)) ?? null;
    if (!device) {
      device = await findDeviceByToken(deps.db, token);
      if (device) options.cache?.set(tokenHash, device);
    }
    if (!device) throw new UnauthorizedError('The device token is unknown or was rotated.');
    if (device.status === 'quarantined') {
      const quarantine = describeQuarantine(device);
      throw new AppError(
        'DEVICE_QUARANTINED',
        `Device ${device.address} is quarantined: ${quarantine?.message ?? 'no reason recorded.'}`,
        { details: quarantine },
      );
    }
    deps.rateLimiter.device(device.address);
    c.set('device', device);
    await next();
  });
}

/**
 * Requires a Sign-In with Ethereum session (and a role, when given). Sessions are bearer tokens,
 * never cookies, so no other site can ride on them.
 */
export function requireSession(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'rateLimiter'>,
  role?: Role,
) {
  return createMiddleware<{ Variables: SessionVariables }>(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw new AppError('SESSION_INVALID', 'Sign in first: no session token was sent.');
    const account = await findSession(deps, token);
    if (!account) {
      throw new AppError('SESSION_INVALID', 'The session is unknown or expired; sign in again.');
    }
    deps.rateLimiter.session(account.address);
    if (role && !account.roles.includes(role)) {
      throw new AppError('FORBIDDEN', `Account ${account.address} is not a ${role}.`);
    }
    c.set('account', account);
    await next();
  });
}

/**
 * Requires a reviewer's (or admin's) session, or the operator's admin key: an operator who signs in
 * to the web app with the key reviews as the coordinator's own address, which never labels.
 */
export function requireReviewer(
  deps: Pick<Deps, 'adminKey' | 'db' | 'clock' | 'config' | 'rateLimiter' | 'signer'>,
) {
  const expected = Buffer.from(deps.adminKey);
  const session = requireSession(deps, 'reviewer');
  return createMiddleware<{ Variables: SessionVariables }>(async (c, next) => {
    const given = Buffer.from(bearer(c.req.header('authorization')) ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      c.set('account', {
        address: deps.signer.address,
        roles: ['reviewer', 'admin'],
        expiresAt: new Date(8.64e15),
        tokenHash: 'admin-key',
      });
      await next();
      return;
    }
    return session(c, next);
  });
}

/** Requires the operator's admin key, or the session of an admin account. */
export function requireAdmin(deps: Pick<Deps, 'adminKey' | 'db' | 'clock' | 'config'>) {
  const expected = Buffer.from(deps.adminKey);
  return createMiddleware(async (c, next) => {
    const token = bearer(c.req.header('authorization')) ?? '';
    const given = Buffer.from(token);
    const isKey = given.length === expected.length && timingSafeEqual(given, expected);
    if (!isKey) {
      const account = token ? await findSession(deps, token) : null;
      if (!account?.roles.includes('admin')) {
        throw new UnauthorizedError('The admin key is missing or wrong.');
      }
    }
    await next();
  });
}
