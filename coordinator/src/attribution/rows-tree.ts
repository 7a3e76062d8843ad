import { createKeccak } from 'hash-wasm';
import type { Hex } from 'viem';

/** Every level of the rows Merkle tree, leaves first, with proofs of single rows. */
export interface RowsTree {
  root: Hex;
  count: number;
  /** keccak256 of row `index`'s JSONL line. */
  leaf(index: number): Hex;
  /** The siblings from row `index`'s leaf up to the root (levels where it has none are skipped). */
  proof(index: number): Hex[];
}

const toHex = (bytes: Uint8Array): Hex => `0x${Buffer.from(bytes).toString('hex')}`;

/**
 * Builds the tree whose root is {@link rowsRoot} (same leaves, sorted pairs, odd node carried up)
 * and keeps every level, so a row's proof is read off in O(log n). A proof is checked by folding:
 * `h = leaf; for s of proof: h = keccak256(min(h, s) ‖ max(h, s))`; `h` must equal the root.
 * Keeps about two nodes per row.
 */
export async function buildRowsTree(lines: readonly string[]): Promise<RowsTree> {
  const keccak = await createKeccak(256);
  const levels: Uint8Array[][] = [
    lines.map((line) => {
      keccak.init();
      keccak.update(line);
      return keccak.digest('binary');
    }),
  ];
  const pair = new Uint8Array(64);
  for (let level = levels[0] as Uint8Array[]; level.length > 1; ) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as Uint8Array;
      const b = level[i + 1];
      if (b === undefined) {
        next.push(a);
        continue;
      }
      const [low, high] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
      pair.set(low, 0);
      pair.set(high, 32);
      keccak.init();
      keccak.update(pair);
      next.push(keccak.digest('binary'));
    }
    levels.push(next);
    level = next;
  }
  const count = lines.length;
  const top = levels.at(-1)?.[0];
  const check = (index: number) => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`Row ${index} is not in a tree of ${count} rows.`);
    }
  };
  return {
    root: top ? toHex(top) : `0x${'00'.repeat(32)}`,
    count,
    leaf: (index) => {
      check(index);
      return toHex(levels[0]?.[index] as Uint8Array);
    },
    proof: (index) => {
      check(index);
      const proof: Hex[] = [];
      let position = index;
      for (const level of levels.slice(0, -1)) {
        const sibling = level[position ^ 1];
        if (sibling !== undefined) proof.push(toHex(sibling));
        position >>= 1;
      }
      return proof;
    },
  };
}
