import { z } from 'zod';

const fileSchema = z.object({ name: z.string(), bytes: z.number(), sha256: z.string() });

const sharesFigures = {
  weights: z.object({ fetch: z.number(), labels: z.number(), compute: z.number() }),
  qualityFloor: z.number(),
  /** Shares minted for the version before rounding (decimal string). */
  total: z.string(),
  /** Σ of the holders' shares (the contract's totalShares). */
  totalShares: z.string(),
  remainder: z.string(),
  unallocated: z.string(),
  rounding: z.string(),
  holders: z.number(),
};

const int = z.number().int();
const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/);

/** The parameters of rule v2 (see `RuleV2Params`). */
export const ruleV2ParamsSchema = z.object({
  features: z.object({
    buckets: int.min(256).max(65_536),
    words: z.array(int.min(1).max(3)).min(1).max(3),
    maxChars: int.min(100).max(20_000),
    unicode: z.literal('15.1'),
    countCap: z.literal(255),
    scale: z.literal(2048),
  }),
  k: int.min(1).max(1000),
  t: int.min(1).max(10_000),
  nearCopy: int.min(1).max(2048 * 2048),
  copySearch: z.object({ bands: int.min(1).max(256), rows: int.min(1).max(16) }),
  validationRows: int.min(0).max(100_000),
  candidateConfidence: int.min(0).max(1_000_000),
  valueWeight: int.min(0).max(1_000_000),
});

/**
 * Where the validation draw's randomness came from: the hash of the block that included the
 * transaction committing to the rows root (`block`), or, for a version frozen without a chain,
 * keccak256 of the rows root itself (`rows-root`: predictable, stated as such).
 */
export const beaconSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('block'),
    value: hex32,
    chainId: int,
    blockNumber: z.string(),
    txHash: hex32,
  }),
  z.object({ kind: z.literal('rows-root'), value: hex32 }),
]);
export type Beacon = z.output<typeof beaconSchema>;

/** Attribution rule v1: a row's value is its quality. */
const attributionV1Schema = z.object({ rule: z.literal('plaza-attribution/1'), ...sharesFigures });

/** Attribution rule v2: measured value (truncated KNN-Shapley) blended with quality. */
const attributionV2Schema = z.object({
  rule: z.literal('plaza-attribution/2'),
  ...sharesFigures,
  params: ruleV2ParamsSchema,
  beacon: beaconSchema,
  /** Merkle roots (sorted-pair keccak, as the rows root) of features, neighbour lists and values. */
  roots: z.object({ features: hex32, neighbours: hex32, values: hex32 }),
  /** `fidelity.json` is informative (floating point): only its hash is checked. */
  files: z.object({ values: fileSchema, neighbours: fileSchema, fidelity: fileSchema.optional() }),
  summary: z.object({
    rows: int,
    labelled: int,
    nearCopies: int,
    review: int,
    candidates: int,
    validation: int,
    dropped: int,
    knn: z.object({ correct: int, total: int }),
  }),
});

/** `manifest.json` of a dataset version: everything needed to recompute and check it. */
export const manifestSchema = z.object({
  format: z.literal('plaza-dataset/1'),
  campaign: z.object({ id: z.string(), name: z.string() }),
  datasetId: z.string(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  labelSchema: z.object({ kind: z.string(), classes: z.array(z.string()) }),
  /** The dataset's license (SPDX id); absent from versions frozen before licenses. */
  license: z.string().optional(),
  attribution: z.discriminatedUnion('rule', [attributionV1Schema, attributionV2Schema]),
  rows: z.object({
    count: z.number(),
    root: z.string(),
    jsonl: fileSchema,
    parquet: fileSchema,
    /** The CSV copy; absent from older versions. */
    csv: fileSchema.optional(),
  }),
  shares: z.object({ root: z.string(), file: fileSchema }),
  /** The dataset card (README.md) and Croissant metadata; absent from older versions. */
  card: z.object({ readme: fileSchema, croissant: fileSchema }).optional(),
});
export type Manifest = z.output<typeof manifestSchema>;
export type AttributionV2Manifest = z.output<typeof attributionV2Schema>;

/** `shares.json`: the holders and the OpenZeppelin `standard-v1` dump of the shares tree. */
export const sharesFileSchema = z.object({
  datasetId: z.string(),
  version: z.number(),
  holders: z.array(z.object({ account: z.string(), amount: z.string() })),
  tree: z.object({
    format: z.literal('standard-v1'),
    leafEncoding: z.array(z.string()),
    tree: z.array(z.string()),
    values: z.array(z.object({ value: z.array(z.string()), treeIndex: z.number() })),
  }),
});
export type SharesFile = z.output<typeof sharesFileSchema>;
