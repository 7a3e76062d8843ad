import type { LabelValue } from '@plaza/protocol';
import { aggregateClassification, aggregateMultiLabel, aggregateSpans } from './aggregate/index.ts';
import type { AggregationLabel } from './campaign-alpha.ts';
import { toAggregateSpans } from './is-gold-correct.ts';
import { sameLabel } from './same-label.ts';

/** A stored label as aggregation reads it. */
export interface StoredLabel extends AggregationLabel {
  id: string;
  gold: LabelValue | null;
  reviewed: LabelValue | null;
  paused: boolean;
}

/** An item's aggregated label, as `label_aggregates` stores it. */
export interface ItemAggregate {
  itemId: number;
  value: LabelValue;
  confidence: number;
  agreement: number | null;
  method: 'dawid-skene' | 'majority' | 'spans' | 'gold';
  labelsCount: number;
}

/** What aggregating the open labels gives: per-label posteriors, per-item results, accuracies. */
export interface OpenAggregation {
  /** Label id → probability the label is right. */
  posteriors: Map<string, number>;
  aggregates: ItemAggregate[];
  /** Labeler → estimated accuracy. */
  accuracy: Map<string, number>;
}

/**
 * Aggregates the labels of items with no known answer (Dawid–Skene or majority for classes, per
 * label for multi-label, token votes for spans).
 */
export function aggregateOpenLabels(
  schema: { kind: 'classification' | 'multi-label' | 'spans'; classes: string[] },
  open: readonly StoredLabel[],
  texts: ReadonlyMap<number, string>,
): OpenAggregation {
  const posteriors = new Map<string, number>();
  const aggregates: ItemAggregate[] = [];
  if (open.length === 0) return { posteriors, aggregates, accuracy: new Map() };
  const byItem = new Map<number, StoredLabel[]>();
  for (const label of open) byItem.set(label.itemId, [...(byItem.get(label.itemId) ?? []), label]);
  const key = (label: StoredLabel) => `${label.itemId}|${label.labeler}`;
  const ids = new Map(open.map((label) => [key(label), label.id]));
  const agreement = (itemId: number) => pairwiseAgreement(byItem.get(itemId) ?? []);
  const counts = (itemId: number) => byItem.get(itemId)?.length ?? 0;

  if (schema.kind === 'classification') {
    const result = aggregateClassification(
      open.map((label) => ({
        item: String(label.itemId),
        labeler: label.labeler,
        label: label.value.kind === 'classification' ? label.value.class : 0,
      })),
      { classes: schema.classes.length },
    );
    for (const a of result.annotations) {
      posteriors.set(ids.get(`${a.item}|${a.labeler}`) ?? '', a.posterior);
    }
    for (const item of result.items) {
      const itemId = Number(item.item);
      aggregates.push({
        itemId,
        value: { kind: 'classification', class: item.value },
        confidence: item.confidence,
        agreement: agreement(itemId),
        method: item.method,
        labelsCount: counts(itemId),
      });
    }
    return { posteriors, aggregates, accuracy: result.labelerAccuracy };
  }
  if (schema.kind === 'multi-label') {
    const result = aggregateMultiLabel(
      open.map((label) => ({
        item: String(label.itemId),
        labeler: label.labeler,
        labels: label.value.kind === 'multi-label' ? label.value.classes : [],
      })),
      { classes: schema.classes.length },
    );
    for (const a of result.annotations) {
      posteriors.set(ids.get(`${a.item}|${a.labeler}`) ?? '', a.posterior);
    }
    for (const item of result.items) {
      const itemId = Number(item.item);
      aggregates.push({
        itemId,
        value: { kind: 'multi-label', classes: item.value },
        confidence: item.confidence,
        agreement: agreement(itemId),
        method: item.method,
        labelsCount: counts(itemId),
      });
    }
    return { posteriors, aggregates, accuracy: result.labelerAccuracy };
  }
  const result = aggregateSpans(
    open.map((label) => ({
      item: String(label.itemId),
      labeler: label.labeler,
      spans: label.value.kind === 'spans' ? toAggregateSpans(label.value.spans) : [],
    })),
    { texts: new Map([...texts].map(([id, text]) => [String(id), text])) },
  );
  for (const a of result.annotations) {
    posteriors.set(ids.get(`${a.item}|${a.labeler}`) ?? '', a.posterior);
  }
  for (const item of result.items) {
    const itemId = Number(item.item);
    aggregates.push({
      itemId,
      value: {
        kind: 'spans',
        spans: item.value.map((span) => ({ start: span.start, end: span.end, class: span.label })),
      },
      confidence: item.confidence,
      agreement: item.agreement,
      method: 'spans',
      labelsCount: counts(itemId),
    });
  }
  return { posteriors, aggregates, accuracy: result.labelerAccuracy };
}

/** Share of an item's label pairs that agree (token F1 for spans); null with one label. */
function pairwiseAgreement(labels: readonly StoredLabel[]): number | null {
  if (labels.length < 2) return null;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]?.value;
      const b = labels[j]?.value;
      if (!a || !b) continue;
      sum += sameLabel(a, b) ? 1 : 0;
      pairs++;
    }
  }
  return pairs === 0 ? null : sum / pairs;
}
