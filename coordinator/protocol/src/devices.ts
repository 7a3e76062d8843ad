import { z } from 'zod';
import {
  addressSchema,
  signatureSchema,
  unixSecondsSchema,
  walletSignatureSchema,
} from './primitives.ts';
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
  /** The last accepted payout nonce: the next link or unlink must carry exactly one more. */
  payoutNonce: z.number().int().min(0),
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

/** Payout nonces stay below this: a link can only ever add one, so no counter gets near it. */
export const MAX_PAYOUT_NONCE = 2 ** 32;
/** How far a payout link's or unlink's `issuedAt` may be from the coordinator's clock (1 hour). */
export const PAYOUT_LINK_WINDOW_SECONDS = 3600;

const payoutNonceSchema = z.number().int().min(1).max(MAX_PAYOUT_NONCE);

/**
 * `POST /v1/devices/:address/payout`: a `PayoutLink` signed by both the device key and the payout
 * wallet (a key, or a contract wallet: ERC-1271, or ERC-6492 before it is deployed).
 */
export const linkPayoutRequestSchema = z.strictObject({
  payout: addressSchema,
  nonce: payoutNonceSchema,
  issuedAt: unixSecondsSchema,
  deviceSignature: signatureSchema,
  payoutSignature: walletSignatureSchema,
});
export type LinkPayoutRequest = z.input<typeof linkPayoutRequestSchema>;

/** `POST /v1/devices/:address/payout/unlink`: a `PayoutUnlink` signed by the device key. */
export const unlinkPayoutRequestSchema = z.strictObject({
  nonce: payoutNonceSchema,
  issuedAt: unixSecondsSchema,
  deviceSignature: signatureSchema,
});
export type UnlinkPayoutRequest = z.input<typeof unlinkPayoutRequestSchema>;

/** One change of a device's payout, with the signatures that allowed it. */
export const payoutEventSchema = z.object({
  kind: z.enum(['payout_linked', 'payout_unlinked']),
  nonce: z.number().int().min(1),
  /** Where the device's shares go from then on; null: to the device address. */
  payout: addressSchema.nullable(),
  /** Where they went before. */
  previous: addressSchema.nullable(),
  /** The signed `issuedAt` (unix seconds). */
  issuedAt: z.number().int(),
  /** The device's signature of the `PayoutLink` or `PayoutUnlink`. */
  deviceSignature: z.string(),
  /** The payout wallet's signature of the `PayoutLink`; null for an unlink. */
  payoutSignature: z.string().nullable(),
  /** When the coordinator accepted it (ISO). */
  at: z.string(),
});
export type PayoutEvent = z.output<typeof payoutEventSchema>;

/** `GET /v1/devices/:address/activity`: the device's payout changes, newest first. */
export const deviceActivityResponseSchema = z.object({
  device: deviceSchema,
  events: z.array(payoutEventSchema),
});
export type DeviceActivityResponse = z.output<typeof deviceActivityResponseSchema>;

/** Answer with one device. */
export const deviceResponseSchema = z.object({ device: deviceSchema });
