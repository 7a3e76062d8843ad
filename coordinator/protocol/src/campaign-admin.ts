import { z } from 'zod';
import { campaignSchema, campaignScopeSchema, licenseSchema } from './campaigns.ts';

/**
 * `PATCH /v1/campaigns/:id` (admin): what an operator may change on a running campaign. Every field
 * is optional; the label schema, attribution weights and extraction are fixed at creation (labels
 * and shares already made depend on them).
 */
export const updateCampaignRequestSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(4000),
    scope: campaignScopeSchema,
    maxPages: z.number().int().min(1).max(10_000_000),
    politeness: z.strictObject({ minDelayMs: z.number().int().min(0).max(600_000) }),
    overlap: z.number().int().min(1).max(15),
    qualityFloor: z.number().min(0).max(1),
    verifyRate: z.number().min(0).max(1),
    goldFraction: z.number().min(0).max(0.5),
    goldThreshold: z.number().min(0).max(1),
    minGoldAnswers: z.number().int().min(1).max(1000),
    blindFraction: z.number().min(0).max(1),
    reviewThreshold: z.number().min(0).max(1),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(50),
    license: licenseSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change: name at least one field');
export type UpdateCampaignRequest = z.input<typeof updateCampaignRequestSchema>;

/** What a lifecycle step or an edit did to the campaign's frontier. */
export const frontierChangeSchema = z.object({
  /** Hosts whose queued URLs may be leased again. */
  requeuedHosts: z.number(),
  /** URLs queued again (back in scope, or in the room a larger maxPages made). */
  requeued: z.number(),
  /** Queued URLs taken out (out of the new scope, or the campaign closed). */
  refused: z.number(),
});
export type FrontierChange = z.output<typeof frontierChangeSchema>;

/** Answer of `PATCH /v1/campaigns/:id` and of `POST …/pause|resume|close`. */
export const campaignChangeResponseSchema = z.object({
  campaign: campaignSchema,
  frontier: frontierChangeSchema,
});
export type CampaignChangeResponse = z.output<typeof campaignChangeResponseSchema>;

/** Why a host of a campaign gets no fetches, in words, with a code. */
export const hostBlockerSchema = z.object({
  code: z.enum([
    'CAMPAIGN_PAUSED',
    'CAMPAIGN_CLOSED',
    'ROBOTS_PENDING',
    'ROBOTS_ERROR',
    'ROBOTS_DISALLOWED',
    'HOST_UNRESOLVABLE',
    'HOST_RESOLVES_PRIVATE',
    'CRAWL_DELAY',
    'FETCH_FAILURES',
    'MAX_PAGES_REACHED',
  ]),
  message: z.string(),
  /** When the coordinator will look again (robots.txt retry, next politeness window). */
  until: z.string().nullable(),
});
export type HostBlocker = z.output<typeof hostBlockerSchema>;

/** One host of a campaign: its URLs by status and what holds it back. */
export const campaignHostSchema = z.object({
  host: z.string(),
  urls: z.record(z.string(), z.number()),
  robots: z.object({
    state: z.enum(['unknown', 'ok', 'error']),
    /** HTTP status of the last robots.txt fetch; 0 for a network or DNS failure. */
    status: z.number().nullable(),
    fetchedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    /** Why the last check failed (DNS, network, 5xx), in words. */
    error: z.string().nullable(),
  }),
  crawlDelayMs: z.number(),
  nextFetchAt: z.string(),
  blockers: z.array(hostBlockerSchema),
});
export type CampaignHost = z.output<typeof campaignHostSchema>;

/** `GET /v1/campaigns/:id/hosts` (admin): the hosts of a campaign, blocked ones first. */
export const campaignHostsResponseSchema = z.object({
  campaignId: z.string(),
  status: z.enum(['active', 'paused', 'closed']),
  /** Blocker codes and how many hosts each holds back. */
  summary: z.record(z.string(), z.number()),
  hosts: z.array(campaignHostSchema),
  /** Hosts left out of `hosts` past the limit. */
  more: z.number(),
});
export type CampaignHostsResponse = z.output<typeof campaignHostsResponseSchema>;
