import { concat, type Hex, keccak256, stringToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { verifyRowProof } from './verify-row-proof.ts';

const pair = (a: Hex, b: Hex) => keccak256(a < b ? concat([a, b]) : concat([b, a]));
// Five rows, built by hand as the coordinator does: the odd fifth leaf is carried up unchanged.
const leaves = ['r0', 'r1', 'r2', 'r3', 'r4'].map((line) => keccak256(stringToBytes(line)));
const [l0, l1, l2, l3, l4] = leaves as [Hex, Hex, Hex, Hex, Hex];
const n01 = pair(l0, l1);
const n23 = pair(l2, l3);
const n0123 = pair(n01, n23);
const root = pair(n0123, l4);

describe('verifyRowProof', () => {
  it('accepts the proof of every row, including the carried-up odd one', () => {
    expect(verifyRowProof({ rowHash: l2, proof: [l3, n01, l4], root })).toBe(true);
    expect(verifyRowProof({ rowHash: l0, proof: [l1, n23, l4], root })).toBe(true);
    expect(verifyRowProof({ rowHash: l4, proof: [n0123], root })).toBe(true);
    expect(
      verifyRowProof({ rowHash: l2.toUpperCase().replace('0X', '0x'), proof: [l3, n01, l4], root }),
    ).toBe(true);
  });

  it('refuses a tampered row hash, a tampered or reordered proof, another root', () => {
    const other = keccak256(stringToBytes('r2 with another text'));
    expect(verifyRowProof({ rowHash: other, proof: [l3, n01, l4], root })).toBe(false);
    expect(verifyRowProof({ rowHash: l2, proof: [l3, n23, l4], root })).toBe(false);
    expect(verifyRowProof({ rowHash: l2, proof: [n01, l3, l4], root })).toBe(false);
    expect(verifyRowProof({ rowHash: l2, proof: [l3, n01], root })).toBe(false);
    expect(verifyRowProof({ rowHash: l2, proof: [l3, n01, l4], root: n0123 })).toBe(false);
  });

  it('refuses malformed hashes without throwing', () => {
    expect(verifyRowProof({ rowHash: '0x12', proof: [], root })).toBe(false);
    expect(verifyRowProof({ rowHash: l2, proof: ['not hex'], root })).toBe(false);
    expect(verifyRowProof({ rowHash: l4, proof: [n0123], root: 'root' })).toBe(false);
  });
});
