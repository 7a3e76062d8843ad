import { createKeccak } from 'hash-wasm';
import type { Hex } from 'viem';

const ZERO: Hex = `0x${'00'.repeat(32)}`;

/**
 * The Merkle root over a version's rows: leaf i = keccak256 of the i-th JSONL line's UTF-8 bytes
 * (without its newline); a parent is keccak256 of its two children in ascending order (as
 * OpenZeppelin's `MerkleProof` expects); an odd node is carried up unchanged. Empty: zero hash.
 * Hashing runs in WebAssembly (hash-wasm): a 100,000-row version is ~100 MB of text.
 */
export async function rowsRoot(lines: readonly string[]): Promise<Hex> {
  if (lines.length === 0) return ZERO;
  const keccak = await createKeccak(256);
  let level: Uint8Array[] = lines.map((line) => {
    keccak.init();
    keccak.update(line);
    return keccak.digest('binary');
  });
  const pair = new Uint8Array(64);
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as Uint8Array;
      const b = level[i + 1];
      if (b === undefined) {
        next.push(a);
        continue;
      }
      const [low, high] = compare(a, b) <= 0 ? [a, b] : [b, a];
      pair.set(low, 0);
      pair.set(high, 32);
      keccak.init();
      keccak.update(pair);
      next.push(keccak.digest('binary'));
    }
    level = next;
  }
  return `0x${Buffer.from(level[0] as Uint8Array).toString('hex')}`;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
