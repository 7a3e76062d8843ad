import { type Address, concat, type Hex, keccak256, stringToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { computeShares, TOTAL_SHARES } from './compute-shares.ts';
import { rowsRoot } from './rows-root.ts';

const A = '0x000000000000000000000000000000000000000a' as Address;
const B = '0x000000000000000000000000000000000000000b' as Address;
const C = '0x000000000000000000000000000000000000000c' as Address;
const D = '0x000000000000000000000000000000000000000d' as Address;
const weights = { fetch: 0.4, labels: 0.5, compute: 0.1 };

describe('computeShares (attribution rule v1)', () => {
  it('splits one row by role, labels by posterior, compute equally', () => {
    const result = computeShares(
      [
        {
          quality: 1,
          fetcher: A,
          labelers: [
            { account: B, posterior: 0.75 },
            { account: C, posterior: 0.25 },
          ],
          compute: [C, D],
        },
      ],
      weights,
      1_000_000n,
    );
    // A: 0.4; B: 0.5 × 0.75 = 0.375; C: 0.5 × 0.25 + 0.05 = 0.175; D: 0.05.
    expect(result.holders).toEqual([
      { account: A, amount: 400_000n },
      { account: B, amount: 375_000n },
      { account: C, amount: 175_000n },
      { account: D, amount: 50_000n },
    ]);
    expect(result).toMatchObject({ totalShares: 1_000_000n, remainder: 0n, unallocated: 0n });
  });

  it('weighs rows by quality and states what nobody earned', () => {
    const result = computeShares(
      [
        { quality: 0.9, fetcher: A, labelers: [{ account: B, posterior: 1 }], compute: [] },
        { quality: 0.3, fetcher: C, labelers: [], compute: [] },
      ],
      weights,
      1_200_000n,
    );
    // Σw = 1.2. A: 0.36/1.2 = 0.3; B: 0.45/1.2 = 0.375; C: 0.12/1.2 = 0.1.
    // Unallocated: compute of both rows (0.12) + labels of row 2 (0.15) = 0.27/1.2 = 0.225.
    expect(result.holders).toEqual([
      { account: A, amount: 360_000n },
      { account: B, amount: 450_000n },
      { account: C, amount: 120_000n },
    ]);
    expect(result.unallocated).toBe(270_000n);
    expect(result.remainder).toBe(270_000n);
    expect(result.rounding).toBe(0n);
  });

  it('floors, and the rounding is stated: shares + unallocated + rounding = total', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({
      quality: 0.333333 + i / 100,
      fetcher: [A, B, C][i % 3] as Address,
      labelers: [
        { account: B, posterior: 0.7 },
        { account: D, posterior: 0.2 },
        { account: A, posterior: 0.1 },
      ],
      compute: [D, A, C],
    }));
    const result = computeShares(rows, weights);
    expect(result.totalShares + result.unallocated + result.rounding).toBe(TOTAL_SHARES);
    expect(result.rounding).toBeGreaterThanOrEqual(0n);
    expect(result.rounding).toBeLessThan(10n);
    // The same input gives the same shares, in any row order.
    expect(computeShares([...rows].reverse(), weights).holders).toEqual(result.holders);
  });

  it('merges accounts case-insensitively and refuses bad weights', () => {
    const upper = A.toUpperCase().replace('0X', '0x') as Address;
    const result = computeShares(
      [{ quality: 1, fetcher: upper, labelers: [{ account: A, posterior: 1 }], compute: [A] }],
      weights,
      100n,
    );
    expect(result.holders).toEqual([{ account: A, amount: 100n }]);
    expect(() => computeShares([], { fetch: 0.5, labels: 0.5, compute: 0.5 })).toThrow(/sum to 1/);
    expect(() =>
      computeShares([{ quality: 1.5, fetcher: A, labelers: [], compute: [] }], weights),
    ).toThrow(/\[0, 1\]/);
  });
});

describe('rowsRoot', () => {
  it('commits to every line and its order', async () => {
    const lines = ['{"a":1}', '{"a":2}', '{"a":3}'];
    const root = await rowsRoot(lines);
    expect(root).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await rowsRoot(lines)).toBe(root);
    expect(await rowsRoot(['{"a":1}', '{"a":2}', '{"a":4}'])).not.toBe(root);
    expect(await rowsRoot(lines.slice(0, 2))).not.toBe(root);
    expect(await rowsRoot([])).toBe(`0x${'00'.repeat(32)}`);
  });

  it('is the sorted-pair keccak tree of the lines (checked against viem by hand)', async () => {
    const lines = ['one', 'two', 'three'];
    const [a, b, c] = lines.map((line) => keccak256(stringToBytes(line)));
    const ab =
      (a as Hex) < (b as Hex) ? concat([a as Hex, b as Hex]) : concat([b as Hex, a as Hex]);
    const left = keccak256(ab);
    const root =
      left < (c as Hex) ? keccak256(concat([left, c as Hex])) : keccak256(concat([c as Hex, left]));
    expect(await rowsRoot(lines)).toBe(root);
  });
});
