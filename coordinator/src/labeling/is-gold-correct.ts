import type { LabelValue } from '@plaza/protocol';
import { tokenF1 } from './aggregate/index.ts';
import { sameLabel } from './same-label.ts';

/** Span answers within this token-level F1 of the gold spans count as correct. */
export const GOLD_SPAN_F1 = 0.8;

/** Whether an answer matches a gold answer: equal for classes, token F1 ≥ 0.8 for spans. */
export function isGoldCorrect(answer: LabelValue, gold: LabelValue, text: string): boolean {
  if (answer.kind === 'spans' && gold.kind === 'spans') {
    return (
      tokenF1(toAggregateSpans(answer.spans), toAggregateSpans(gold.spans), text) >= GOLD_SPAN_F1
    );
  }
  return sameLabel(answer, gold);
}

/** Protocol spans (`class`) in the aggregation library's shape (`label`). */
export function toAggregateSpans(spans: { start: number; end: number; class: number }[]) {
  return spans.map((span) => ({ start: span.start, end: span.end, label: span.class }));
}
