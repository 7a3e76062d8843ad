import { AggregationInputError } from './aggregation-input-error.ts';

/** A proportion with its confidence interval. */
export interface WilsonInterval {
  /** The observed proportion successes / n (0 when n is 0). */
  estimate: number;
  low: number;
  high: number;
}

/**
 * The Wilson score interval of a proportion: unlike the normal approximation it stays inside
 * [0, 1] and is sensible for small n and for 0 or n successes, which is what gating a labeler on
 * ~10 gold answers needs (e.g. admit when `low` clears the gate). With n = 0 nothing is known:
 * `{ estimate: 0, low: 0, high: 1 }`. Throws an `AggregationInputError` unless
 * `0 ≤ successes ≤ n` and z > 0.
 *
 * @example
 * wilsonInterval(8, 10); // { estimate: 0.8, low: 0.490…, high: 0.943… }
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): WilsonInterval {
  if (!(successes >= 0 && successes <= n && Number.isFinite(n)) || !(z > 0)) {
    throw new AggregationInputError(
      `wilsonInterval needs 0 ≤ successes ≤ n and z > 0, got ${successes} of ${n} at z = ${z}.`,
    );
  }
  if (n === 0) return { estimate: 0, low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const scale = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / scale;
  const half = (z / scale) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    estimate: p,
    low: Math.max(0, center - half),
    high: Math.min(1, center + half),
  };
}
