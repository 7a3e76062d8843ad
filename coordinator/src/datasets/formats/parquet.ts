import type { LabelSchema } from '@plaza/protocol';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { DatasetRow } from '../dataset-row.ts';
import { typedLabel } from './columns.ts';

type SchemaElement = Record<string, unknown> & { name: string };

const scalar = (
  name: string,
  type: string,
  required: boolean,
  extra: Record<string, unknown> = {},
) => [{ name, type, repetition_type: required ? 'REQUIRED' : 'OPTIONAL', ...extra }];

/** The Parquet schema of the `label` column for a label schema. */
function labelSchemaElements(kind: LabelSchema['kind']): SchemaElement[] {
  if (kind === 'classification') return scalar('label', 'INT32', false);
  const list = [
    { name: 'label', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  ];
  if (kind === 'multi-label') return [...list, ...scalar('element', 'INT32', false)];
  return [
    ...list,
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 3 },
    ...scalar('start', 'INT32', true),
    ...scalar('end', 'INT32', true),
    ...scalar('class', 'INT32', true),
  ];
}

/**
 * `rows.parquet`: the rows with typed columns named as in the JSONL: integers, a UTC millisecond
 * timestamp for `fetchedAt`, the label as a class index (classification), a list of indexes
 * (multi-label) or a list of `{start, end, class}` (spans), and `provenance` as JSON text.
 */
export function rowsToParquet(rows: readonly DatasetRow[], labelSchema: LabelSchema): Uint8Array {
  const string = (name: string, required = true) =>
    scalar(name, 'BYTE_ARRAY', required, { converted_type: 'UTF8' });
  const schema: SchemaElement[] = [
    { name: 'root', num_children: 13 },
    ...scalar('index', 'INT32', true),
    ...scalar('itemId', 'INT64', true),
    ...string('url'),
    ...string('title'),
    ...string('text'),
    ...string('contentHash'),
    ...string('language'),
    ...scalar('fetchedAt', 'INT64', false, {
      converted_type: 'TIMESTAMP_MILLIS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
    }),
    ...scalar('quality', 'DOUBLE', true),
    ...labelSchemaElements(labelSchema.kind),
    ...scalar('labelConfidence', 'DOUBLE', false),
    ...string('labelMethod', false),
    ...string('provenance'),
  ];
  const column = (name: string, data: unknown[]) => ({ name, data });
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        column(
          'index',
          rows.map((r) => r.index),
        ),
        column(
          'itemId',
          rows.map((r) => BigInt(r.itemId)),
        ),
        column(
          'url',
          rows.map((r) => r.url),
        ),
        column(
          'title',
          rows.map((r) => r.title),
        ),
        column(
          'text',
          rows.map((r) => r.text),
        ),
        column(
          'contentHash',
          rows.map((r) => r.contentHash),
        ),
        column(
          'language',
          rows.map((r) => r.language),
        ),
        column(
          'fetchedAt',
          rows.map((r) => (r.fetchedAt ? BigInt(Date.parse(r.fetchedAt)) : null)),
        ),
        column(
          'quality',
          rows.map((r) => r.quality),
        ),
        column(
          'label',
          rows.map((r) => typedLabel(r.label)),
        ),
        column(
          'labelConfidence',
          rows.map((r) => r.labelConfidence),
        ),
        column(
          'labelMethod',
          rows.map((r) => r.labelMethod),
        ),
        column(
          'provenance',
          rows.map((r) => JSON.stringify(r.provenance)),
        ),
      ] as never,
      schema: schema as never,
      kvMetadata: [{ key: 'plaza.label_classes', value: JSON.stringify(labelSchema.classes) }],
      createdBy: 'plaza-coordinator (hyparquet-writer)',
    }),
  );
}
