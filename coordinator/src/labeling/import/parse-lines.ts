import { z } from 'zod';
import type { FileRecord, LineError } from './read-records.ts';

/** Columns of an items file. */
export const ITEM_COLUMNS = ['id', 'text', 'title', 'url', 'quality', 'language'] as const;
/** Columns of a gold file. */
export const GOLD_COLUMNS = [
  'itemId',
  'item_id',
  'id',
  'label',
  'labels',
  'spans',
  'value',
] as const;

const numberField = z.union([z.number(), z.string().trim().min(1).pipe(z.coerce.number())]);
/** An id as text: JSONL may give a number, CSV always gives text. */
const idField = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1).max(200));

/** One line of an items file, as CSV (strings) or JSONL (typed values) give it. */
export const itemLineSchema = z.strictObject({
  id: idField.optional(),
  text: z.string().min(1).max(200_000),
  title: z.string().max(1000).default(''),
  url: z
    .string()
    .max(2048)
    .regex(/^https?:\/\//i, 'expected an http(s) URL')
    .optional(),
  quality: numberField.pipe(z.number().min(0).max(1)).default(1),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'expected an ISO 639 code such as "en"')
    .optional(),
});
export type ItemLine = z.output<typeof itemLineSchema>;

/** One line of a gold file, before its answer is read against the campaign's classes. */
export const goldLineSchema = z
  .strictObject({
    itemId: numberField.pipe(z.number().int().min(1)).optional(),
    item_id: numberField.pipe(z.number().int().min(1)).optional(),
    id: idField.optional(),
    label: z.string().max(4000).optional(),
    labels: z.array(z.string().max(64)).max(50).optional(),
    spans: z.union([z.string().max(200_000), z.array(z.unknown()).max(500)]).optional(),
    value: z.unknown().optional(),
  })
  .refine(
    (line) => [line.itemId, line.item_id, line.id].filter((x) => x !== undefined).length === 1,
    'name the item by exactly one of itemId (or item_id) and id',
  )
  .refine(
    (line) =>
      [line.label, line.labels, line.spans, line.value].filter((x) => x !== undefined).length === 1,
    'give the answer as exactly one of label, labels, spans and value',
  );
export type GoldLine = z.output<typeof goldLineSchema>;

/** Parses every record with a schema; each failing record is one error naming its fields. */
export function parseLines<T>(
  records: readonly FileRecord[],
  schema: z.ZodType<T>,
  errors: LineError[],
): Array<{ line: number; value: T }> {
  const parsed: Array<{ line: number; value: T }> = [];
  for (const record of records) {
    const result = schema.safeParse(record.fields);
    if (result.success) {
      parsed.push({ line: record.line, value: result.data });
      continue;
    }
    const message = result.error.issues
      .map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`)
      .join('; ');
    errors.push({ line: record.line, code: 'LINE_INVALID', message });
  }
  return parsed;
}
