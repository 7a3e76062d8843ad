import type { devices } from '@plaza/db';
import type { Device } from '@plaza/protocol';

/** The wire shape of a device row. */
export function toDevice(row: typeof devices.$inferSelect): Device {
  return {
    address: row.address as `0x${string}`,
    payout: (row.payoutAddress as `0x${string}` | null) ?? null,
    reputation: row.reputation,
    status: row.status,
    registeredAt: row.registeredAt.toISOString(),
  };
}
