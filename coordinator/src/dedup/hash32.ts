/** FNV-1a offset basis, as an int32 so hash variables stay small integers in V8. */
export const FNV_OFFSET = 0x811c9dc5 | 0;

/** FNV-1a prime. */
export const FNV_PRIME = 0x01000193;

/**
 * Murmur3's 32-bit finalizer: spreads every input bit over the output. Returns an int32 (use
 * `>>> 0` for the unsigned value).
 */
export function fmix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b | 0);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35 | 0);
  return h ^ (h >>> 16);
}
