import { type Hex, keccak256, stringToBytes } from 'viem';
import type { RuleV2Params } from './params.ts';
import { type Valuation, type ValuationRow, valueRows } from './value-rows.ts';

/**
 * keccak256 of everything a valuation decided: every row's integer features, folds, near-copy
 * marks, raw and clipped values, and every validation row's neighbour list. Two runtimes that
 * agree on it agree bit for bit.
 */
export function valuationDigest(valuation: Valuation): Hex {
  const m = valuation.features;
  return keccak256(
    stringToBytes(
      JSON.stringify([
        Array.from(m.offsets),
        Array.from(m.buckets),
        Array.from(m.weights),
        Array.from(valuation.folds),
        valuation.nearCopies,
        valuation.raw,
        valuation.values,
        valuation.validation.map((v) => [v.row, v.dropped, v.rows, v.similarities, v.matches]),
      ]),
    ),
  );
}

/** Values rows and answers the digest (what a second runtime is asked to reproduce). */
export function valueRowsDigest(
  rows: readonly ValuationRow[],
  beacon: Hex,
  params: RuleV2Params,
): Hex {
  return valuationDigest(valueRows(rows, beacon, params));
}
