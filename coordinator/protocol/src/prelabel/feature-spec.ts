import { z } from 'zod';

/**
 * How a campaign model turns text into numbers: hashed word and character n-grams. It travels
 * inside the model's `model.json` (`userDefinedMetadata.features`), so a model always carries the
 * featurizer it was trained with.
 */
export const featureSpecSchema = z.strictObject({
  kind: z.literal('hashed-ngrams'),
  version: z.literal(1),
  /** Hash buckets (the model's input width); a power of two. */
  buckets: z
    .number()
    .int()
    .min(256)
    .max(65_536)
    .refine((n) => (n & (n - 1)) === 0, 'expected a power of two'),
  /** Word n-gram lengths, e.g. `[1, 2]`. */
  words: z.array(z.number().int().min(1).max(3)).min(1).max(3),
  /** Character n-gram lengths inside each word (padded with `<` and `>`), e.g. `[3, 4]`. */
  chars: z.array(z.number().int().min(2).max(6)).max(4),
  /** Characters of the model input (title, newline, text) that are read. */
  maxChars: z.number().int().min(100).max(20_000),
});
export type FeatureSpec = z.output<typeof featureSpecSchema>;

/** The featurizer campaign models use unless configured otherwise. */
export const defaultFeatureSpec: FeatureSpec = Object.freeze({
  kind: 'hashed-ngrams',
  version: 1,
  buckets: 4096,
  words: [1, 2],
  chars: [3, 4],
  maxChars: 2000,
});
