import { z } from 'zod';
import {
  addressSchema,
  bytes32Schema,
  unixSecondsSchema,
  walletSignatureSchema,
} from './primitives.ts';

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

/**
 * `POST /v1/datasets/:campaign/versions/:version/downloads`: the buyer's signed request (a key's
 * signature, or a contract wallet's: ERC-1271, or ERC-6492 before it is deployed).
 */
export const downloadRequestSchema = z.strictObject({
  buyer: addressSchema,
  issuedAt: unixSecondsSchema,
  signature: walletSignatureSchema,
});
export type DownloadRequest = z.input<typeof downloadRequestSchema>;

/** Short-lived URLs of the version's files, for the buyer only. */
export const downloadResponseSchema = z.object({
  expiresAt: z.string(),
  licenseExpiresAt: z.string(),
  files: z.array(z.object({ name: z.string(), url: z.string() })),
});
export type DownloadResponse = z.output<typeof downloadResponseSchema>;

/** Bounds of the receipt audit. */
export const auditLimits = {
  /** Contribution ids per `POST …/audit` request. */
  maxContributionIds: 500,
  /** Siblings in a row proof: enough for 2^64 rows. */
  maxProofLength: 64,
} as const;

/** A contribution id, as a receipt carries it (the coordinator issues UUIDs). */
export const contributionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a contribution id (1-64 letters, digits, - or _)');

/** A frozen version of a campaign's dataset, as `GET /v1/datasets/:campaign/versions` lists it. */
export const datasetVersionSchema = z.object({
  version: z.number().int().min(1),
  datasetId: z.string(),
  createdAt: z.string(),
  /** Rows in the version and the Merkle root over them (see `verifyRowProof`). */
  rows: z.number().int().min(0),
  rowsRoot: bytes32Schema,
  sharesRoot: bytes32Schema,
  qualityFloor: z.number(),
  /** The publication on chain, or null when the version was only exported. */
  publication: z
    .object({
      chainId: z.number().int(),
      plaza: addressSchema,
      txHash: bytes32Schema.nullable(),
      manifestHash: bytes32Schema,
      activated: z.boolean(),
    })
    .nullable(),
});
export type DatasetVersion = z.output<typeof datasetVersionSchema>;

/** `GET /v1/datasets/:campaign/versions`: the campaign's frozen versions, newest first. */
export const datasetVersionsResponseSchema = z.object({
  campaignId: z.string(),
  versions: z.array(datasetVersionSchema),
});
export type DatasetVersionsResponse = z.output<typeof datasetVersionsResponseSchema>;

/**
 * The part of a version's `manifest.json` a client checks receipts against (the manifest has more:
 * file hashes, attribution figures; unknown keys are kept).
 */
export const manifestSummarySchema = z.looseObject({
  format: z.literal('plaza-dataset/1'),
  campaign: z.looseObject({ id: z.string() }),
  datasetId: z.string(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  attribution: z.looseObject({ qualityFloor: z.number() }),
  rows: z.looseObject({ count: z.number().int().min(0), root: bytes32Schema }),
  shares: z.looseObject({ root: bytes32Schema }),
});
export type ManifestSummary = z.output<typeof manifestSummarySchema>;

/** `POST /v1/datasets/:campaign/versions/:version/audit`: the contributions to account for. */
export const auditRequestSchema = z.strictObject({
  contributionIds: z.array(contributionIdSchema).min(1).max(auditLimits.maxContributionIds),
});
export type AuditRequest = z.input<typeof auditRequestSchema>;

/** Where a contribution stands in a version. */
export const auditStatuses = [
  /** A row of the version: its index, its hash and a Merkle proof against the rows root. */
  'included',
  /** Exact or near duplicate of content seen first: the first copy's row earns, this one not. */
  'duplicate',
  /** The page's quality score is under the campaign's floor. */
  'below_quality',
  /** The coordinator re-fetched the page and it did not match: fabricated, earns nothing. */
  'failed_verification',
  /** Left attribution because the device was quarantined before the page was confirmed. */
  'revoked',
  /** The device could not fetch the page. */
  'fetch_failed',
  /** Not a row for another reason: it arrived after the freeze, or was not selected. */
  'not_in_version',
  /** No contribution of this campaign has this id. */
  'unknown',
] as const;
export type AuditStatus = (typeof auditStatuses)[number];

const audited = { contributionId: z.string() };

/** One contribution's status in a version, with what the status rests on. */
export const contributionAuditSchema = z.discriminatedUnion('status', [
  z.object({
    ...audited,
    status: z.literal('included'),
    rowIndex: z.number().int().min(0),
    /** keccak256 of the row's JSONL line (the Merkle leaf). */
    rowHash: bytes32Schema,
    /** Siblings from the leaf up (see `verifyRowProof`). */
    proof: z.array(bytes32Schema).max(auditLimits.maxProofLength),
  }),
  z.object({
    ...audited,
    status: z.literal('duplicate'),
    /** `duplicate` (same normalized text) or `near_duplicate` (MinHash similarity). */
    kind: z.enum(['duplicate', 'near_duplicate']),
    similarity: z.number().nullable(),
    /** The first copy: its contribution and, when it is a row of this version, its row index. */
    of: z.object({ contributionId: z.string().nullable(), rowIndex: z.number().int().nullable() }),
  }),
  z.object({
    ...audited,
    status: z.literal('below_quality'),
    score: z.number(),
    floor: z.number(),
  }),
  z.object({
    ...audited,
    status: z.literal('failed_verification'),
    /** Similarity of the re-fetched page to the submitted one, and its HTTP status, when known. */
    similarity: z.number().nullable(),
    httpStatus: z.number().int().nullable(),
  }),
  z.object({
    ...audited,
    status: z.literal('revoked'),
    /** The device's quarantine reason code (`VERIFICATION_FAILED` …), when it is quarantined. */
    reason: z.string().nullable(),
  }),
  z.object({ ...audited, status: z.literal('fetch_failed'), reason: z.string().nullable() }),
  z.object({
    ...audited,
    status: z.literal('not_in_version'),
    reason: z.enum(['after_freeze', 'not_selected']),
  }),
  z.object({ ...audited, status: z.literal('unknown') }),
]);
export type ContributionAudit = z.output<typeof contributionAuditSchema>;

/** The answer of `POST …/audit`: one result per requested id, in the request's order. */
export const auditResponseSchema = z.object({
  campaignId: z.string(),
  version: z.number().int().min(1),
  /** The manifest's rows root, which every `included` proof leads to. */
  rowsRoot: bytes32Schema,
  qualityFloor: z.number(),
  frozenAt: z.string(),
  results: z.array(contributionAuditSchema).max(auditLimits.maxContributionIds),
});
export type AuditResponse = z.output<typeof auditResponseSchema>;
