import type { devices } from '@plaza/db';
import type { Device } from '@plaza/protocol';
import { describeQuarantine } from '../verify/describe-quarantine.ts';

/** The wire shape of a device row: status, reputation, checks and, when quarantined, why. */
export function toDevice(row: typeof devices.$inferSelect): Device {
  return {
    address: row.address as `0x${string}`,
    payout: (row.payoutAddress as `0x${string}` | null) ?? null,
    payoutNonce: row.payoutNonce,
    reputation: row.reputation,
    status: row.status,
    registeredAt: row.registeredAt.toISOString(),
    checks: { confirmed: row.confirmedChecks, failed: row.failedChecks },
    quarantine: describeQuarantine(row),
  };
}
