/** A row of an export's `rows.jsonl`, the fields attribution reads. */
export interface ExportedRow {
  quality: number;
  provenance: {
    device: string;
    payout: string;
    labelers: ReadonlyArray<{ account: string; posterior: number }>;
    compute: readonly string[];
  };
}

const MICRO = 1_000_000n;
const SCALE = 10n ** 18n;

/** A number of the export in [0, 1] as an integer count of 1e-6 (how the rule reads them). */
function micro(value: number): bigint {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${value} is not in [0, 1].`);
  return BigInt(Math.round(value * 1_000_000));
}

/**
 * The attribution rule of design.md (`plaza-attribution/1`), recomputed by the test from an
 * export's rows, independently of the coordinator's code: a row's value `w_r` is its quality; the
 * fetch part (`weights.fetch`) goes to the payout of the device whose contribution became the row,
 * the labels part to the row's labelers in proportion to their posteriors, the compute part
 * equally to the compute devices; shares of `a` = floor(total × Σ_r part_a,r / Σ_r w_r). Numbers
 * are read at 1e-6 and each row's split is floored at 1e-18 of its value, as the manifest's rule
 * states. Returns the shares of every account with a part, by lower-case address.
 */
export function recomputeShares(
  rows: readonly ExportedRow[],
  weights: { fetch: number; labels: number; compute: number },
  total: bigint,
  /** Rule v2: each row's weight from `values.jsonl` (any integer scale) instead of its quality. */
  rowWeights?: readonly bigint[],
): Map<string, bigint> {
  const parts = new Map<string, bigint>();
  const add = (account: string, amount: bigint) =>
    parts.set(account.toLowerCase(), (parts.get(account.toLowerCase()) ?? 0n) + amount);
  let sum = 0n;
  for (const [index, row] of rows.entries()) {
    const w = (rowWeights ? (rowWeights[index] as bigint) : micro(row.quality)) * SCALE;
    sum += w * MICRO;
    add(row.provenance.payout, w * micro(weights.fetch));
    const posteriors = row.provenance.labelers.map((l) => micro(l.posterior));
    const all = posteriors.reduce((a, b) => a + b, 0n);
    row.provenance.labelers.forEach((labeler, i) => {
      if (all > 0n) add(labeler.account, (w * micro(weights.labels) * posteriors[i]!) / all);
    });
    const n = BigInt(row.provenance.compute.length);
    for (const account of row.provenance.compute) add(account, (w * micro(weights.compute)) / n);
  }
  const shares = new Map<string, bigint>();
  for (const [account, part] of parts) {
    const amount = (total * part) / sum;
    if (amount > 0n) shares.set(account, amount);
  }
  return shares;
}
