import type { Address } from 'viem';

/** Fixed-point scale of weights, quality and posteriors: values are integers of 1e-6. */
export const MICRO = 1_000_000n;
/** Extra precision of per-row parts, so splitting a row rounds far below one share. */
const SCALE = 10n ** 18n;
/** Shares minted for a whole version (fits the contract's uint96). */
export const TOTAL_SHARES = 10n ** 24n;

/** One row as attribution sees it: its value and who did what for it. */
export interface AttributionRow {
  /** The row's quality score in [0, 1]. */
  quality: number;
  /** Payout account of the device whose accepted contribution became the row. */
  fetcher: Address;
  /** Labelers and the posterior probability that their label is correct. */
  labelers: ReadonlyArray<{ account: Address; posterior: number }>;
  /** Payout accounts of devices whose verified predictions the row used. */
  compute: readonly Address[];
}

/** The split of a row's value by role (design.md defaults: 0.4 / 0.5 / 0.1). */
export interface RoleWeights {
  fetch: number;
  labels: number;
  compute: number;
}

/** Shares of one version, every figure an exact integer anyone can recompute. */
export interface ComputedShares {
  /** Holders sorted by account, amounts > 0. */
  holders: Array<{ account: Address; amount: bigint }>;
  /** Σ amounts. */
  totalShares: bigint;
  /** `TOTAL_SHARES` less Σ amounts. */
  remainder: bigint;
  /** The part of the remainder that is value nobody earned: rows with no labels or no compute. */
  unallocated: bigint;
  /** The part of the remainder lost to rounding down. */
  rounding: bigint;
}

/** A number in [0, 1] as an integer of 1e-6 (the export's numbers are re-read the same way). */
export function toMicro(value: number): bigint {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`Expected a number in [0, 1], got ${value}.`);
  }
  return BigInt(Math.round(value * 1_000_000));
}

/**
 * The attribution rule, version 1 (design.md): a row's value `w_r` is its quality; it is split by
 * role; the fetch part goes to the device whose contribution became the row, the labels part to
 * its labelers in proportion to their posteriors, the compute part equally to the devices whose
 * verified predictions it used; shares of `a` = floor(TOTAL × Σ_r part_a,r / Σ_r w_r).
 *
 * Arithmetic is integer only, so the result is the same on every machine: quality, weights and
 * posteriors are rounded to 1e-6, each row's part is floored at 1e-18 of its value, and the final
 * shares are floored. Parts with nobody to take them (a row without labels or compute) and the
 * rounding are stated, not redistributed.
 */
export function computeShares(
  rows: readonly AttributionRow[],
  weights: RoleWeights,
  total: bigint = TOTAL_SHARES,
): ComputedShares {
  return splitWeightedRows(
    rows.map((row) => ({ ...row, weight: toMicro(row.quality) })),
    weights,
    total,
  );
}

/** A row with its weight `w_r` already an integer (any scale: only ratios matter). */
export interface WeightedRow extends Omit<AttributionRow, 'quality'> {
  weight: bigint;
}

/**
 * The role split and the shares of rule v1 for rows whose weights are given as integers (rule v2
 * blends measured value and quality into them): shares of `a` = floor(TOTAL × Σ_r part_a,r / Σ_r w_r).
 */
export function splitWeightedRows(
  rows: readonly WeightedRow[],
  weights: RoleWeights,
  total: bigint = TOTAL_SHARES,
): ComputedShares {
  const wf = toMicro(weights.fetch);
  const wl = toMicro(weights.labels);
  const wc = toMicro(weights.compute);
  if (wf + wl + wc !== MICRO) throw new RangeError('Role weights must sum to 1.');
  const value = new Map<Address, bigint>();
  const credit = (account: Address, amount: bigint) => {
    const key = account.toLowerCase() as Address;
    value.set(key, (value.get(key) ?? 0n) + amount);
  };
  let denominator = 0n;
  let unallocated = 0n;
  for (const row of rows) {
    const w = row.weight;
    if (w < 0n) throw new RangeError(`A row's weight must not be negative, got ${w}.`);
    denominator += w * MICRO * SCALE;
    credit(row.fetcher, w * wf * SCALE);
    const labelPart = w * wl * SCALE;
    const posteriors = row.labelers.map((labeler) => toMicro(labeler.posterior));
    const sum = posteriors.reduce((a, b) => a + b, 0n);
    if (sum === 0n) unallocated += labelPart;
    else {
      row.labelers.forEach((labeler, i) => {
        credit(labeler.account, (labelPart * (posteriors[i] ?? 0n)) / sum);
      });
    }
    const computePart = w * wc * SCALE;
    if (row.compute.length === 0) unallocated += computePart;
    else {
      const n = BigInt(row.compute.length);
      for (const account of row.compute) credit(account, computePart / n);
    }
  }
  if (denominator === 0n) {
    return { holders: [], totalShares: 0n, remainder: total, unallocated: total, rounding: 0n };
  }
  const holders = [...value]
    .map(([account, v]) => ({ account, amount: (total * v) / denominator }))
    .filter((holder) => holder.amount > 0n)
    .sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
  const totalShares = holders.reduce((sum, holder) => sum + holder.amount, 0n);
  const unallocatedShares = (total * unallocated) / denominator;
  return {
    holders,
    totalShares,
    remainder: total - totalShares,
    unallocated: unallocatedShares,
    rounding: total - totalShares - unallocatedShares,
  };
}

/**
 * One account's part of one row in the units `splitWeightedRows` sums (a share of the version is
 * `total × part / Σ_r w_r·1e6·1e18`): its fetch, labels and compute parts, floored the same way.
 */
export function accountPartOfRow(row: WeightedRow, weights: RoleWeights, account: string): bigint {
  const key = account.toLowerCase();
  const w = row.weight;
  let part = 0n;
  if (row.fetcher.toLowerCase() === key) part += w * toMicro(weights.fetch) * SCALE;
  const posteriors = row.labelers.map((labeler) => toMicro(labeler.posterior));
  const sum = posteriors.reduce((a, b) => a + b, 0n);
  row.labelers.forEach((labeler, i) => {
    if (sum > 0n && labeler.account.toLowerCase() === key) {
      part += (w * toMicro(weights.labels) * SCALE * (posteriors[i] ?? 0n)) / sum;
    }
  });
  const n = BigInt(row.compute.length);
  for (const c of row.compute) {
    if (c.toLowerCase() === key) part += (w * toMicro(weights.compute) * SCALE) / n;
  }
  return part;
}

/** The denominator of the shares: Σ_r w_r in the units of {@link accountPartOfRow}. */
export const weightUnits = (totalWeight: bigint) => totalWeight * MICRO * SCALE;
