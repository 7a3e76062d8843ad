export {
  type AggregateClassificationOptions,
  type AggregateClassificationResult,
  aggregateClassification,
  type ClassificationAnnotationResult,
  type ClassificationItemResult,
} from './aggregate-classification.ts';
export {
  type AggregateMultiLabelOptions,
  type AggregateMultiLabelResult,
  aggregateMultiLabel,
  type MultiLabelAnnotationResult,
  type MultiLabelItemResult,
} from './aggregate-multi-label.ts';
export {
  type AggregateSpansOptions,
  type AggregateSpansResult,
  aggregateSpans,
  type SpanAnnotationResult,
  type SpanItemResult,
} from './aggregate-spans.ts';
export { AggregationInputError } from './aggregation-input-error.ts';
export { alphaFromAnnotations } from './alpha-from-annotations.ts';
export { type DawidSkeneOptions, type DawidSkeneResult, dawidSkene } from './dawid-skene.ts';
export { type AlphaMetric, krippendorffAlpha } from './krippendorff-alpha.ts';
export {
  type MajorityVoteOptions,
  type MajorityVoteResult,
  majorityVote,
} from './majority-vote.ts';
export { tokenF1 } from './token-f1.ts';
export { tokenLabelF1 } from './token-label-f1.ts';
export { NO_LABEL, tokenLabels } from './token-labels.ts';
export { tokenSpans } from './token-spans.ts';
export type {
  AggregationMethod,
  ClassificationAnnotation,
  MultiLabelAnnotation,
  Span,
  SpanAnnotation,
  TokenSpan,
} from './types.ts';
export { type WilsonInterval, wilsonInterval } from './wilson-interval.ts';
