import { z } from 'zod';
import { labelValueSchema } from '../labels.ts';
import { bytes32Schema } from '../primitives.ts';

const int = z.number().int();

/** Why a row earns what it earns under rule v2. */
export const rowAttributionStatuses = [
  /** It helped validation rows agree with their labels: paid for its measured value. */
  'valued',
  /** Labelled, but no validation row had it among its nearest rows: paid for quality only. */
  'unvalued',
  /** Its measured value was negative (likely mislabelled): never charged, paid for quality only, sent to review. */
  'review',
  /** A near-copy of an earlier row (similarity ≥ the rule's threshold): earns nothing. */
  'near_copy',
  /** No label yet: it cannot be valued, paid for quality only. */
  'unlabeled',
  /** A version frozen under rule v1: paid for its quality. */
  'quality_only',
] as const;
export type RowAttributionStatus = (typeof rowAttributionStatuses)[number];

/** A validation row this row was a neighbour of, and what it got from it (2^-32 units). */
export const validationEffectSchema = z.object({
  /** Row index of the validation row. */
  validation: int,
  /** This row's place in that validation row's neighbour list (1 = most similar). */
  rank: int.min(1),
  /** Integer similarity of the two rows (out of 2048²). */
  similarity: int,
  /** Whether this row's label equals the validation row's. */
  match: z.boolean(),
  /** KNN-Shapley value this validation row gave this row (2^-32 units, decimal, may be negative). */
  amount: z.string(),
});
export type ValidationEffect = z.output<typeof validationEffectSchema>;

/** One row of a version as `GET …/attribution` explains it. No row content (rows are licensed). */
export const rowAttributionSchema = z.object({
  index: int.min(0),
  itemId: int,
  contentHash: z.string(),
  quality: z.number(),
  label: labelValueSchema.nullable(),
  status: z.enum(rowAttributionStatuses),
  /** Measured value after clipping and near-copy zeroing (2^-32 units, decimal); "0" under v1. */
  value: z.string(),
  /** Σ of its KNN-Shapley values before clipping (decimal, may be negative). */
  raw: z.string(),
  /** Its part of all measured value in the version, in millionths. */
  valuePpm: int,
  /** Its part of the version's weight (value and quality blended; shares follow it), in millionths. */
  weightPpm: int,
  /** The earliest earlier row it near-copies, and their similarity (out of 2048²). */
  nearCopy: z.object({ of: int, similarity: int }).nullable(),
  /** Validation rows it helped (positive amounts), largest first. */
  helped: z.array(validationEffectSchema),
  /** Validation rows it hurt (negative amounts), most negative first. */
  hurt: z.array(validationEffectSchema),
  roles: z.object({
    fetcher: z.string(),
    labelers: z.array(z.object({ account: z.string(), posterior: z.number() })),
    compute: z.array(z.string()),
  }),
  /** With `?account=`: that account's shares from this row (floored; holdings are floored sums). */
  accountShares: z.string().optional(),
});
export type RowAttribution = z.output<typeof rowAttributionSchema>;

/** `GET /v1/datasets/:campaign/versions/:version/attribution`: the rule, its figures and rows. */
export const attributionResponseSchema = z.object({
  campaignId: z.string(),
  version: int.min(1),
  rule: z.enum(['plaza-attribution/1', 'plaza-attribution/2']),
  /** Rule v2's parameters, beacon, roots and summary as in the manifest; null under v1. */
  v2: z
    .object({
      params: z.looseObject({ k: int, t: int, nearCopy: int, valueWeight: int }),
      beacon: z.looseObject({ kind: z.string(), value: bytes32Schema }),
      roots: z.object({
        features: bytes32Schema,
        neighbours: bytes32Schema,
        values: bytes32Schema,
      }),
      summary: z.looseObject({
        rows: int,
        nearCopies: int,
        review: int,
        validation: int,
        knn: z.object({ correct: int, total: int }),
      }),
    })
    .nullable(),
  /** The fidelity report (`fidelity.json`), when the version has one. */
  fidelity: z.looseObject({}).nullable(),
  /** Rows matching the query (all rows, or the account's), before paging. */
  total: int.min(0),
  offset: int.min(0),
  rows: z.array(rowAttributionSchema),
});
export type AttributionResponse = z.output<typeof attributionResponseSchema>;

/** Query of `GET …/attribution`: an account's rows (any role), paged. */
export const attributionQuerySchema = z.object({
  account: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .transform((a) => a.toLowerCase())
    .optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AttributionQuery = z.input<typeof attributionQuerySchema>;

/**
 * `GET …/attribution/rows/:index/proof`: everything needed to check one row's value alone: its
 * line of `values.jsonl` with a Merkle proof against the values root, and every neighbour list
 * that names it, each with a proof against the neighbours root (see `verifyRowValue`).
 */
export const rowValueProofSchema = z.object({
  index: int.min(0),
  k: int.min(1),
  valuesRoot: bytes32Schema,
  neighboursRoot: bytes32Schema,
  value: z.object({ line: z.string(), proof: z.array(bytes32Schema).max(64) }),
  lists: z.array(z.object({ line: z.string(), proof: z.array(bytes32Schema).max(64) })),
});
export type RowValueProof = z.output<typeof rowValueProofSchema>;
