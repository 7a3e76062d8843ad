/** A device's verification record. */
export interface CheckCounts {
  confirmed: number;
  failed: number;
}

/**
 * A device's reputation: the posterior mean of a Beta prior over the share of its pages that
 * verification confirms. The prior is uniform, Beta(1, 1), so a new device starts at 0.5 and each
 * check moves it: `(1 + confirmed) / (2 + confirmed + failed)`. 8 confirmations give 0.9, 32 give
 * 0.97; a device that fabricates 10 % of its pages hovers near 0.9.
 *
 * @example
 * reputationOf({ confirmed: 8, failed: 0 }); // 0.9
 */
export function reputationOf(counts: CheckCounts): number {
  return (1 + counts.confirmed) / (2 + counts.confirmed + counts.failed);
}
