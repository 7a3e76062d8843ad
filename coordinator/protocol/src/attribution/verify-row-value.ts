import { concat, type Hex, keccak256, stringToBytes } from 'viem';
import type { RowValueProof } from './attribution-schemas.ts';
import { knnShapley } from './knn-shapley.ts';

/** Folds a leaf with its proof (sorted pairs, as the rows tree) and compares with the root. */
function foldsTo(line: string, proof: readonly Hex[], root: Hex): boolean {
  let node = keccak256(stringToBytes(line));
  for (const sibling of proof) {
    node = keccak256(node < sibling ? concat([node, sibling]) : concat([sibling, node]));
  }
  return node === root.toLowerCase();
}

/** What checking a row's value alone found: `problems` is empty when it holds. */
export interface RowValueCheck {
  /** The row's value recomputed from its lists (2^-32 units). */
  raw: number;
  value: number;
  problems: string[];
}

/**
 * Checks one row's value from its proofs alone, in any runtime: its `values.jsonl` line and every
 * neighbour list naming it fold to the manifest's roots; each list's KNN-Shapley recursion is
 * recomputed (integers of 2^-32) and the row's amounts summed; the sum must equal the line's
 * `raw`, and its `value` must be `raw` clipped at 0 (0 for a near-copy). It cannot see a list
 * left out of the proof: the complete `neighbours.jsonl` is public for that.
 *
 * @example
 * const check = verifyRowValue(await client.rowValueProof('news', 1, 42));
 * if (check.problems.length === 0) console.log('value', check.value);
 */
export function verifyRowValue(proof: RowValueProof): RowValueCheck {
  const problems: string[] = [];
  if (!foldsTo(proof.value.line, proof.value.proof as Hex[], proof.valuesRoot as Hex)) {
    problems.push(`row ${proof.index}: its values line is not under the values root.`);
  }
  const stated = JSON.parse(proof.value.line) as {
    index: number;
    raw: number;
    value: number;
    nearCopy: unknown;
  };
  if (stated.index !== proof.index) problems.push(`the values line is row ${stated.index}'s.`);
  let raw = 0;
  for (const list of proof.lists) {
    if (!foldsTo(list.line, list.proof as Hex[], proof.neighboursRoot as Hex)) {
      problems.push(
        `a neighbour list is not under the neighbours root: ${list.line.slice(0, 60)}…`,
      );
      continue;
    }
    const parsed = JSON.parse(list.line) as {
      validation: number;
      dropped: boolean;
      neighbours: Array<[number, number, number]>;
    };
    if (parsed.dropped) continue;
    const s = knnShapley(
      parsed.neighbours.map((n) => n[2]),
      proof.k,
    );
    parsed.neighbours.forEach((n, i) => {
      if (n[0] === proof.index) raw += s[i] as number;
    });
  }
  const value = stated.nearCopy !== null || raw < 0 ? 0 : raw;
  if (raw !== stated.raw)
    problems.push(`row ${proof.index}: its lists sum to ${raw}, the line says ${stated.raw}.`);
  if (value !== stated.value) {
    problems.push(`row ${proof.index}: its value is ${value}, the line says ${stated.value}.`);
  }
  return { raw, value, problems };
}
