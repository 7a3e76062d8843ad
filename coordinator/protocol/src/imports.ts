import { z } from 'zod';
import { addressSchema } from './primitives.ts';

/** The file formats an import reads. */
export const importFormatSchema = z.enum(['jsonl', 'csv']);
export type ImportFormat = z.output<typeof importFormatSchema>;

/**
 * `POST /v1/campaigns/:id/import/items` (admin): items to label, from a JSONL or CSV file, all or
 * nothing. Each line: `text` (required), `title`, `url`, `id` (the importer's own, unique in the
 * campaign), `quality` (the row's value in [0, 1], default 1), `language`. CSV takes these as
 * header columns.
 *
 * @example
 * await client.importItems('news', { format: 'jsonl', text: '{"id":"a1","text":"…"}\n', supplier });
 */
export const importItemsRequestSchema = z.strictObject({
  format: importFormatSchema,
  /** The file's content. Its size is bounded by the coordinator's body limit. */
  text: z.string().min(1),
  /** Who supplied the items: their rows' fetch part of the attribution goes to this address. */
  supplier: addressSchema,
});
export type ImportItemsRequest = z.input<typeof importItemsRequestSchema>;

/**
 * `POST /v1/campaigns/:id/import/gold` (admin): gold answers from a JSONL or CSV file, all or
 * nothing. Each line names its item by `itemId` (Plaza's id) or `id` (the id it was imported
 * with), and its answer as `label` (a class name; for multi-label, names separated by `|`),
 * `labels` (JSONL: an array of class names), `spans` (an array of `{ start, end, label }`; in CSV
 * as JSON) or `value` (the protocol's label value).
 */
export const importGoldRequestSchema = z.strictObject({
  format: importFormatSchema,
  text: z.string().min(1),
});
export type ImportGoldRequest = z.input<typeof importGoldRequestSchema>;

/** One problem with one line of an imported file. */
export const importLineErrorSchema = z.object({
  line: z.number(),
  code: z.string(),
  message: z.string(),
});
export type ImportLineError = z.output<typeof importLineErrorSchema>;

/** The `details` of an `IMPORT_INVALID` error: nothing was written. */
export const importErrorDetailsSchema = z.object({
  /** The first problems, by line. */
  errors: z.array(importLineErrorSchema),
  /** Every problem found, including those not listed. */
  errorCount: z.number(),
  /** Records read from the file. */
  records: z.number(),
});

/** What an import wrote. */
export const importResultSchema = z.object({
  importId: z.string(),
  /** Records read from the file. */
  records: z.number(),
  /** Items or gold answers written (all the records). */
  count: z.number(),
  /** Items that became labeling tasks now (items imports; the campaign must be active). */
  tasks: z.number(),
});
export type ImportResult = z.output<typeof importResultSchema>;

/** `GET /v1/campaigns/:id/labels?format=&aggregated=` (admin): the formats labels export to. */
export const labelExportFormatSchema = z.enum(['jsonl', 'csv', 'conll']);
export type LabelExportFormat = z.output<typeof labelExportFormatSchema>;
