import { concat, type Hex, isHex, keccak256 } from 'viem';

/**
 * Checks a row's Merkle proof against a version's rows root, as the coordinator's rows tree is
 * built: leaves are keccak256 of the JSONL lines, a parent is keccak256 of its two children in
 * ascending order (OpenZeppelin's `MerkleProof`), so the fold is
 * `h = rowHash; for s of proof: h = keccak256(min(h, s) ‖ max(h, s))`, and `h` must be the root.
 * Malformed hashes fail rather than throw.
 *
 * @example
 * const ok = verifyRowProof({ rowHash: result.rowHash, proof: result.proof, root: manifest.rows.root });
 */
export function verifyRowProof(params: {
  rowHash: string;
  proof: readonly string[];
  root: string;
}): boolean {
  const bytes32 = (value: string): value is Hex => isHex(value) && value.length === 66;
  if (!bytes32(params.rowHash) || !bytes32(params.root) || !params.proof.every(bytes32)) {
    return false;
  }
  let node = params.rowHash.toLowerCase() as Hex;
  for (const raw of params.proof as Hex[]) {
    const sibling = raw.toLowerCase() as Hex;
    node = keccak256(node < sibling ? concat([node, sibling]) : concat([sibling, node]));
  }
  return node === params.root.toLowerCase();
}
