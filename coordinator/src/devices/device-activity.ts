import { devicePayoutEvents, devices } from '@plaza/db';
import type { DeviceActivityResponse } from '@plaza/protocol';
import { desc, eq } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { toDevice } from './to-device.ts';

/** Payout changes an activity answer lists at most (newest first). */
export const DEVICE_ACTIVITY_LIMIT = 100;

/**
 * A device and its payout changes, newest first, each with the signatures that allowed it: the
 * extension shows them and checks each change against its own key.
 */
export async function deviceActivity(
  deps: Pick<Deps, 'db'>,
  address: `0x${string}`,
): Promise<DeviceActivityResponse> {
  const [row] = await deps.db.db.select().from(devices).where(eq(devices.address, address));
  if (!row) throw new NotFoundError('NOT_FOUND', `No device ${address} is registered.`);
  const events = await deps.db.db
    .select()
    .from(devicePayoutEvents)
    .where(eq(devicePayoutEvents.deviceAddress, address))
    .orderBy(desc(devicePayoutEvents.nonce))
    .limit(DEVICE_ACTIVITY_LIMIT);
  return {
    device: toDevice(row),
    events: events.map((e) => ({
      kind: e.kind,
      nonce: e.nonce,
      payout: e.payoutAddress as `0x${string}` | null,
      previous: e.previousAddress as `0x${string}` | null,
      issuedAt: e.issuedAt,
      deviceSignature: e.deviceSignature,
      payoutSignature: e.payoutSignature,
      at: e.createdAt.toISOString(),
    })),
  };
}
