import { PROB_SCALE } from '@plaza/protocol';

/** The verdict on one recomputed item. */
export interface ProbsComparison {
  ok: boolean;
  /** Largest absolute difference of a class probability. */
  maxDiff: number;
  /** Why not ok: `PROBS_DIFFER` (beyond tolerance) or `ARGMAX_DIFFERS` (another class). */
  reason?: 'PROBS_DIFFER' | 'ARGMAX_DIFFERS';
}

/**
 * Compares a device's probabilities (millionths, as signed) with the coordinator's own for the
 * same input. Beyond `tolerance` on any class, or a different top class, is a mismatch; a
 * different top class is forgiven only where the coordinator's two best classes are themselves
 * within `tolerance` (a tie that honest float differences between backends can break either way).
 *
 * @example
 * compareProbs([600_000, 400_000], [0.6002, 0.3998], 1e-3); // { ok: true, maxDiff: 0.0002 }
 */
export function compareProbs(
  submitted: readonly number[],
  expected: ArrayLike<number>,
  tolerance: number,
): ProbsComparison {
  if (submitted.length !== expected.length) {
    return { ok: false, maxDiff: 1, reason: 'PROBS_DIFFER' };
  }
  let maxDiff = 0;
  for (let i = 0; i < submitted.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(submitted[i]! / PROB_SCALE - expected[i]!));
  }
  maxDiff = Math.round(maxDiff * 1e9) / 1e9;
  if (maxDiff > tolerance) return { ok: false, maxDiff, reason: 'PROBS_DIFFER' };
  const top = (row: ArrayLike<number>) => {
    let best = 0;
    for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
    return best;
  };
  const mine = top(expected);
  if (top(submitted) !== mine) {
    const runnerUp = Math.max(...Array.from(expected).filter((_, i) => i !== mine));
    if (expected[mine]! - runnerUp > tolerance)
      return { ok: false, maxDiff, reason: 'ARGMAX_DIFFERS' };
  }
  return { ok: true, maxDiff };
}
