import { concat, type Hex, keccak256, stringToBytes } from 'viem';

/**
 * The Merkle root over a version's rows: leaf i = keccak256 of the i-th JSONL line's UTF-8 bytes
 * (without its newline); a parent is keccak256 of its two children in ascending order (as
 * OpenZeppelin's `MerkleProof` expects); an odd node is carried up unchanged. Empty: zero hash.
 */
export function rowsRoot(lines: readonly string[]): Hex {
  if (lines.length === 0) return `0x${'00'.repeat(32)}`;
  let level: Hex[] = lines.map((line) => keccak256(stringToBytes(line)));
  while (level.length > 1) {
    const next: Hex[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as Hex;
      const b = level[i + 1];
      next.push(b === undefined ? a : keccak256(a < b ? concat([a, b]) : concat([b, a])));
    }
    level = next;
  }
  return level[0] as Hex;
}
