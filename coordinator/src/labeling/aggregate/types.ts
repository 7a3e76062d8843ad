/** One labeler's class for one item: `label` is a class index in `[0, classes)`. */
export interface ClassificationAnnotation {
  item: string;
  labeler: string;
  label: number;
}

/** One labeler's classes for one multi-label item: a set of class indexes, possibly empty. */
export interface MultiLabelAnnotation {
  item: string;
  labeler: string;
  labels: readonly number[];
}

/**
 * A labeled stretch of an item's text: UTF-16 offsets (JavaScript string indexes), `end`
 * exclusive, and a class index `label`.
 */
export interface Span {
  start: number;
  end: number;
  label: number;
}

/** One labeler's spans over one item's text. */
export interface SpanAnnotation {
  item: string;
  labeler: string;
  spans: readonly Span[];
}

/** A token of a text: its UTF-16 offsets, `end` exclusive. */
export interface TokenSpan {
  start: number;
  end: number;
}

/** How an item's value was decided. */
export type AggregationMethod = 'dawid-skene' | 'majority';
