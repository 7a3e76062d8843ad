import type { Hex } from 'viem';
import { buildRowsTree } from './rows-tree.ts';

/**
 * The Merkle root over a version's rows: leaf i = keccak256 of the i-th JSONL line's UTF-8 bytes
 * (without its newline); a parent is keccak256 of its two children in ascending order (as
 * OpenZeppelin's `MerkleProof` expects); an odd node is carried up unchanged. Empty: zero hash.
 * Hashing runs in WebAssembly (hash-wasm): a 100,000-row version is ~100 MB of text. The tree
 * itself, with proofs of single rows, is {@link buildRowsTree}.
 */
export async function rowsRoot(lines: readonly string[]): Promise<Hex> {
  return (await buildRowsTree(lines)).root;
}
