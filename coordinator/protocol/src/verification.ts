import { z } from 'zod';
import { addressSchema } from './primitives.ts';

/**
 * Why a device was quarantined, with the sentence a contributor sees. Codes are stable; the
 * message may change.
 */
export const quarantineReasons = {
  VERIFICATION_FAILED:
    'Pages the coordinator re-fetched did not match what this device submitted, too often to be chance.',
} as const;

/** A code from {@link quarantineReasons}. */
export type QuarantineReason = keyof typeof quarantineReasons;

/** A quarantine reason code. */
export const quarantineReasonSchema = z.enum(
  Object.keys(quarantineReasons) as [QuarantineReason, ...QuarantineReason[]],
);

/**
 * Why a device is quarantined: in `GET /v1/devices/:address` and in the `details` of the
 * `DEVICE_QUARANTINED` error every device request then gets.
 *
 * @example
 * const quarantine = deviceQuarantineSchema.parse(error.details);
 * console.log(quarantine.reason, quarantine.message);
 */
export const deviceQuarantineSchema = z.object({
  reason: quarantineReasonSchema,
  /** One sentence for the contributor, with the figures. */
  message: z.string(),
  /** ISO time. */
  at: z.string(),
  reputation: z.number().min(0).max(1),
  confirmedChecks: z.number().int().min(0),
  failedChecks: z.number().int().min(0),
});
export type DeviceQuarantine = z.output<typeof deviceQuarantineSchema>;

/**
 * What a verification check found: `confirmed` (the re-fetched page's text has MinHash similarity
 * ≥ 0.8 with the submitted text), `failed` (below), `inconclusive` (the page could not be
 * re-fetched: refused, gone, erroring), or `pending` (not done yet).
 */
export const verificationStates = ['pending', 'confirmed', 'failed', 'inconclusive'] as const;
export type VerificationState = (typeof verificationStates)[number];

/**
 * Why a contribution was checked: the campaign's random sample, the device's reputation (every
 * contribution of a device under the watch threshold, new devices included), or a heuristic flag.
 */
export const verificationReasons = ['sample', 'reputation', 'flagged'] as const;
export type VerificationReason = (typeof verificationReasons)[number];

/** `GET /v1/campaigns/:id/verification` (admin): checks, detections and device reputations. */
export const verificationReportSchema = z.object({
  campaignId: z.string(),
  generatedAt: z.string(),
  verifyRate: z.number(),
  /** The thresholds in force (coordinator configuration). */
  policy: z.object({
    confirmSimilarity: z.number(),
    verifyAllBelow: z.number(),
    quarantineBelow: z.number(),
    quarantineMinFailed: z.number(),
  }),
  /** Checks by state. */
  checks: z.record(z.string(), z.number()),
  /** Checks by why they were made. */
  byReason: z.record(z.string(), z.number()),
  /** Heuristic flags raised, by code. */
  flags: z.record(z.string(), z.number()),
  /** Contributions by verification state (`new`, `skipped`, … `revoked`). */
  contributions: z.record(z.string(), z.number()),
  /** Similarity of finished checks: 10 bins of width 0.1. */
  similarityHistogram: z.array(z.number()).length(10),
  /** The most recent failed checks, newest first. */
  recentFailures: z.array(
    z.object({
      contributionId: z.string(),
      device: addressSchema,
      url: z.string(),
      similarity: z.number().nullable(),
      reason: z.enum(verificationReasons),
      checkedAt: z.string(),
    }),
  ),
  /** Devices that contributed to the campaign, lowest reputation first. */
  devices: z.array(
    z.object({
      address: addressSchema,
      kind: z.enum(['extension', 'server']),
      status: z.enum(['active', 'quarantined']),
      reputation: z.number(),
      confirmedChecks: z.number(),
      failedChecks: z.number(),
      contributions: z.number(),
      quarantine: deviceQuarantineSchema.nullable(),
    }),
  ),
});
export type VerificationReport = z.output<typeof verificationReportSchema>;
