import { type CheckCounts, reputationOf } from './reputation-of.ts';
import type { VerificationPolicy } from './verification-policy.ts';

/**
 * Whether a device's record calls for quarantine: at least `quarantineMinFailed` failed checks
 * and a reputation under `quarantineBelow`. The minimum keeps one or two unlucky re-fetches of
 * pages that really changed from quarantining an honest device; the reputation bound means the
 * failures must also be a large enough share of its checks (with the defaults, 3 failures within
 * the first ~50 checks, or about 7 % of them later).
 *
 * @example
 * shouldQuarantine({ confirmed: 20, failed: 3 }, policy); // true with the defaults (0.84 < 0.93)
 */
export function shouldQuarantine(
  counts: CheckCounts,
  policy: Pick<VerificationPolicy, 'quarantineBelow' | 'quarantineMinFailed'>,
): boolean {
  return (
    counts.failed >= policy.quarantineMinFailed && reputationOf(counts) < policy.quarantineBelow
  );
}
