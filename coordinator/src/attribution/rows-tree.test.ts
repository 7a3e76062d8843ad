import { concat, type Hex, keccak256, stringToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { buildRowsTree } from './rows-tree.ts';

/** An independent fold with viem's keccak: sorted pairs, as OpenZeppelin's MerkleProof. */
const fold = (leaf: Hex, proof: readonly Hex[]) =>
  proof.reduce(
    (node, sibling) =>
      keccak256(node < sibling ? concat([node, sibling]) : concat([sibling, node])),
    leaf,
  );

describe('buildRowsTree', () => {
  it('has a proof of every row, folding to its root with viem, for 1 to 13 rows', async () => {
    for (let n = 1; n <= 13; n++) {
      const lines = Array.from({ length: n }, (_, i) =>
        JSON.stringify({ index: i, text: `row ${i}` }),
      );
      const tree = await buildRowsTree(lines);
      for (let i = 0; i < n; i++) {
        expect(tree.leaf(i)).toBe(keccak256(stringToBytes(lines[i] as string)));
        expect(fold(tree.leaf(i), tree.proof(i))).toBe(tree.root);
        expect(tree.proof(i).length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
      }
    }
  });

  it('gives proofs that fail for another row or a changed sibling', async () => {
    const lines = ['a', 'b', 'c', 'd', 'e'];
    const tree = await buildRowsTree(lines);
    expect(fold(tree.leaf(1), tree.proof(2))).not.toBe(tree.root);
    const proof = tree.proof(3);
    proof[0] = keccak256(stringToBytes('x'));
    expect(fold(tree.leaf(3), proof)).not.toBe(tree.root);
    expect(() => tree.proof(5)).toThrow(RangeError);
  });
});
