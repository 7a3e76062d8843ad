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
  if (open.length === 0) return { posteriors: new Map(), aggregates: [], accuracy: new Map() };
  const byItem = new Map<number, StoredLabel[]>();
  for (const label of open) byItem.set(label.itemId, [...(byItem.get(label.itemId) ?? []), label]);
  const ids = new Map(open.map((label) => [`${label.itemId}|${label.labeler}`, label.id]));
  const agreement = (itemId: number) => pairwiseAgreement(byItem.get(itemId) ?? []);
  const counts = (itemId: number) => byItem.get(itemId)?.length ?? 0;
  const annotation = <T>(label: StoredLabel, answer: T) => ({
    item: String(label.itemId),
    labeler: label.labeler,
    ...answer,
  });

  if (schema.kind === 'classification') {
    const result = aggregateClassification(
      open.map((label) =>
        annotation(label, {
          label: label.value.kind === 'classification' ? label.value.class : 0,
        }),
      ),
      { classes: schema.classes.length },
    );
    return collectAggregation(result, ids, (item, itemId) => ({
      itemId,
      value: { kind: 'classification', class: item.value },
      confidence: item.confidence,
      agreement: agreement(itemId),
      method: item.method,
      labelsCount: counts(itemId),
    }));
  }
  if (schema.kind === 'multi-label') {
    const result = aggregateMultiLabel(
      open.map((label) =>
        annotation(label, {
          labels: label.value.kind === 'multi-label' ? label.value.classes : [],
        }),
      ),
      { classes: schema.classes.length },
    );
    return collectAggregation(result, ids, (item, itemId) => ({
      itemId,
      value: { kind: 'multi-label', classes: item.value },
      confidence: item.confidence,
      agreement: agreement(itemId),
      method: item.method,
      labelsCount: counts(itemId),
    }));
  }
  const result = aggregateSpans(
    open.map((label) =>
      annotation(label, {
        spans: label.value.kind === 'spans' ? toAggregateSpans(label.value.spans) : [],
      }),
    ),
    { texts: new Map([...texts].map(([id, text]) => [String(id), text])) },
  );
  return collectAggregation(result, ids, (item, itemId) => ({
    itemId,
    value: {
      kind: 'spans',
      spans: item.value.map((span) => ({ start: span.start, end: span.end, class: span.label })),
    },
    confidence: item.confidence,
    agreement: item.agreement,
    method: 'spans',
    labelsCount: counts(itemId),
  }));
}

/** What every aggregator gives: a posterior per annotation, a result per item, accuracies. */
interface AggregatorResult<I> {
  annotations: ReadonlyArray<{ item: string; labeler: string; posterior: number }>;
  items: readonly I[];
  labelerAccuracy: Map<string, number>;
}

/** An aggregator's result as label posteriors (by label id) and item aggregates. */
function collectAggregation<I extends { item: string }>(
  result: AggregatorResult<I>,
  ids: ReadonlyMap<string, string>,
  toAggregate: (item: I, itemId: number) => ItemAggregate,
): OpenAggregation {
  const posteriors = new Map<string, number>();
  for (const a of result.annotations) {
    posteriors.set(ids.get(`${a.item}|${a.labeler}`) ?? '', a.posterior);
  }
  const aggregates = result.items.map((item) => toAggregate(item, Number(item.item)));
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
