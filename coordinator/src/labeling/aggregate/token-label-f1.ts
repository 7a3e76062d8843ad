import { NO_LABEL } from './token-labels.ts';

/**
 * Token-level F1 of two labelings of the same tokens (as {@link tokenLabels} gives them): a true
 * positive is a token both label, with the same label, so F1 = 2·TP / (labeled by a + labeled by
 * b). Symmetric; two labelings that label nothing agree fully (1).
 */
export function tokenLabelF1(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  let labeled = 0;
  for (let t = 0; t < a.length; t++) {
    const x = a[t]!;
    const y = b[t]!;
    if (x !== NO_LABEL) labeled++;
    if (y !== NO_LABEL) labeled++;
    if (x !== NO_LABEL && x === y) shared++;
  }
  return labeled === 0 ? 1 : (2 * shared) / labeled;
}
