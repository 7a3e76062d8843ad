/** Values are integers of 2^-32: one validation row hands out at most 2^32 in all. */
export const UNIT = 2 ** 32;

/** ⌊2^32 / x⌋, exactly. */
const unitOver = (x: number) => (UNIT - (UNIT % x)) / x;

/**
 * The exact KNN-Shapley values of one validation row's neighbour list (Jia et al., PVLDB 2019),
 * in integers of 2^-32: `matches[i]` is 1 when the (i+1)-th nearest row's label equals the
 * validation row's. With N = matches.length: s_N = c_N · ⌊2^32/N⌋ and
 * s_i = s_{i+1} + (c_i − c_{i+1}) · ⌊2^32 / max(K, i)⌋ (1-based), the closed form of
 * (c_i − c_{i+1}) / K · min(K, i) / i with its one division floored once.
 */
export function knnShapley(matches: ArrayLike<number>, k: number): number[] {
  const n = matches.length;
  const s = new Array<number>(n);
  if (n === 0) return s;
  s[n - 1] = (matches[n - 1] as number) * unitOver(n);
  for (let i = n - 1; i >= 1; i--) {
    const diff = (matches[i - 1] as number) - (matches[i] as number);
    s[i - 1] = (s[i] as number) + diff * unitOver(Math.max(k, i));
  }
  return s;
}

/**
 * The KNN prediction of a validation row from its list: the most frequent class among the first
 * `k` neighbours, ties to the class met first. Null for an empty list.
 */
export function knnPredict(classes: readonly string[], k: number): string | null {
  const votes = new Map<string, number>();
  let best: string | null = null;
  for (const c of classes.slice(0, k)) {
    const count = (votes.get(c) ?? 0) + 1;
    votes.set(c, count);
    if (best === null || count > (votes.get(best) as number)) best = c;
  }
  return best;
}
