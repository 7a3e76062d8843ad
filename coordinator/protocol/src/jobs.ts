import { z } from 'zod';
import { campaignIdSchema } from './primitives.ts';

/** `POST /v1/leases`: a device asks for up to `max` fetch jobs. */
export const leaseRequestSchema = z.strictObject({
  max: z.number().int().min(1).max(32).default(4),
  campaignId: campaignIdSchema.optional(),
});
export type LeaseRequest = z.input<typeof leaseRequestSchema>;

/** One URL to fetch under the egress policy, then submit before `expiresAt`. */
export const jobSchema = z.object({
  jobId: z.string(),
  campaignId: z.string(),
  url: z.string(),
  extraction: z.enum(['article', 'full-text']),
});
export type Job = z.output<typeof jobSchema>;

/** A lease: jobs for distinct hosts, all expiring together. */
export const leaseResponseSchema = z.object({
  lease: z.object({
    id: z.string(),
    expiresAt: z.string(),
    jobs: z.array(jobSchema),
  }),
  /** When no job was free, how long to wait before asking again. */
  retryAfterMs: z.number().int().min(0).optional(),
});
export type LeaseResponse = z.output<typeof leaseResponseSchema>;
