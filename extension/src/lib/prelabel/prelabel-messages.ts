import { featureSpecSchema, MAX_PRELABEL_BATCH, prelabelBackendSchema } from '@plaza/protocol';
import { z } from 'zod';

/** Run a campaign model on a batch of inputs in the offscreen document. */
export const runPrelabelRequestSchema = z.object({
  target: z.literal('offscreen'),
  type: z.literal('prelabel'),
  /** Absolute URL of the model's `model.json` (`weights.bin` is beside it). */
  modelUrl: z.string().url(),
  /** The model's content hash: the downloaded files must hash to it. */
  hash: z.string().regex(/^0x[0-9a-f]{64}$/),
  features: featureSpecSchema,
  inputs: z
    .array(z.string())
    .min(1)
    .max(4 * MAX_PRELABEL_BATCH),
  /** Run on this backend only (tests, benchmarks); otherwise WebGPU → wasm → cpu. */
  backend: prelabelBackendSchema.optional(),
});
export type RunPrelabelRequest = z.output<typeof runPrelabelRequestSchema>;

/** The outputs of a batch: probabilities in millionths per input, and the backend that ran. */
export const runPrelabelResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    backend: prelabelBackendSchema,
    probs: z.array(z.array(z.number().int().min(0).max(1_000_000))),
    /** Featurizing and running the model, ms (the model was already loaded). */
    ms: z.number(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type RunPrelabelResponse = z.output<typeof runPrelabelResponseSchema>;
