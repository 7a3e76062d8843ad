import { describe, expect, it } from 'vitest';
import { compareProbs } from './compare-probs.ts';

describe('compareProbs', () => {
  it('accepts float noise between backends within the tolerance', () => {
    expect(compareProbs([600_000, 400_000], [0.6002, 0.3998], 1e-3)).toEqual({
      ok: true,
      maxDiff: 0.0002,
    });
  });

  it('rejects a probability beyond the tolerance', () => {
    expect(compareProbs([602_000, 398_000], [0.6, 0.4], 1e-3)).toEqual({
      ok: false,
      maxDiff: 0.002,
      reason: 'PROBS_DIFFER',
    });
  });

  it('rejects another top class unless the reference itself is a near-tie', () => {
    const flipped = compareProbs([499_700, 500_300], [0.5004, 0.4996], 1e-3);
    expect(flipped).toMatchObject({ ok: true }); // a tie honest backends may break either way
    // Not a tie: each class within tolerance, yet the device's answer is the other class.
    expect(compareProbs([499_900, 500_100], [0.50075, 0.49925], 1e-3)).toMatchObject({
      ok: false,
      reason: 'ARGMAX_DIFFERS',
    });
  });

  it('rejects a row of the wrong length', () => {
    expect(compareProbs([1_000_000], [0.5, 0.5], 1e-3)).toMatchObject({ ok: false });
  });
});
