import { z } from 'zod';
import { addressSchema, signatureSchema, unixSecondsSchema } from './primitives.ts';

/**
 * EIP-712 type a buyer signs to download a licensed version (domain: `plazaDomain`). `issuedAt`
 * must be within five minutes of the coordinator's clock, so a captured request soon stops working.
 */
export const downloadRequestTypes = {
  DownloadRequest: [
    { name: 'buyer', type: 'address' },
    { name: 'datasetId', type: 'uint64' },
    { name: 'version', type: 'uint32' },
    { name: 'issuedAt', type: 'uint64' },
  ],
} as const;

/** `POST /v1/datasets/:campaign/versions/:version/downloads`: the buyer's signed request. */
export const downloadRequestSchema = z.strictObject({
  buyer: addressSchema,
  issuedAt: unixSecondsSchema,
  signature: signatureSchema,
});
export type DownloadRequest = z.input<typeof downloadRequestSchema>;

/** Short-lived URLs of the version's files, for the buyer only. */
export const downloadResponseSchema = z.object({
  expiresAt: z.string(),
  licenseExpiresAt: z.string(),
  files: z.array(z.object({ name: z.string(), url: z.string() })),
});
export type DownloadResponse = z.output<typeof downloadResponseSchema>;
