import { describe, expect, it } from 'vitest';
import { AggregationInputError } from './aggregation-input-error.ts';
import { alphaFromAnnotations } from './alpha-from-annotations.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';

describe('krippendorffAlpha', () => {
  it("matches the published nominal alpha of Krippendorff's 4-coder, 12-unit example", () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: coders A–D,
    // units 1–12, values 1–5, `_` missing. Unit 12 has one value and is not pairable (n = 40).
    const _ = null;
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const units = A.map((a, u) => [a, B[u]!, C[u]!, D[u]!]);
    expect(krippendorffAlpha(units)).toBeCloseTo(0.743, 3);
    // Without the unpairable unit the value is the same.
    expect(krippendorffAlpha(units.slice(0, 11))).toBe(krippendorffAlpha(units));
  });

  it('computes a small case by hand', () => {
    // Units [1,1], [1,2], [2,2]: n = 6 values, n_1 = n_2 = 3. Only unit 2 disagrees: it adds
    // 1·1/(2 − 1) to o_12 and to o_21, so Σ_{c≠k} o_ck = 2; Σ_{c≠k} n_c·n_k = 2·3·3 = 18.
    // α = 1 − (6 − 1)·2 / 18 = 1 − 10/18 = 4/9.
    expect(
      krippendorffAlpha([
        [1, 1],
        [1, 2],
        [2, 2],
      ]),
    ).toBeCloseTo(4 / 9, 12);
    // Three coders with one missing: units [1,1,_], [2,2,2], [1,2,1]. Unit 3 (m = 3, counts 2
    // and 1) adds (9 − 5)/2 = 2; n = 8, n_1 = n_2 = 4, Σ n_c·n_k = 64 − 32 = 32.
    // α = 1 − 7·2/32 = 0.5625.
    expect(
      krippendorffAlpha([
        [1, 1, null],
        [2, 2, 2],
        [1, 2, 1],
      ]),
    ).toBeCloseTo(0.5625, 12);
  });

  it('is 1 on perfect agreement, missing values and all', () => {
    expect(
      krippendorffAlpha([
        [1, 1, 1],
        [2, 2],
        [3, 3, null],
        [null, 4, 4],
      ]),
    ).toBe(1);
  });

  it('is negative on systematic disagreement', () => {
    // n = 6, every unit disagrees: Σ o = 6, Σ n_c·n_k = 18, α = 1 − 5·6/18 = −2/3.
    expect(
      krippendorffAlpha([
        [1, 2],
        [2, 1],
        [1, 2],
      ]),
    ).toBeCloseTo(-2 / 3, 12);
  });

  it('is 1, not NaN, when there is no expected disagreement', () => {
    expect(
      krippendorffAlpha([
        [3, 3],
        [3, 3, 3],
      ]),
    ).toBe(1);
    expect(krippendorffAlpha([])).toBe(1);
    expect(krippendorffAlpha([[1], [2, null], [null]])).toBe(1);
  });

  it('rejects a metric it does not support', () => {
    expect(() => krippendorffAlpha([[1, 2]], 'interval' as 'nominal')).toThrow(
      AggregationInputError,
    );
  });
});

describe('alphaFromAnnotations', () => {
  it('treats items as units and their labels as values, skipping single labels', () => {
    const annotations = [
      { item: 'a', labeler: 'x', label: 0 },
      { item: 'a', labeler: 'y', label: 0 },
      { item: 'b', labeler: 'x', label: 0 },
      { item: 'b', labeler: 'y', label: 1 },
      { item: 'c', labeler: 'y', label: 1 },
      { item: 'c', labeler: 'z', label: 1 },
      { item: 'd', labeler: 'z', label: 2 },
    ];
    // The same units as the hand-computed [[1,1],[1,2],[2,2]] case: 4/9.
    expect(alphaFromAnnotations(annotations)).toBeCloseTo(4 / 9, 12);
    expect(alphaFromAnnotations(annotations)).toBe(
      krippendorffAlpha([
        [0, 0],
        [0, 1],
        [1, 1],
      ]),
    );
  });
});
