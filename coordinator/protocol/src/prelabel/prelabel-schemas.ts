import { z } from 'zod';
import { addressSchema, bytes32Schema, campaignIdSchema, signatureSchema } from '../primitives.ts';
import { featureSpecSchema } from './feature-spec.ts';

/** The backends a device may run a model on, fastest first. */
export const prelabelBackendSchema = z.enum(['webgpu', 'wasm', 'cpu']);
export type PrelabelBackend = z.output<typeof prelabelBackendSchema>;

/** The most items one pre-label lease carries. */
export const MAX_PRELABEL_BATCH = 256;

/** A published campaign model, as a device needs it to run a lease. */
export const prelabelModelSchema = z.object({
  /** sha256 of the model's canonical serialization (`model.json` bytes, then the weights). */
  hash: bytes32Schema,
  campaignId: z.string(),
  /** Class names; output `i` is the probability of class `i`. */
  classes: z.array(z.string()).min(2).max(50),
  features: featureSpecSchema,
  /** The tfjs `model.json`, relative to the coordinator's base URL. */
  modelUrl: z.string(),
});
export type PrelabelModel = z.output<typeof prelabelModelSchema>;

/** `POST /v1/prelabel/leases` (device): up to `max` items to run a campaign model on. */
export const prelabelLeaseRequestSchema = z.strictObject({
  max: z.number().int().min(1).max(MAX_PRELABEL_BATCH).default(64),
  campaignId: campaignIdSchema.optional(),
});
export type PrelabelLeaseRequest = z.input<typeof prelabelLeaseRequestSchema>;

/** One item of a pre-label lease: the exact model input and its keccak256. */
export const prelabelInputSchema = z.object({
  itemId: z.number().int(),
  input: z.string(),
  inputHash: bytes32Schema,
});
export type PrelabelInput = z.output<typeof prelabelInputSchema>;

/** A pre-label lease, or none (with a hint when to ask again). */
export const prelabelLeaseResponseSchema = z.object({
  lease: z
    .object({
      id: z.string(),
      expiresAt: z.string(),
      model: prelabelModelSchema,
      items: z.array(prelabelInputSchema),
    })
    .nullable(),
  retryAfterMs: z.number().int().min(0).optional(),
});
export type PrelabelLeaseResponse = z.output<typeof prelabelLeaseResponseSchema>;
export type PrelabelLease = NonNullable<PrelabelLeaseResponse['lease']>;

/** A device's output for one item: class probabilities in millionths (see `quantizeProbs`). */
export const prelabelPredictionSchema = z.strictObject({
  itemId: z.number().int().min(1),
  inputHash: bytes32Schema,
  probs: z.array(z.number().int().min(0).max(1_000_000)).min(2).max(50),
});
export type PrelabelPrediction = z.output<typeof prelabelPredictionSchema>;

/**
 * `POST /v1/prelabel/results` (device): the outputs of one lease, signed once (EIP-712
 * `PrelabelBatch` over the predictions' struct hashes) with the backend that ran the model.
 */
export const submitPrelabelsRequestSchema = z.strictObject({
  leaseId: z.string().min(1).max(100),
  device: addressSchema,
  model: bytes32Schema,
  backend: prelabelBackendSchema,
  signature: signatureSchema,
  items: z.array(prelabelPredictionSchema).min(1).max(MAX_PRELABEL_BATCH),
});
export type SubmitPrelabelsRequest = z.input<typeof submitPrelabelsRequestSchema>;

/**
 * What became of a batch: `accepted` (its predictions are the items' pre-labels and count for
 * the device) or `rejected` (a recomputed item was beyond tolerance: nothing of it counts).
 */
export const submitPrelabelsResponseSchema = z.object({
  batchId: z.string(),
  status: z.enum(['accepted', 'rejected']),
  /** Predictions stored as pre-labels. */
  accepted: z.number(),
  /** Items the coordinator recomputed. */
  checked: z.number(),
  /** Largest absolute probability difference among the recomputed items. */
  maxDiff: z.number().nullable(),
  reason: z.string().optional(),
});
export type SubmitPrelabelsResponse = z.output<typeof submitPrelabelsResponseSchema>;

/** Hold-out evaluation of a trained model next to the majority-class baseline. */
export const modelMetricsSchema = z.object({
  accuracy: z.number(),
  macroF1: z.number(),
  baselineAccuracy: z.number(),
  baselineMacroF1: z.number(),
  trainCount: z.number(),
  holdoutCount: z.number(),
});
export type ModelMetrics = z.output<typeof modelMetricsSchema>;

/** `GET /v1/campaigns/:id/model`: the campaign's current model and its last training run. */
export const campaignModelResponseSchema = z.object({
  model: z
    .object({
      hash: z.string(),
      classes: z.array(z.string()),
      labels: z.number(),
      metrics: modelMetricsSchema,
      createdAt: z.string(),
      modelUrl: z.string(),
    })
    .nullable(),
  lastRun: z
    .object({
      outcome: z.string(),
      labels: z.number(),
      metrics: modelMetricsSchema.nullable(),
      at: z.string(),
    })
    .nullable(),
  /** Items with a verified model pre-label, and by backend. */
  prelabeled: z.number(),
  byBackend: z.record(z.string(), z.number()),
});
export type CampaignModelResponse = z.output<typeof campaignModelResponseSchema>;

/** `POST /v1/campaigns/:id/model` (admin): train now. */
export const trainModelResponseSchema = z.object({
  outcome: z.enum(['published', 'unchanged', 'below_baseline', 'too_few_labels', 'unsupported']),
  hash: z.string().nullable(),
  metrics: modelMetricsSchema.nullable(),
});
export type TrainModelResponse = z.output<typeof trainModelResponseSchema>;
