/**
 * A set of 64-bit keys, each given as two 32-bit hashes, in an open-addressing table that is
 * emptied in O(1) by bumping a generation stamp, so one set serves every document.
 */
export interface KeySet {
  /** Empties the set and makes room for `entries` keys. */
  reset(entries: number): void;
  /** Adds the key if absent; returns whether it was already present. `low` picks the slot. */
  seen(low: number, high: number): boolean;
}

/** Creates an empty {@link KeySet}; its table only grows. */
export function createKeySet(): KeySet {
  let mask = -1;
  let lows = new Int32Array(0);
  let highs = new Int32Array(0);
  let stamps = new Int32Array(0);
  let stamp = 0;
  return {
    reset(entries: number): void {
      let wanted = 64;
      while (wanted < entries * 2) wanted *= 2;
      if (wanted > lows.length || stamp === 0x7fffffff) {
        const capacity = Math.max(wanted, lows.length);
        mask = capacity - 1;
        lows = new Int32Array(capacity);
        highs = new Int32Array(capacity);
        stamps = new Int32Array(capacity);
        stamp = 0;
      }
      stamp++;
    },
    seen(low: number, high: number): boolean {
      let slot = low & mask;
      while (stamps[slot] === stamp) {
        if (lows[slot] === low && highs[slot] === high) return true;
        slot = (slot + 1) & mask;
      }
      stamps[slot] = stamp;
      lows[slot] = low;
      highs[slot] = high;
      return false;
    },
  };
}
