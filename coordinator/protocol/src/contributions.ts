import { z } from 'zod';
import {
  addressSchema,
  bytes32Schema,
  httpUrlSchema,
  signatureSchema,
  unixSecondsSchema,
} from './primitives.ts';

/** Size bounds of one contribution; the coordinator refuses anything larger. */
export const contributionLimits = {
  maxTextChars: 200_000,
  maxTitleChars: 1_000,
  maxLinks: 1_000,
  maxItemsPerBatch: 64,
  /** Whole request body, bytes. */
  maxBodyBytes: 8 * 1024 * 1024,
} as const;

/** One fetched page: the signed fields of `Contribution` plus the content they commit to. */
export const contributionItemSchema = z.strictObject({
  jobId: z.string().min(1).max(64),
  url: httpUrlSchema,
  finalUrl: httpUrlSchema,
  /**
   * The HTTP status, or 0 for an opaque redirect: the extension fetches with `redirect: 'manual'`,
   * and browsers then hide the status and Location. The coordinator resolves such a redirect
   * itself, under its own egress checks, and queues the target.
   */
  httpStatus: z.number().int().min(0).max(599),
  bodyHash: bytes32Schema,
  /** keccak256 of the UTF-8 `text`. */
  textHash: bytes32Schema,
  /** keccak256 of the UTF-8 of `links.join('\n')`. */
  linksHash: bytes32Schema,
  fetchedAt: unixSecondsSchema,
  contentType: z.string().max(200),
  bodyBytes: z
    .number()
    .int()
    .min(0)
    .max(64 * 1024 * 1024),
  title: z.string().max(contributionLimits.maxTitleChars).default(''),
  text: z.string().max(contributionLimits.maxTextChars),
  links: z.array(httpUrlSchema).max(contributionLimits.maxLinks).default([]),
});
export type ContributionItem = z.input<typeof contributionItemSchema>;
export type ParsedContributionItem = z.output<typeof contributionItemSchema>;

/** `POST /v1/contributions`: a batch signed once by the device (`ContributionBatch`). */
export const submitContributionsRequestSchema = z.strictObject({
  device: addressSchema,
  signature: signatureSchema,
  items: z.array(contributionItemSchema).min(1).max(contributionLimits.maxItemsPerBatch),
});
export type SubmitContributionsRequest = z.input<typeof submitContributionsRequestSchema>;

/** What became of a contribution. */
export const contributionOutcomes = [
  'accepted',
  'low_quality',
  'duplicate',
  'near_duplicate',
  'fetch_failed',
] as const;
export type ContributionOutcome = (typeof contributionOutcomes)[number];

/** The signed fields of `Receipt`, plus why and which item it joined. */
export const receiptSchema = z.object({
  contributionId: z.string(),
  jobId: z.string(),
  contentHash: bytes32Schema,
  device: addressSchema,
  campaignId: z.string(),
  outcome: z.enum(contributionOutcomes),
  issuedAt: unixSecondsSchema,
  /** The canonical item this contribution became or joined; null when the fetch failed. */
  itemId: z.string().nullable(),
  qualityScore: z.number().min(0).max(1).nullable(),
});
export type Receipt = z.output<typeof receiptSchema>;

/** The coordinator's signature over the receipts of one answer (`ReceiptBatch`). */
export const receiptBatchSchema = z.object({
  itemsHash: bytes32Schema,
  count: z.number().int(),
  issuedAt: unixSecondsSchema,
  coordinator: addressSchema,
  signature: signatureSchema,
});
export type ReceiptBatch = z.output<typeof receiptBatchSchema>;

/** One result per submitted item, in order: a receipt or an error with a code. */
export const contributionResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), receipt: receiptSchema }),
  z.object({
    ok: z.literal(false),
    jobId: z.string(),
    error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }),
  }),
]);
export type ContributionResult = z.output<typeof contributionResultSchema>;

export const submitContributionsResponseSchema = z.object({
  results: z.array(contributionResultSchema),
  /** Covers the receipts among `results`, in order; null when no item got a receipt. */
  receiptBatch: receiptBatchSchema.nullable(),
});
export type SubmitContributionsResponse = z.output<typeof submitContributionsResponseSchema>;
