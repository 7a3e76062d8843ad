import { AggregationInputError } from './aggregation-input-error.ts';
import type { Span } from './types.ts';

/**
 * Checks spans against their text: integer offsets with `0 ≤ start ≤ end ≤ text.length` and an
 * integer label ≥ 0. Throws an `AggregationInputError` naming the first bad span and `where` it
 * came from (an item and labeler, say).
 */
export function assertSpans(spans: readonly Span[], textLength: number, where: string): void {
  for (const span of spans) {
    const { start, end, label } = span;
    const valid =
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      start >= 0 &&
      start <= end &&
      end <= textLength &&
      Number.isInteger(label) &&
      label >= 0;
    if (!valid) {
      throw new AggregationInputError(
        `Span [${start}, ${end}) with label ${label} of ${where} is not a labeled range ` +
          `of a text of ${textLength} characters.`,
        span,
      );
    }
  }
}
