import { z } from 'zod';

const fileSchema = z.object({ name: z.string(), bytes: z.number(), sha256: z.string() });

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
  attribution: z.object({
    rule: z.literal('plaza-attribution/1'),
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
  }),
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
