import { type Hex, keccak256, stringToBytes } from 'viem';

/** What the beacon decides: each row's fold (0 or 1) and its rank among validation candidates. */
export interface BeaconDraw {
  folds: Uint8Array;
  /** keccak256(`<beacon>:<index>`) of every row, the rank of a candidate (lower first). */
  ranks: Hex[];
}

/**
 * Folds and validation ranks from the beacon: h_r = keccak256 of the UTF-8 string
 * `<beacon>:<r>`; row r is in fold (last byte of h_r) mod 2, and validation candidates are taken
 * in ascending h_r. Nobody knows h_r before the beacon (a block hash after the freeze) exists.
 */
export function drawFromBeacon(beacon: Hex, rows: number): BeaconDraw {
  const folds = new Uint8Array(rows);
  const ranks: Hex[] = [];
  const prefix = `${beacon.toLowerCase()}:`;
  for (let r = 0; r < rows; r++) {
    const h = keccak256(stringToBytes(`${prefix}${r}`));
    ranks.push(h);
    folds[r] = Number.parseInt(h.slice(-2), 16) & 1;
  }
  return { folds, ranks };
}

/**
 * The validation rows: candidates (gold, reviewed, high-agreement rows that are labelled and not
 * near-copies) in ascending rank, at most `max` of them.
 */
export function pickValidation(candidates: readonly number[], ranks: readonly Hex[], max: number) {
  return [...candidates]
    .sort((a, b) => ((ranks[a] as Hex) < (ranks[b] as Hex) ? -1 : 1))
    .slice(0, max);
}
