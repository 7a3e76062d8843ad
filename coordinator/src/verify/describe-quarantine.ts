import type { devices } from '@plaza/db';
import { type DeviceQuarantine, type QuarantineReason, quarantineReasons } from '@plaza/protocol';

/**
 * Why a device is quarantined, for the contributor: the reason code, a sentence with its figures,
 * and its record. Null for an active device.
 *
 * @example
 * describeQuarantine(row)?.message; // 'Pages the coordinator re-fetched … (3 of 24 checks failed; reputation 0.85).'
 */
export function describeQuarantine(
  row: Pick<
    typeof devices.$inferSelect,
    | 'status'
    | 'quarantineReason'
    | 'quarantinedAt'
    | 'reputation'
    | 'confirmedChecks'
    | 'failedChecks'
  >,
): DeviceQuarantine | null {
  if (row.status !== 'quarantined') return null;
  const reason = (
    row.quarantineReason && row.quarantineReason in quarantineReasons
      ? row.quarantineReason
      : 'VERIFICATION_FAILED'
  ) as QuarantineReason;
  const checks = row.confirmedChecks + row.failedChecks;
  return {
    reason,
    message: `${quarantineReasons[reason].replace(/\.$/, '')} (${row.failedChecks} of ${checks} checks failed; reputation ${row.reputation.toFixed(2)}).`,
    at: (row.quarantinedAt ?? new Date(0)).toISOString(),
    reputation: row.reputation,
    confirmedChecks: row.confirmedChecks,
    failedChecks: row.failedChecks,
  };
}
