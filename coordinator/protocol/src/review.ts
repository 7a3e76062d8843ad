// Wire schemas of the review routes (`/v1/review/*`): disagreeing items and a reviewer's answer.
import { z } from 'zod';
import { labelValueSchema } from './labels.ts';

/** A label as a reviewer sees it. */
export const reviewLabelSchema = z.object({
  labeler: z.string(),
  value: labelValueSchema,
  posterior: z.number().nullable(),
});

/** An item whose labels disagree. */
export const reviewItemSchema = z.object({
  itemId: z.number(),
  campaignId: z.string(),
  title: z.string(),
  text: z.string(),
  labels: z.array(reviewLabelSchema),
  aggregate: z.object({
    value: labelValueSchema,
    confidence: z.number(),
    agreement: z.number().nullable(),
    method: z.string(),
  }),
});
export type ReviewItem = z.output<typeof reviewItemSchema>;

/** `GET /v1/review/items?campaignId=&limit=` (reviewer): least agreed first. */
export const reviewItemsResponseSchema = z.object({ items: z.array(reviewItemSchema) });

/** `POST /v1/review/resolve` (reviewer): the reviewer's answer replaces the aggregate. */
export const resolveReviewRequestSchema = z.strictObject({
  itemId: z.number().int().min(1),
  value: labelValueSchema,
});
