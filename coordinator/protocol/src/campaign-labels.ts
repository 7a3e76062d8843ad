// Wire schemas of the admin routes over a campaign's labels: gold items, imported pre-labels,
// items with their aggregated labels, the pipeline dashboard.
import { z } from 'zod';
import { labelValueSchema } from './labels.ts';
import { addressSchema } from './primitives.ts';

/** `POST /v1/campaigns/:id/gold` (admin): items with their known answers. */
export const addGoldRequestSchema = z.strictObject({
  items: z
    .array(z.strictObject({ itemId: z.number().int().min(1), value: labelValueSchema }))
    .min(1)
    .max(10_000),
});
export type AddGoldRequest = z.input<typeof addGoldRequestSchema>;

/** `POST /v1/campaigns/:id/prelabels` (admin): import pre-labels made elsewhere. */
export const importPrelabelsRequestSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        itemId: z.number().int().min(1),
        value: labelValueSchema,
        confidence: z.number().min(0).max(1),
        model: z.string().min(1).max(200),
      }),
    )
    .min(1)
    .max(10_000),
});
export type ImportPrelabelsRequest = z.input<typeof importPrelabelsRequestSchema>;

export const countResponseSchema = z.object({ count: z.number() });

/** `GET /v1/campaigns/:id/items?limit=&after=` (admin): items with their aggregated labels. */
export const campaignItemSchema = z.object({
  itemId: z.number(),
  url: z.string(),
  title: z.string(),
  qualityScore: z.number(),
  gold: z.boolean(),
  labels: z.number(),
  aggregate: labelValueSchema.nullable(),
  confidence: z.number().nullable(),
});
export const campaignItemsResponseSchema = z.object({ items: z.array(campaignItemSchema) });

/** `GET /v1/campaigns/:id/dashboard`: what the pipeline dashboard draws. */
export const dashboardSchema = z.object({
  campaignId: z.string(),
  generatedAt: z.string(),
  frontier: z.record(z.string(), z.number()),
  /** Fetched pages per minute over the last hour, oldest first. */
  fetchedPerMinute: z.array(z.object({ minute: z.string(), pages: z.number() })),
  contributions: z.record(z.string(), z.number()),
  /** Duplicates (exact + near) over all fetched pages. */
  duplicateRate: z.number(),
  /** Items per quality-score bin: 20 bins of width 0.05. */
  qualityHistogram: z.array(z.number()).length(20),
  qualityFloor: z.number(),
  labeling: z.object({
    tasks: z.number(),
    gold: z.number(),
    /** Tasks with 0, 1 … overlap labels (last bin: overlap or more). */
    byLabelCount: z.array(z.number()),
    complete: z.number(),
    reviewed: z.number(),
    labels: z.number(),
    labelers: z.number(),
    pausedLabelers: z.number(),
    /** Krippendorff's alpha of the campaign's labels; null before two labels share an item. */
    alpha: z.number().nullable(),
    aggregatedAt: z.string().nullable(),
  }),
  labelers: z.array(
    z.object({
      address: addressSchema,
      labels: z.number(),
      goldAccuracy: z.number().nullable(),
      estimatedAccuracy: z.number().nullable(),
      status: z.enum(['active', 'paused']),
    }),
  ),
});
export type Dashboard = z.output<typeof dashboardSchema>;
