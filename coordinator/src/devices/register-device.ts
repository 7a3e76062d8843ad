import { createHash, randomBytes } from 'node:crypto';
import { type Db, devices } from '@plaza/db';
import { deviceRegistrationTypes, plazaDomain } from '@plaza/protocol';
import { eq, sql } from 'drizzle-orm';
import { recoverTypedDataAddress } from 'viem';
import { unixSeconds } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { AppError, SignatureInvalidError } from '../errors.ts';
import { toDevice } from './to-device.ts';

/** How far `issuedAt` may be from the coordinator's clock. */
export const REGISTRATION_WINDOW_SECONDS = 600;

export interface RegisterDeviceParams {
  address: `0x${string}`;
  issuedAt: number;
  signature: `0x${string}`;
}

/** sha256 of a bearer token, as stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Registers a device that proved its key by signing a recent `DeviceRegistration`, and gives it a
 * fresh bearer token. Registering again rotates the token, but only with a newer `issuedAt`, so a
 * captured registration cannot be replayed to take the device's token over.
 */
export async function registerDevice(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer'>,
  params: RegisterDeviceParams,
) {
  const now = unixSeconds(deps.clock.now());
  if (Math.abs(now - params.issuedAt) > REGISTRATION_WINDOW_SECONDS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Registration issuedAt ${params.issuedAt} is more than ${REGISTRATION_WINDOW_SECONDS}s from now (${now}).`,
    );
  }
  const signer = await recoverTypedDataAddress({
    domain: plazaDomain({ chainId: deps.config.PLAZA_CHAIN_ID, coordinator: deps.signer.address }),
    types: deviceRegistrationTypes,
    primaryType: 'DeviceRegistration',
    message: { device: params.address, issuedAt: BigInt(params.issuedAt) },
    signature: params.signature,
  }).catch(() => null);
  if (signer?.toLowerCase() !== params.address) {
    throw new SignatureInvalidError(
      `The registration signature was not made by ${params.address}.`,
    );
  }
  const token = randomBytes(32).toString('base64url');
  const [row] = await deps.db.db
    .insert(devices)
    .values({
      address: params.address,
      tokenHash: hashToken(token),
      registeredIssuedAt: params.issuedAt,
    })
    .onConflictDoUpdate({
      target: devices.address,
      set: { tokenHash: hashToken(token), registeredIssuedAt: params.issuedAt },
      setWhere: sql`${devices.registeredIssuedAt} < ${params.issuedAt}`,
    })
    .returning();
  if (!row) {
    throw new AppError(
      'NONCE_REPLAYED',
      `Device ${params.address} already registered with an issuedAt at or after ${params.issuedAt}.`,
    );
  }
  return { device: toDevice(row), token };
}

/** Finds the device a bearer token belongs to. */
export async function findDeviceByToken(db: Db, token: string) {
  const [row] = await db.db
    .select()
    .from(devices)
    .where(eq(devices.tokenHash, hashToken(token)))
    .limit(1);
  return row ?? null;
}
