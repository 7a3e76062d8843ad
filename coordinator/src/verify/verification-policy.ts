import type { Config } from '../config.ts';
import { NEAR_DUPLICATE_JACCARD } from '../dedup/index.ts';

/** The thresholds verification decides with (see the coordinator README, "Verification"). */
export interface VerificationPolicy {
  /** A re-fetched page whose text is at least this similar to the submitted one confirms it. */
  confirmSimilarity: number;
  /** Every contribution of a device whose reputation is under this is re-fetched. */
  verifyAllBelow: number;
  /** A device whose reputation falls under this … */
  quarantineBelow: number;
  /** … with at least this many failed checks is quarantined. */
  quarantineMinFailed: number;
}

/**
 * The verification policy of a coordinator: the similarity threshold is dedup's 0.8 (shingle
 * Jaccard over 5-word shingles, the near-duplicate threshold: a page that changed less than a
 * near-duplicate is the same page); the reputation thresholds come from the configuration.
 *
 * @example
 * const policy = verificationPolicy(deps.config);
 */
export function verificationPolicy(
  config: Pick<
    Config,
    'PLAZA_VERIFY_ALL_BELOW' | 'PLAZA_QUARANTINE_BELOW' | 'PLAZA_QUARANTINE_MIN_FAILED'
  >,
): VerificationPolicy {
  return {
    confirmSimilarity: NEAR_DUPLICATE_JACCARD,
    verifyAllBelow: config.PLAZA_VERIFY_ALL_BELOW,
    quarantineBelow: config.PLAZA_QUARANTINE_BELOW,
    quarantineMinFailed: config.PLAZA_QUARANTINE_MIN_FAILED,
  };
}
