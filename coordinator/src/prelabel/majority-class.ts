/**
 * The most frequent class of a training set (the lowest index on a tie): the baseline a model
 * must beat on the hold-out before it is published.
 *
 * @example
 * majorityClass([1, 0, 1]); // 1
 */
export function majorityClass(labels: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [label, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (count > bestCount) {
      best = label;
      bestCount = count;
    }
  }
  return best;
}
