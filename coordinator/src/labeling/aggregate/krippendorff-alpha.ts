import { AggregationInputError } from './aggregation-input-error.ts';

/** The difference metrics {@link krippendorffAlpha} supports. */
export type AlphaMetric = 'nominal';

/**
 * Krippendorff's alpha, the agreement beyond chance of coders who each gave some units a value:
 * α = 1 − D_o / D_e. `units[u][c]` is coder c's value for unit u, or `null` (or `undefined`) where
 * c gave none. Computed as in Krippendorff's "Computing Krippendorff's Alpha-Reliability" (2011):
 * each unit with m ≥ 2 values adds n_uc·n_uk / (m − 1) to the coincidence of values c and k;
 * units with fewer than two values are not pairable and are skipped. With n pairable values and
 * n_c of value c, nominal α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k. Read ≥ 0.8 as reliable
 * and 0.667–0.8 as tentative; below 0 is systematic disagreement.
 *
 * Never NaN: when expected disagreement is 0 (every pairable value alike, or nothing pairable)
 * there is no observed disagreement either and alpha is 1. Throws an `AggregationInputError` for
 * a metric other than `nominal`.
 *
 * Spans: feed tokens as units. For each item, tokenize its text with `tokenSpans`, and each token
 * is one unit whose values are the token's label per labeler from `tokenLabels` (with `NO_LABEL`,
 * -1, as a value of its own, so "not an entity" agreement counts too).
 *
 * @example
 * krippendorffAlpha([[1, 1, null], [2, 2, 2], [1, 2, 1]]); // 0.5625
 */
export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<number | null | undefined>>,
  metric: AlphaMetric = 'nominal',
): number {
  if (metric !== 'nominal') {
    throw new AggregationInputError(
      `Krippendorff's alpha metric ${String(metric)} is not supported.`,
    );
  }
  const valueTotals = new Map<number, number>();
  const unitCounts = new Map<number, number>();
  let observed = 0; // Σ_{c≠k} o_ck
  let n = 0;
  for (const unit of units) {
    unitCounts.clear();
    let m = 0;
    for (const value of unit) {
      if (value === null || value === undefined) continue;
      unitCounts.set(value, (unitCounts.get(value) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    // Off-diagonal coincidences of this unit: Σ_{c≠k} n_uc·n_uk / (m − 1).
    let same = 0;
    for (const [value, count] of unitCounts) {
      same += count * count;
      valueTotals.set(value, (valueTotals.get(value) ?? 0) + count);
    }
    observed += (m * m - same) / (m - 1);
    n += m;
  }
  let sameTotals = 0;
  for (const total of valueTotals.values()) sameTotals += total * total;
  const expected = n * n - sameTotals; // Σ_{c≠k} n_c·n_k
  if (expected === 0) return 1;
  return 1 - ((n - 1) * observed) / expected;
}
