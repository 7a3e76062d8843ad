/** Probabilities travel and are signed as integers in millionths (ppm): exact on every side. */
export const PROB_SCALE = 1_000_000;

/**
 * A model's probabilities as signed integers in millionths, each in [0, 1_000_000].
 *
 * @example
 * quantizeProbs([0.25, 0.75]); // [250000, 750000]
 */
export function quantizeProbs(probs: ArrayLike<number>): number[] {
  return Array.from(probs, (p) =>
    Math.min(PROB_SCALE, Math.max(0, Math.round((Number.isFinite(p) ? p : 0) * PROB_SCALE))),
  );
}
