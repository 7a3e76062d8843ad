import { MICRO, toMicro } from '../compute-shares.ts';

/**
 * Each row's weight `w_r` under rule v2, an exact integer. A row's quality mass is its quality (in
 * millionths) times the tokens of its whole text, so cutting a text into pieces does not multiply
 * it. With V = Σ values and Q = Σ quality masses over rows that are not near-copies,
 * w_r = α·value_r·Q + (1 − α)·mass_r·V with α = `valueWeight` millionths: a row's part is
 * α·value_r/V + (1 − α)·mass_r/Q of the whole. Near-copies weigh 0. With no measured value at all
 * (V = 0: no validation rows), weights fall back to quality masses alone.
 */
export function blendWeights(
  rows: ReadonlyArray<{ quality: number; tokens: number; value: number; nearCopy: boolean }>,
  valueWeight: number,
): bigint[] {
  const alpha = BigInt(valueWeight);
  if (alpha < 0n || alpha > MICRO)
    throw new RangeError(`valueWeight ${valueWeight} is not in [0, 1e6].`);
  const quality = rows.map((r) => (r.nearCopy ? 0n : toMicro(r.quality) * BigInt(r.tokens)));
  const value = rows.map((r) => (r.nearCopy ? 0n : BigInt(r.value)));
  const V = value.reduce((a, b) => a + b, 0n);
  const Q = quality.reduce((a, b) => a + b, 0n);
  if (V === 0n) return quality;
  return rows.map(
    (_, i) => alpha * (value[i] as bigint) * Q + (MICRO - alpha) * (quality[i] as bigint) * V,
  );
}
