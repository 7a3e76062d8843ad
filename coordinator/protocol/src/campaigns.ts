import { z } from 'zod';
import { campaignIdSchema, httpUrlSchema } from './primitives.ts';

const hostPatternSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\*\.)?[a-z0-9.-]+$/i, 'expected a host name, optionally prefixed with "*."');

/** Where a campaign may go: exact hosts or `*.example.com`, then optional URL globs. */
export const campaignScopeSchema = z.strictObject({
  hosts: z.array(hostPatternSchema).min(1).max(1000),
  include: z.array(z.string().min(1).max(512)).max(100).optional(),
  exclude: z.array(z.string().min(1).max(512)).max(100).optional(),
});
export type CampaignScope = z.output<typeof campaignScopeSchema>;

/** An SPDX license id (`CC-BY-4.0`, `ODC-By-1.0`, `CC0-1.0` …) or `other`. */
export const licenseSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'expected an SPDX license id such as CC-BY-4.0');

/** The license of a campaign that names none: Open Data Commons Attribution, as FineWeb uses. */
export const DEFAULT_LICENSE = 'ODC-By-1.0';

/** The label schema of a campaign. */
export const labelSchemaSchema = z.strictObject({
  kind: z.enum(['classification', 'multi-label', 'spans']),
  classes: z.array(z.string().min(1).max(64)).min(2).max(50),
});
export type LabelSchema = z.output<typeof labelSchemaSchema>;

/** How a row's value is split by role. The three parts sum to 1. */
export const attributionWeightsSchema = z
  .strictObject({
    fetch: z.number().min(0).max(1),
    labels: z.number().min(0).max(1),
    compute: z.number().min(0).max(1),
  })
  .refine((w) => Math.abs(w.fetch + w.labels + w.compute - 1) < 1e-9, 'weights must sum to 1');
export type AttributionWeights = z.output<typeof attributionWeightsSchema>;

/** The attribution rules a campaign can be frozen under. */
export const attributionRuleSchema = z.enum(['plaza-attribution/1', 'plaza-attribution/2']);
export type AttributionRule = z.output<typeof attributionRuleSchema>;

/** `POST /v1/campaigns` (admin). Every field but id, name, scope and labels has a default. */
export const createCampaignRequestSchema = z.strictObject({
  id: campaignIdSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(4000).default(''),
  seeds: z.array(httpUrlSchema).max(10_000).default([]),
  sitemaps: z.array(httpUrlSchema).max(100).default([]),
  scope: campaignScopeSchema,
  /** Stop adding URLs to the frontier past this many. */
  maxPages: z.number().int().min(1).max(10_000_000).default(10_000),
  /** Minimum time between two fetches of one host, across the whole swarm. */
  politeness: z
    .strictObject({ minDelayMs: z.number().int().min(0).max(600_000).default(1000) })
    .default({ minDelayMs: 1000 }),
  extraction: z.enum(['article', 'full-text']).default('article'),
  /** Verification re-fetches this campaign with a real browser. */
  needsBrowser: z.boolean().default(false),
  /**
   * Share of contributions re-fetched by the coordinator to verify them, at random (devices on
   * probation, low-reputation devices and flagged contributions are always re-fetched).
   */
  verifyRate: z.number().min(0).max(1).default(0.03),
  /**
   * Coordinator-side crawlee workers also take this campaign's jobs, from the same frontier and
   * leases as the extensions (one politeness budget per host for both).
   */
  serverCrawl: z.boolean().default(false),
  /** ISO 639-1 codes; empty means any language. */
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .max(50)
    .default([]),
  labelSchema: labelSchemaSchema,
  overlap: z.number().int().min(1).max(15).default(3),
  /** Share of a labeler's tasks that are gold items (when the campaign has gold answers). */
  goldFraction: z.number().min(0).max(0.5).default(0.1),
  /** Labelers whose gold accuracy falls under this, after `minGoldAnswers`, are paused. */
  goldThreshold: z.number().min(0).max(1).default(0.7),
  minGoldAnswers: z.number().int().min(1).max(1000).default(10),
  /** Share of tasks whose pre-label is shown only after the labeler answers. */
  blindFraction: z.number().min(0).max(1).default(0.2),
  /** Items whose aggregate confidence is under this go to review. */
  reviewThreshold: z.number().min(0).max(1).default(0.7),
  qualityFloor: z.number().min(0).max(1).default(0.5),
  attribution: attributionWeightsSchema.default({ fetch: 0.4, labels: 0.5, compute: 0.1 }),
  /** The dataset's license (an SPDX id), written into every version's manifest and card. */
  license: licenseSchema.default(DEFAULT_LICENSE),
  /**
   * How rows are valued when a version is frozen: `plaza-attribution/1` (a row's value is its
   * quality) or `plaza-attribution/2` (its measured effect on the campaign model's accuracy on
   * validation rows, blended with quality; see the README).
   */
  attributionRule: attributionRuleSchema.default('plaza-attribution/1'),
});
export type CreateCampaignRequest = z.input<typeof createCampaignRequestSchema>;
export type CampaignSpec = z.output<typeof createCampaignRequestSchema>;

/** A campaign as the API returns it. */
export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['active', 'paused', 'closed']),
  scope: campaignScopeSchema,
  maxPages: z.number(),
  politeness: z.object({ minDelayMs: z.number() }),
  extraction: z.enum(['article', 'full-text']),
  needsBrowser: z.boolean(),
  /** Absent from coordinators that predate verification. */
  verifyRate: z.number().optional(),
  /** Absent from coordinators that predate server crawling. */
  serverCrawl: z.boolean().optional(),
  languages: z.array(z.string()),
  labelSchema: labelSchemaSchema,
  overlap: z.number(),
  goldFraction: z.number(),
  goldThreshold: z.number(),
  minGoldAnswers: z.number(),
  blindFraction: z.number(),
  reviewThreshold: z.number(),
  qualityFloor: z.number(),
  attribution: z.object({ fetch: z.number(), labels: z.number(), compute: z.number() }),
  /** Absent from coordinators that predate licenses. */
  license: z.string().optional(),
  /** Absent from coordinators that predate rule v2 (they freeze under v1). */
  attributionRule: attributionRuleSchema.optional(),
  createdAt: z.string(),
});
export type Campaign = z.output<typeof campaignSchema>;

/** Counters of one campaign's pipeline. */
export const campaignStatsSchema = z.object({
  frontier: z.record(z.string(), z.number()),
  contributions: z.record(z.string(), z.number()),
  items: z.number(),
  devices: z.number(),
});
export type CampaignStats = z.output<typeof campaignStatsSchema>;

/** Answer of create: the campaign and how many seed URLs entered the frontier. */
export const createCampaignResponseSchema = z.object({
  campaign: campaignSchema,
  frontier: z.object({
    added: z.number(),
    refused: z.array(z.object({ url: z.string(), code: z.string() })),
  }),
});
export const listCampaignsResponseSchema = z.object({ campaigns: z.array(campaignSchema) });
export const campaignResponseSchema = z.object({
  campaign: campaignSchema,
  stats: campaignStatsSchema,
});

/** `POST /v1/campaigns/:id/urls` (admin): add seed URLs. */
export const addUrlsRequestSchema = z.strictObject({
  urls: z.array(httpUrlSchema).min(1).max(10_000),
});
export const addUrlsResponseSchema = createCampaignResponseSchema.shape.frontier;
export type AddUrlsRequest = z.input<typeof addUrlsRequestSchema>;
