import { knnShapley } from '@plaza/protocol';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { blendWeights } from './blend-weights.ts';
import { drawFromBeacon } from './draw-validation.ts';
import { isqrt, rowFeatures } from './integer-features.ts';
import { defaultRuleV2Params, type RuleV2Params } from './params.ts';
import { pinnedTokens } from './pinned-tokens.ts';
import { valueRows } from './value-rows.ts';

const spec = defaultRuleV2Params.features;
const U = 2 ** 32;

describe('rule v2 by hand', () => {
  it('pins tokens to Unicode 15.1: NFKC, lowercase, letters and numbers of the 15.1 table', () => {
    // U+FB01 ﬁ → fi, U+216B Ⅻ → XII, U+2460 ① → 1 (NFKC); U+16D43 is a letter only since 16.0,
    // so under 15.1 it separates tokens even where the runtime's \p{L} knows it.
    expect(/\p{L}/u.test('\u{16D43}')).toBe(true);
    expect(pinnedTokens('ab\u{16D43}cd \uFB01ne \u216B \u2460 ÉTÉ\uD800x')).toEqual([
      'ab',
      'cd',
      'fine',
      'xii',
      '1',
      'été',
      'x',
    ]);
  });

  it('makes integer features: log table, integer norm, floor(2048·d/n)', () => {
    // One word: d = 710 (round(1024·ln 2)), n = 710, q = 2048.
    expect(rowFeatures('alpha', spec).weights).toEqual([2048]);
    // Two words: two unigrams and a bigram, d = 710 each, n = isqrt(3·710²) = 1229, q = 1183.
    expect(isqrt(3 * 710 * 710)).toBe(1229);
    expect(rowFeatures('alpha beta', spec).weights).toEqual([1183, 1183, 1183]);
    // "b a b a": b, a, "b a" twice (d = 1125), "a b" once (d = 710); n = isqrt(4,300,975) = 2073;
    // q = floor(2048·1125/2073) = 1111 and floor(2048·710/2073) = 701.
    expect([...rowFeatures('b a b a', spec).weights].sort()).toEqual([1111, 1111, 1111, 701]);
    expect(rowFeatures('', spec)).toEqual({ buckets: [], weights: [], tokens: 0 });
  });

  it('computes the KNN-Shapley recursion in units of 2^-32', () => {
    // K = 1, matches 1,0,1: exact values 5/6, −1/6, 1/3.
    expect(knnShapley([1, 0, 1], 1)).toEqual([3_579_139_413, -715_827_883, 1_431_655_765]);
    // K = 2, matches 1,1,0,1: s4 = ⌊U/4⌋, s3 = s4 − ⌊U/3⌋, s2 = s1 = s3 + ⌊U/2⌋.
    expect(knnShapley([1, 1, 0, 1], 2)).toEqual([
      1_789_569_707, 1_789_569_707, -357_913_941, 1_073_741_824,
    ]);
    expect(knnShapley([1, 1, 0, 1], 2).reduce((a, b) => a + b)).toBe(U + 1);
  });

  it('values a small version by hand: folds, neighbours, values, near-copy, review, weights', () => {
    const beacon = `0x${'00'.repeat(31)}02` as Hex;
    const params: RuleV2Params = { ...defaultRuleV2Params, k: 2, t: 4, validationRows: 10 };
    const rows = [
      ['alpha beta', 'A', false],
      ['alpha gamma', 'B', false],
      ['alpha', 'A', false],
      ['Alpha, BETA!', 'A', false],
      ['beta zeta', 'A', true],
      ['alpha zeta', 'A', true],
      ['gamma', 'B', false],
      ['beta', 'B', false],
    ].map(([text, label, candidate]) => ({
      text: text as string,
      label: label as string,
      candidate: candidate as boolean,
    }));
    // The beacon puts rows 0–4 in fold 0 and 5–7 in fold 1 and ranks row 5 before row 4.
    expect(Array.from(drawFromBeacon(beacon, 8).folds)).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    const v = valueRows(rows, beacon, params);
    // Row 3 has row 0's tokens: similarity 3·1183² ≥ 0.9·2048², a near-copy.
    expect(v.nearCopies).toEqual([
      null,
      null,
      null,
      { of: 0, similarity: 3 * 1183 ** 2 },
      null,
      null,
      null,
      null,
    ]);
    // Validation row 5 ("alpha zeta", A) against fold 0 without row 3: row 2 shares "alpha" at
    // 1183·2048; rows 0, 1 and 4 share one word at 1183² (ties by index). Matches 1,1,0,1.
    // Validation row 4 ("beta zeta", A) against fold 1: row 7 ("beta", B) then row 5. Matches 0,1.
    expect(v.validation.map((x) => [x.row, x.rows, x.similarities, x.predicted])).toEqual([
      [5, [2, 0, 1, 4], [1183 * 2048, 1183 ** 2, 1183 ** 2, 1183 ** 2], 'A'],
      [4, [7, 5], [1183 * 2048, 1183 ** 2], 'B'],
    ]);
    // Row 5's list gives 1,789,569,707 to rows 2 and 0, −357,913,941 to row 1, ⌊U/4⌋ to row 4;
    // row 4's list gives row 5 ⌊U/2⌋ (s2 = ⌊U/2⌋) and row 7 s1 = s2 − ⌊U/2⌋ = 0.
    expect(v.raw).toEqual([
      1_789_569_707, -357_913_941, 1_789_569_707, 0, 1_073_741_824, 2_147_483_648, 0, 0,
    ]);
    expect(v.values).toEqual([
      1_789_569_707, 0, 1_789_569_707, 0, 1_073_741_824, 2_147_483_648, 0, 0,
    ]);
    // Weights: α·value·Q + (1 − α)·mass·V, mass = quality 0.5 × tokens (2, 2, 1, 2, 2, 2, 1, 1),
    // Q = 500,000 × 11 (row 3 is a copy).
    expect(Array.from(v.features.tokens)).toEqual([2, 2, 1, 2, 2, 2, 1, 1]);
    const V = 1_789_569_707n * 2n + 1_073_741_824n + 2_147_483_648n;
    const Q = 5_500_000n;
    const weights = blendWeights(
      v.values.map((value, i) => ({
        quality: 0.5,
        tokens: v.features.tokens[i] as number,
        value,
        nearCopy: v.nearCopies[i] !== null,
      })),
      params.valueWeight,
    );
    const w = (value: bigint, tokens: bigint) =>
      700_000n * value * Q + 300_000n * 500_000n * tokens * V;
    expect(weights).toEqual([
      w(1_789_569_707n, 2n),
      w(0n, 2n),
      w(1_789_569_707n, 1n),
      0n,
      w(1_073_741_824n, 2n),
      w(2_147_483_648n, 2n),
      w(0n, 1n),
      w(0n, 1n),
    ]);
  });

  it('falls back to quality alone when nothing was measured', () => {
    expect(
      blendWeights(
        [
          { quality: 0.5, tokens: 3, value: 0, nearCopy: false },
          { quality: 0.25, tokens: 3, value: 0, nearCopy: true },
        ],
        700_000,
      ),
    ).toEqual([1_500_000n, 0n]);
  });
});
