import type { LabelSchema, LabelValue } from '@plaza/protocol';
import { krippendorffAlpha, tokenLabels, tokenSpans } from './aggregate/index.ts';
import { toAggregateSpans } from './is-gold-correct.ts';

/** One label as the aggregation sees it. */
export interface AggregationLabel {
  itemId: number;
  labeler: string;
  value: LabelValue;
}

/**
 * Krippendorff's alpha (nominal) of a campaign's labels: items are the units for classification;
 * each (item, class) pair is a binary unit for multi-label; each token of the item's text is a
 * unit for spans (its value is the class of the span covering it, or none). Null when no unit has
 * two values.
 */
export function campaignAlpha(
  schema: LabelSchema,
  labels: readonly AggregationLabel[],
  texts: ReadonlyMap<number, string>,
): number | null {
  const byItem = new Map<number, AggregationLabel[]>();
  for (const label of labels) {
    const list = byItem.get(label.itemId) ?? [];
    list.push(label);
    byItem.set(label.itemId, list);
  }
  const units: number[][] = [];
  for (const [itemId, list] of byItem) {
    if (list.length < 2) continue;
    if (schema.kind === 'classification') {
      units.push(
        list.map((label) => (label.value.kind === 'classification' ? label.value.class : -1)),
      );
    } else if (schema.kind === 'multi-label') {
      for (let c = 0; c < schema.classes.length; c++) {
        units.push(
          list.map((label) =>
            label.value.kind === 'multi-label' && label.value.classes.includes(c) ? 1 : 0,
          ),
        );
      }
    } else {
      const tokens = tokenSpans(texts.get(itemId) ?? '');
      const perLabeler = list.map((label) =>
        tokenLabels(
          tokens,
          label.value.kind === 'spans' ? toAggregateSpans(label.value.spans) : [],
        ),
      );
      for (let t = 0; t < tokens.length; t++) units.push(perLabeler.map((row) => row[t] ?? -1));
    }
  }
  if (units.length === 0) return null;
  const alpha = krippendorffAlpha(units);
  return Number.isFinite(alpha) ? alpha : null;
}
