import { z } from 'zod';
import { addressSchema } from './primitives.ts';

/** `GET /v1/coordinator`: what a client needs to sign for this coordinator. */
export const coordinatorInfoSchema = z.object({
  address: addressSchema,
  chainId: z.number().int(),
  version: z.string(),
});
export type CoordinatorInfo = z.output<typeof coordinatorInfoSchema>;

/** `GET /v1/status`: whole-system counters. */
export const statusResponseSchema = z.object({
  campaigns: z.number(),
  devices: z.number(),
  frontier: z.record(z.string(), z.number()),
  contributions: z.record(z.string(), z.number()),
  items: z.number(),
  activeLeases: z.number(),
});
export type StatusResponse = z.output<typeof statusResponseSchema>;

/** The error body of every non-2xx answer. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.output<typeof errorResponseSchema>;
