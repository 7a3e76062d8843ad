import { z } from 'zod';
import { httpUrlSchema } from './primitives.ts';

/**
 * The events a webhook endpoint can receive. `version.frozen` comes from the coordinator when a
 * version is written; the others from the chain, once the indexer has mirrored them.
 */
export const webhookEventTypes = [
  'version.frozen',
  'version.published',
  'license.proposed',
  'license.approved',
  'license.settled',
] as const;
export const webhookEventTypeSchema = z.enum(webhookEventTypes);
export type WebhookEventType = z.output<typeof webhookEventTypeSchema>;

/**
 * The body of every delivery (Standard Webhooks: `type`, `timestamp`, `data`), signed in the
 * `webhook-signature` header over `webhook-id.webhook-timestamp.body`.
 */
export const webhookPayloadSchema = z.object({
  type: webhookEventTypeSchema,
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.output<typeof webhookPayloadSchema>;

/** `POST /v1/webhooks` (admin): a new endpoint; every event type when `events` is omitted. */
export const createWebhookRequestSchema = z.strictObject({
  url: httpUrlSchema,
  events: z.array(webhookEventTypeSchema).min(1).max(webhookEventTypes.length).optional(),
  description: z.string().max(500).default(''),
});
export type CreateWebhookRequest = z.input<typeof createWebhookRequestSchema>;

/** An endpoint as the API shows it (never its secret, except once at creation). */
export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  deliveries: z.object({ pending: z.number(), delivered: z.number(), failed: z.number() }),
});
export type WebhookEndpoint = z.output<typeof webhookEndpointSchema>;

export const createWebhookResponseSchema = z.object({
  endpoint: webhookEndpointSchema,
  /** `whsec_…`: verify deliveries with it; shown only now. */
  secret: z.string(),
});
export const listWebhooksResponseSchema = z.object({ endpoints: z.array(webhookEndpointSchema) });

/** One event to one endpoint, with every attempt. */
export const webhookDeliverySchema = z.object({
  eventId: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  log: z.array(
    z.object({ at: z.string(), status: z.number(), error: z.string().nullable(), ms: z.number() }),
  ),
});
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;
export const webhookDeliveriesResponseSchema = z.object({
  endpointId: z.string(),
  deliveries: z.array(webhookDeliverySchema),
});
