import { devices } from '@plaza/db';
import { payoutLinkTypes, plazaDomain } from '@plaza/protocol';
import { and, eq, lt } from 'drizzle-orm';
import { recoverTypedDataAddress } from 'viem';
import type { Deps } from '../deps.ts';
import { AppError, NotFoundError, SignatureInvalidError } from '../errors.ts';
import { toDevice } from './to-device.ts';

export interface LinkPayoutParams {
  device: `0x${string}`;
  payout: `0x${string}`;
  nonce: number;
  signature: `0x${string}`;
}

/**
 * Links a device to the payout address that signed a `PayoutLink` for it. The nonce must exceed the
 * last accepted one, so an old link cannot be replayed to move the payout back.
 */
export async function linkPayout(
  deps: Pick<Deps, 'db' | 'config' | 'signer'>,
  params: LinkPayoutParams,
) {
  const signer = await recoverTypedDataAddress({
    domain: plazaDomain({ chainId: deps.config.PLAZA_CHAIN_ID, coordinator: deps.signer.address }),
    types: payoutLinkTypes,
    primaryType: 'PayoutLink',
    message: { device: params.device, payout: params.payout, nonce: BigInt(params.nonce) },
    signature: params.signature,
  }).catch(() => null);
  if (signer?.toLowerCase() !== params.payout) {
    throw new SignatureInvalidError(`The payout link was not signed by ${params.payout}.`);
  }
  const [row] = await deps.db.db
    .update(devices)
    .set({ payoutAddress: params.payout, payoutNonce: params.nonce })
    .where(and(eq(devices.address, params.device), lt(devices.payoutNonce, params.nonce)))
    .returning();
  if (row) return { device: toDevice(row) };
  const [existing] = await deps.db.db
    .select()
    .from(devices)
    .where(eq(devices.address, params.device));
  if (!existing) throw new NotFoundError('NOT_FOUND', `No device ${params.device} is registered.`);
  throw new AppError(
    'NONCE_REPLAYED',
    `Payout link nonce ${params.nonce} is not above the last one (${existing.payoutNonce}).`,
  );
}
