import { assertSpans } from './assert-spans.ts';
import { tokenLabelF1 } from './token-label-f1.ts';
import { tokenLabels } from './token-labels.ts';
import { tokenSpans } from './token-spans.ts';
import type { Span } from './types.ts';

/**
 * Token-level F1 between two span labelings of one text, tokenized by {@link tokenSpans}
 * (punctuation split off): a token is a true positive when both labelings give it the same
 * label, so F1 = 2·TP / (tokens labeled by a + tokens labeled by b). Symmetric; both empty → 1.
 * Throws an `AggregationInputError` on a span outside the text.
 *
 * @example
 * // "Paris" against "Paris,": 1 shared token of 1 + 2 labeled, F1 2/3.
 * tokenF1([{ start: 0, end: 5, label: 0 }], [{ start: 0, end: 6, label: 0 }], 'Paris, France');
 */
export function tokenF1(a: readonly Span[], b: readonly Span[], text: string): number {
  assertSpans(a, text.length, 'the first labeling');
  assertSpans(b, text.length, 'the second labeling');
  const tokens = tokenSpans(text);
  return tokenLabelF1(tokenLabels(tokens, a), tokenLabels(tokens, b));
}
