/**
 * An open-addressing hash table of n-grams keyed by two 32-bit hashes (64 bits in all, so
 * collisions within one document are negligible), with a count and the first position of each.
 * Cleared in O(1) by bumping a generation stamp, so one table serves every pass of a document.
 */
export interface NGramTable {
  /** Empties the table and makes room for `entries` distinct n-grams. */
  reset(entries: number): void;
  /** Counts one occurrence; returns the slot, whose `count` and `first` can then be read. */
  add(hashA: number, hashB: number, position: number): number;
  /** Inserts the n-gram if absent; returns whether it was already present. */
  seen(hashA: number, hashB: number): boolean;
  readonly counts: Int32Array;
  readonly firsts: Int32Array;
}

/** Creates an {@link NGramTable}; grow-only, reused across documents. */
export function createNGramTable(): NGramTable {
  let capacity = 0;
  let mask = 0;
  let keysA = new Int32Array(0);
  let keysB = new Int32Array(0);
  let stamps = new Int32Array(0);
  let stamp = 0;
  const table = {
    counts: new Int32Array(0),
    firsts: new Int32Array(0),
    reset(entries: number): void {
      let wanted = 64;
      while (wanted < entries * 2) wanted *= 2;
      if (wanted > capacity || stamp === 0x7fffffff) {
        capacity = Math.max(wanted, capacity);
        mask = capacity - 1;
        keysA = new Int32Array(capacity);
        keysB = new Int32Array(capacity);
        stamps = new Int32Array(capacity);
        table.counts = new Int32Array(capacity);
        table.firsts = new Int32Array(capacity);
        stamp = 0;
      }
      stamp++;
    },
    add(hashA: number, hashB: number, position: number): number {
      let slot = hashA & mask;
      while (stamps[slot] === stamp) {
        if (keysA[slot] === hashA && keysB[slot] === hashB) {
          table.counts[slot]!++;
          return slot;
        }
        slot = (slot + 1) & mask;
      }
      stamps[slot] = stamp;
      keysA[slot] = hashA;
      keysB[slot] = hashB;
      table.counts[slot] = 1;
      table.firsts[slot] = position;
      return slot;
    },
    seen(hashA: number, hashB: number): boolean {
      let slot = hashA & mask;
      while (stamps[slot] === stamp) {
        if (keysA[slot] === hashA && keysB[slot] === hashB) return true;
        slot = (slot + 1) & mask;
      }
      stamps[slot] = stamp;
      keysA[slot] = hashA;
      keysB[slot] = hashB;
      return false;
    },
  };
  return table;
}
