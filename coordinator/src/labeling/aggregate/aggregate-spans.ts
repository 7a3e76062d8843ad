import { AggregationInputError } from './aggregation-input-error.ts';
import { assertSpans } from './assert-spans.ts';
import { tokenLabelF1 } from './token-label-f1.ts';
import { NO_LABEL, tokenLabels } from './token-labels.ts';
import { tokenSpans } from './token-spans.ts';
import type { Span, SpanAnnotation } from './types.ts';

/** Options of {@link aggregateSpans}. */
export interface AggregateSpansOptions {
  /** The text of every annotated item, which the spans' offsets index. */
  texts: ReadonlyMap<string, string>;
}

/** One item's aggregate spans. */
export interface SpanItemResult {
  item: string;
  /** The aggregate spans, in text order, from a first token's start to a last token's end. */
  value: Span[];
  /** The item's agreement: how far to trust `value`. */
  confidence: number;
  /** Mean token F1 over all pairs of the item's annotations (1 with a single annotation). */
  agreement: number;
  /** How many annotations the item has. */
  annotationCount: number;
}

/** One span annotation with its posterior. */
export interface SpanAnnotationResult extends SpanAnnotation {
  /** The annotation's token F1 against the item's aggregate. */
  posterior: number;
}

/** The result of {@link aggregateSpans}. */
export interface AggregateSpansResult {
  /** Items in order of first annotation. */
  items: SpanItemResult[];
  /** The annotations in input order, each with its posterior. */
  annotations: SpanAnnotationResult[];
  /** Per labeler, the mean posterior (token F1 against the aggregate) of their annotations. */
  labelerAccuracy: Map<string, number>;
}

/**
 * Aggregates span annotations per item by token majority. The item's text is tokenized by
 * {@link tokenSpans} (punctuation split off); each token takes the label that a strict majority of
 * the item's annotations give it (more than half of them; else no label), and runs of consecutive
 * tokens with the same label merge into one span. An annotation's posterior is its token F1
 * against that aggregate; the item's agreement, and its confidence, is the mean pairwise token F1
 * of its annotations. Throws an `AggregationInputError` on an item without a text or a span
 * outside it.
 *
 * @example
 * const { items } = aggregateSpans(annotations, { texts: new Map([['doc-1', 'Ada met Bo.']]) });
 */
export function aggregateSpans(
  annotations: readonly SpanAnnotation[],
  { texts }: AggregateSpansOptions,
): AggregateSpansResult {
  const byItem = new Map<string, number[]>();
  annotations.forEach(({ item }, a) => {
    const list = byItem.get(item);
    if (list === undefined) byItem.set(item, [a]);
    else list.push(a);
  });

  const items: SpanItemResult[] = [];
  const posteriors = new Float64Array(annotations.length);
  for (const [item, members] of byItem) {
    const text = texts.get(item);
    if (text === undefined) {
      throw new AggregationInputError(`Item ${item} has span annotations but no text.`, { item });
    }
    const tokens = tokenSpans(text);
    const labelings = members.map((a) => {
      const { labeler, spans } = annotations[a]!;
      assertSpans(spans, text.length, `labeler ${labeler} on item ${item}`);
      return tokenLabels(tokens, spans);
    });

    const aggregate = new Int32Array(tokens.length).fill(NO_LABEL);
    const counts = new Map<number, number>();
    for (let t = 0; t < tokens.length; t++) {
      counts.clear();
      for (const labeling of labelings) {
        const label = labeling[t]!;
        if (label !== NO_LABEL) counts.set(label, (counts.get(label) ?? 0) + 1);
      }
      for (const [label, count] of counts) {
        if (2 * count > labelings.length) aggregate[t] = label;
      }
    }

    const value: Span[] = [];
    for (let t = 0; t < tokens.length; t++) {
      const label = aggregate[t]!;
      if (label === NO_LABEL) continue;
      const last = value[value.length - 1];
      if (last !== undefined && last.label === label && aggregate[t - 1] === label) {
        last.end = tokens[t]!.end;
      } else {
        value.push({ start: tokens[t]!.start, end: tokens[t]!.end, label });
      }
    }

    let pairSum = 0;
    let pairs = 0;
    for (let x = 0; x < labelings.length; x++) {
      posteriors[members[x]!] = tokenLabelF1(labelings[x]!, aggregate);
      for (let y = x + 1; y < labelings.length; y++) {
        pairSum += tokenLabelF1(labelings[x]!, labelings[y]!);
        pairs++;
      }
    }
    const agreement = pairs === 0 ? 1 : pairSum / pairs;
    items.push({ item, value, confidence: agreement, agreement, annotationCount: members.length });
  }

  const sums = new Map<string, { sum: number; count: number }>();
  annotations.forEach(({ labeler }, a) => {
    const entry = sums.get(labeler) ?? { sum: 0, count: 0 };
    entry.sum += posteriors[a]!;
    entry.count++;
    sums.set(labeler, entry);
  });
  const labelerAccuracy = new Map<string, number>();
  for (const [labeler, { sum, count }] of sums) labelerAccuracy.set(labeler, sum / count);

  return {
    items,
    annotations: annotations.map((annotation, a) => ({ ...annotation, posterior: posteriors[a]! })),
    labelerAccuracy,
  };
}
