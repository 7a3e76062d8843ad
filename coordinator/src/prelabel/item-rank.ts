/** A well-mixed 32-bit hash of an item id: the fixed "shuffled" training order. */
export function itemRank(itemId: number): number {
  let x = Math.imul(itemId ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
