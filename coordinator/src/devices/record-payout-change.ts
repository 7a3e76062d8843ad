import { devicePayoutEvents, devices } from '@plaza/db';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError, NotFoundError } from '../errors.ts';
import { toDevice } from './to-device.ts';

/** A checked payout change: a link (both signatures) or an unlink (the device's). */
export interface PayoutChange {
  device: `0x${string}`;
  kind: 'payout_linked' | 'payout_unlinked';
  /** The new payout; null: back to the device address. */
  payout: `0x${string}` | null;
  nonce: number;
  issuedAt: number;
  deviceSignature: string;
  payoutSignature: string | null;
}

/**
 * Applies a payout change whose signatures were checked, in one transaction: the device's row is
 * locked, its nonce must be exactly one below the change's (`NONCE_REPLAYED` at or below the last
 * one, `NONCE_OUT_OF_ORDER` above the next), then the payout moves and the change is recorded in
 * the device's activity with its signatures. Two racing changes with the same nonce: one wins.
 */
export async function recordPayoutChange(deps: Pick<Deps, 'db' | 'clock'>, change: PayoutChange) {
  return deps.db.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(devices)
      .where(eq(devices.address, change.device))
      .for('update');
    if (!current) throw new NotFoundError('NOT_FOUND', `No device ${change.device} is registered.`);
    const expected = current.payoutNonce + 1;
    if (change.nonce !== expected) {
      throw new AppError(
        change.nonce < expected ? 'NONCE_REPLAYED' : 'NONCE_OUT_OF_ORDER',
        `Payout nonce ${change.nonce} is not the device's next one (${expected}).`,
        { details: { expected } },
      );
    }
    const [row] = await tx
      .update(devices)
      .set({ payoutAddress: change.payout, payoutNonce: change.nonce })
      .where(eq(devices.address, change.device))
      .returning();
    await tx.insert(devicePayoutEvents).values({
      deviceAddress: change.device,
      nonce: change.nonce,
      kind: change.kind,
      payoutAddress: change.payout,
      previousAddress: current.payoutAddress,
      issuedAt: change.issuedAt,
      deviceSignature: change.deviceSignature,
      payoutSignature: change.payoutSignature,
      createdAt: deps.clock.now(),
    });
    if (!row) throw new NotFoundError('NOT_FOUND', `No device ${change.device} is registered.`);
    return { device: toDevice(row) };
  });
}
