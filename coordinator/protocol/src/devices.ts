import { z } from 'zod';
import { addressSchema, signatureSchema, unixSecondsSchema } from './primitives.ts';
import { deviceQuarantineSchema } from './verification.ts';

/** `POST /v1/devices`: a device proves it holds its key by signing a `DeviceRegistration`. */
export const registerDeviceRequestSchema = z.strictObject({
  address: addressSchema,
  issuedAt: unixSecondsSchema,
  signature: signatureSchema,
});
export type RegisterDeviceRequest = z.input<typeof registerDeviceRequestSchema>;

/** A device as the coordinator sees it. */
export const deviceSchema = z.object({
  address: addressSchema,
  payout: addressSchema.nullable(),
  reputation: z.number().min(0).max(1),
  status: z.enum(['active', 'quarantined']),
  registeredAt: z.string(),
  /** Verification checks of its contributions (absent from coordinators before verification). */
  checks: z.object({ confirmed: z.number().int(), failed: z.number().int() }).optional(),
  /** Why it is quarantined; null while active. */
  quarantine: deviceQuarantineSchema.nullable().optional(),
});
export type Device = z.output<typeof deviceSchema>;

/** Answer to a registration: the device and a bearer token for its later requests. */
export const registerDeviceResponseSchema = z.object({
  device: deviceSchema,
  token: z.string().min(32).max(128),
});
export type RegisterDeviceResponse = z.output<typeof registerDeviceResponseSchema>;

/** `POST /v1/devices/:address/payout`: the payout address signs a `PayoutLink`. */
export const linkPayoutRequestSchema = z.strictObject({
  payout: addressSchema,
  nonce: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  signature: signatureSchema,
});
export type LinkPayoutRequest = z.input<typeof linkPayoutRequestSchema>;

/** Answer with one device. */
export const deviceResponseSchema = z.object({ device: deviceSchema });
