import { itemRank } from './item-rank.ts';

/**
 * Whether an item is in the hold-out set: decided by a hash of its id alone, so the split is the
 * same in every run and every process, and an item never moves between train and hold-out as
 * labels grow.
 *
 * @example
 * isHoldout(42, 0.2); // false
 */
export function isHoldout(itemId: number, fraction: number): boolean {
  return itemRank(itemId) % 1000 < Math.round(fraction * 1000);
}
