import { z } from 'zod';
import { addressSchema, campaignIdSchema } from './primitives.ts';

const classIndexSchema = z.number().int().min(0).max(49);

/** A character range of the item's text (end exclusive) with a class. */
export const spanSchema = z
  .strictObject({
    start: z.number().int().min(0).max(1_000_000),
    end: z.number().int().min(1).max(1_000_000),
    class: classIndexSchema,
  })
  .refine((span) => span.end > span.start, 'a span must end after it starts');
export type Span = z.output<typeof spanSchema>;

/**
 * A label, in the shape of the campaign's label schema: class indexes refer to
 * `labelSchema.classes`.
 */
export const labelValueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('classification'), class: classIndexSchema }),
  z.strictObject({
    kind: z.literal('multi-label'),
    classes: z.array(classIndexSchema).max(50),
  }),
  z.strictObject({ kind: z.literal('spans'), spans: z.array(spanSchema).max(500) }),
]);
export type LabelValue = z.output<typeof labelValueSchema>;

/** Where a pre-label came from: a published campaign model run by a device, or an import. */
export const prelabelSourceSchema = z.object({
  kind: z.enum(['model', 'import']),
  /** Model version (content hash) or the importer's name. */
  model: z.string().max(200),
  /** The backend that ran the model (`webgpu`, `wasm`, `cpu`), when known. */
  backend: z.string().max(32).optional(),
});
export type PrelabelSource = z.output<typeof prelabelSourceSchema>;

export const prelabelSchema = z.object({
  value: labelValueSchema,
  /** The model's probability for its answer, in [0, 1]. */
  confidence: z.number().min(0).max(1),
  source: prelabelSourceSchema,
});
export type Prelabel = z.output<typeof prelabelSchema>;

/** `POST /v1/labeling/tasks` (session): lease up to `max` tasks of a campaign. */
export const leaseTasksRequestSchema = z.strictObject({
  campaignId: campaignIdSchema,
  max: z.number().int().min(1).max(10).default(3),
  /**
   * Items the app already holds, including those whose label is still being sent: the labeler's
   * other open leases come back first (after a reload), then new tasks.
   */
  holding: z.array(z.number().int().min(1)).max(50).default([]),
});
export type LeaseTasksRequest = z.input<typeof leaseTasksRequestSchema>;

/** One item to label. Whether it is a gold item is never said. */
export const labelTaskSchema = z.object({
  itemId: z.number().int(),
  campaignId: z.string(),
  url: z.string(),
  title: z.string(),
  text: z.string(),
  /** Null when there is none, or when the task is blind-first (shown after the answer). */
  prelabel: prelabelSchema.nullable(),
  /** The pre-label is withheld until the labeler answers. */
  blind: z.boolean(),
  leaseExpiresAt: z.string(),
});
export type LabelTask = z.output<typeof labelTaskSchema>;

export const leaseTasksResponseSchema = z.object({ tasks: z.array(labelTaskSchema) });
export type LeaseTasksResponse = z.output<typeof leaseTasksResponseSchema>;

/**
 * One label. `clientId` names the labeler's label of this item for good; an edit sends the same
 * `clientId` with a higher `revision`. A retry (same or lower revision) changes nothing.
 */
export const submitLabelSchema = z.strictObject({
  clientId: z.uuid(),
  revision: z.number().int().min(0).max(1000).default(0),
  itemId: z.number().int().min(1),
  value: labelValueSchema,
  /** Time from the task being shown to the answer, as the app measured it. */
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000),
  /** Whether the pre-label was on screen when the labeler answered. */
  prelabelShown: z.boolean(),
});
export type SubmitLabel = z.input<typeof submitLabelSchema>;

/** `POST /v1/labeling/labels` (session): store labels; resubmitting the same `clientId` is a no-op. */
export const submitLabelsRequestSchema = z.strictObject({
  labels: z.array(submitLabelSchema).min(1).max(50),
});
export type SubmitLabelsRequest = z.input<typeof submitLabelsRequestSchema>;

export const submitLabelResultSchema = z.object({
  clientId: z.string(),
  itemId: z.number(),
  labelId: z.string(),
  /**
   * `stored` (new), `updated` (an edit of one of the last 10: recorded, but the first answer stays
   * the one scored), `unchanged` (a retry), `rejected` (see `error`; resending it cannot help).
   */
  status: z.enum(['stored', 'updated', 'unchanged', 'rejected']),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** For blind-first tasks: the pre-label, revealed now that the answer is in. */
  prelabel: prelabelSchema.nullable(),
});
export const submitLabelsResponseSchema = z.object({
  results: z.array(submitLabelResultSchema),
});
export type SubmitLabelsResponse = z.output<typeof submitLabelsResponseSchema>;

/** `POST /v1/labeling/skip` (session): give a task back; it is not offered to this labeler again. */
export const skipTaskRequestSchema = z.strictObject({ itemId: z.number().int().min(1) });

/**
 * A label as its author sees it (the last 10 stay editable). `value` is the latest answer; the
 * first answer (`firstValue`) is the one scored, an edit is recorded but changes no score.
 */
export const myLabelSchema = z.object({
  labelId: z.string(),
  clientId: z.string(),
  revision: z.number(),
  itemId: z.number(),
  campaignId: z.string(),
  title: z.string(),
  text: z.string(),
  value: labelValueSchema,
  /** The first answer, the one scored; equal to `value` until an edit. */
  firstValue: labelValueSchema,
  prelabel: prelabelSchema.nullable(),
  /** Whether the pre-label was on screen when the label was given, and the task was blind-first. */
  prelabelShown: z.boolean(),
  blind: z.boolean(),
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MyLabel = z.output<typeof myLabelSchema>;

/** `GET /v1/labeling/recent?campaignId=` (session): the labeler's newest labels, newest first. */
export const recentLabelsResponseSchema = z.object({ labels: z.array(myLabelSchema) });

/** Gold accuracy with its 95 % Wilson interval; no interval before `minAnswers` gold answers. */
export const goldAccuracySchema = z.object({
  answered: z.number(),
  correct: z.number(),
  estimate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  minAnswers: z.number(),
  threshold: z.number(),
});
export type GoldAccuracy = z.output<typeof goldAccuracySchema>;

/**
 * When a labeler's quality figures were last reported. Gold accuracy, agreement, mean posterior,
 * pending share and the gold check's pause change only once per `batch` new labels, so no single
 * answer's result (a gold item, a right or wrong answer) can be told apart.
 */
export const labelerReportSchema = z.object({
  /** New labels between two reports. */
  batch: z.number(),
  /** New labels still to give before the next report. */
  nextIn: z.number(),
  /** When the figures were last reported; null before the first report. */
  reportedAt: z.string().nullable(),
});
export type LabelerReport = z.output<typeof labelerReportSchema>;

/**
 * `GET /v1/labeling/me?campaignId=` (session): the labeler page. Label counts are live; the gold
 * record, agreement, mean posterior and pending share are as of the last `report`.
 */
export const labelerStatsSchema = z.object({
  address: addressSchema,
  campaignId: z.string(),
  status: z.enum(['active', 'paused']),
  /** Why the labeler is paused for this campaign, in words, with the code. */
  pausedReason: z.object({ code: z.string(), message: z.string() }).nullable(),
  labelsToday: z.number(),
  labelsTotal: z.number(),
  gold: goldAccuracySchema,
  /** Fraction of the labeler's aggregated labels that agree with the aggregate. */
  agreement: z.number().nullable(),
  /** Mean posterior probability that the labeler's labels are correct (Dawid–Skene). */
  meanPosterior: z.number().nullable(),
  /** The labels part of the campaign's value this labeler would get if frozen now, in [0, 1]. */
  pendingShare: z.number(),
  report: labelerReportSchema,
});
export type LabelerStats = z.output<typeof labelerStatsSchema>;

/** The campaign a labeling request is about, for routes that take it in the query. */
export const campaignQuerySchema = z.object({ campaignId: campaignIdSchema });
