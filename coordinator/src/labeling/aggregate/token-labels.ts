import type { Span, TokenSpan } from './types.ts';

/** The label {@link tokenLabels} gives a token no span covers. */
export const NO_LABEL = -1;

/**
 * The label of each token under a set of spans, or {@link NO_LABEL}: a span covers a token when
 * it covers any of the token's characters. Where spans overlap, the first span listed wins.
 * `tokens` must be sorted and disjoint, as {@link tokenSpans} returns them.
 */
export function tokenLabels(tokens: readonly TokenSpan[], spans: readonly Span[]): Int32Array {
  const labels = new Int32Array(tokens.length).fill(NO_LABEL);
  for (const { start, end, label } of spans) {
    if (end <= start) continue;
    // Binary search: the first token ending after the span's start.
    let low = 0;
    let high = tokens.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (tokens[mid]!.end <= start) low = mid + 1;
      else high = mid;
    }
    for (let t = low; t < tokens.length && tokens[t]!.start < end; t++) {
      if (labels[t] === NO_LABEL) labels[t] = label;
    }
  }
  return labels;
}
