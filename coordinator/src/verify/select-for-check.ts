import type { VerificationReason } from '@plaza/protocol';

/** What decides whether one contribution is re-fetched. */
export interface SelectForCheckInput {
  reputation: number;
  flags: readonly string[];
  /** The campaign's `verifyRate`. */
  verifyRate: number;
  verifyAllBelow: number;
  /** A uniform draw in [0, 1). */
  draw: number;
}

/**
 * Why a contribution is re-fetched, or null when it is not: `flagged` when a heuristic raised a
 * flag, else `reputation` when its device is under the watch threshold (new devices start at 0.5,
 * so their first ~32 contributions are all checked: trust is earned), else `sample` with the
 * campaign's probability `verifyRate`.
 *
 * @example
 * selectForCheck({ reputation: 0.99, flags: [], verifyRate: 0.03, verifyAllBelow: 0.97, draw: 0.5 }); // null
 */
export function selectForCheck(input: SelectForCheckInput): VerificationReason | null {
  if (input.flags.length > 0) return 'flagged';
  if (input.reputation < input.verifyAllBelow) return 'reputation';
  return input.draw < input.verifyRate ? 'sample' : null;
}
