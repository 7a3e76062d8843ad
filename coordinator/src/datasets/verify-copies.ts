import type { LabelSchema } from '@plaza/protocol';
import { parquetReadObjects } from 'hyparquet';
import type { DatasetRow } from './dataset-row.ts';
import { exportColumns, typedLabel } from './formats/columns.ts';
import { parseCsv } from './formats/csv.ts';

/** How many differing rows are named before the rest are only counted. */
const MAX_NAMED = 10;

/** A JSON column as text, whether the reader parsed it or not. */
const asJson = (value: unknown) =>
  typeof value === 'string'
    ? value
    : JSON.stringify(value ?? null, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));

/** The fields of one Parquet row that differ from its JSONL row (typed layout, or the first one). */
function parquetDifferences(p: Record<string, unknown>, row: DatasetRow): string[] {
  const legacy = 'item_id' in p;
  const fields: [string, unknown, unknown][] = legacy
    ? [
        ['item_id', Number(p.item_id), row.itemId],
        ['url', p.url, row.url],
        ['title', p.title, row.title],
        ['text', p.text, row.text],
        ['content_hash', p.content_hash, row.contentHash],
        ['quality', p.quality, row.quality],
        ['label', asJson(p.label), JSON.stringify(row.label)],
        ['provenance', asJson(p.provenance), JSON.stringify(row.provenance)],
      ]
    : [
        ['index', p.index, row.index],
        ['itemId', Number(p.itemId), row.itemId],
        ['url', p.url, row.url],
        ['title', p.title, row.title],
        ['text', p.text, row.text],
        ['contentHash', p.contentHash, row.contentHash],
        ['language', p.language, row.language],
        [
          'fetchedAt',
          p.fetchedAt instanceof Date ? p.fetchedAt.toISOString() : (p.fetchedAt ?? null),
          row.fetchedAt ?? null,
        ],
        ['quality', p.quality, row.quality],
        ['label', asJson(p.label ?? null), JSON.stringify(typedLabel(row.label))],
        ['labelConfidence', p.labelConfidence ?? null, row.labelConfidence],
        ['labelMethod', p.labelMethod ?? null, row.labelMethod],
        ['provenance', p.provenance, JSON.stringify(row.provenance)],
      ];
  return fields.filter(([, a, b]) => a !== b).map(([name]) => name);
}

/** Compares `rows.parquet` row by row with the JSONL rows; the differences found. */
export async function compareParquet(data: Buffer, rows: readonly DatasetRow[]): Promise<string[]> {
  const parquet = (await parquetReadObjects({
    file: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
  })) as Array<Record<string, unknown>>;
  const problems: string[] = [];
  if (parquet.length !== rows.length) {
    problems.push(`rows.parquet has ${parquet.length} rows, rows.jsonl ${rows.length}.`);
  }
  let differing = 0;
  for (let i = 0; i < Math.min(parquet.length, rows.length) && differing < MAX_NAMED; i++) {
    const row = rows[i] as DatasetRow;
    const fields = parquetDifferences(parquet[i] ?? {}, row);
    if (fields.length > 0) {
      differing++;
      problems.push(
        `row ${i} (item ${row.itemId}): ${fields.join(', ')} differ between rows.jsonl and rows.parquet.`,
      );
    }
  }
  return problems;
}

/** Compares `rows.csv` (header, then one record per row) with the JSONL rows; the differences found. */
export function compareCsv(
  text: string,
  rows: readonly DatasetRow[],
  labelSchema: LabelSchema,
): string[] {
  const columns = exportColumns(labelSchema);
  const [header, ...records] = parseCsv(text);
  const problems: string[] = [];
  if (header?.join(',') !== columns.map((c) => c.name).join(',')) {
    return [`rows.csv: the header is not ${columns.map((c) => c.name).join(',')}.`];
  }
  if (records.length !== rows.length)
    problems.push(`rows.csv has ${records.length} rows, rows.jsonl ${rows.length}.`);
  let differing = 0;
  for (let i = 0; i < Math.min(records.length, rows.length) && differing < MAX_NAMED; i++) {
    const row = rows[i] as DatasetRow;
    const record = records[i] as string[];
    const fields = columns.filter((c, k) => {
      const value = c.value(row);
      const expected =
        value === null || value === undefined
          ? ''
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
      return record[k] !== expected;
    });
    if (fields.length > 0) {
      differing++;
      problems.push(
        `row ${i} (item ${row.itemId}): ${fields.map((f) => f.name).join(', ')} differ between rows.jsonl and rows.csv.`,
      );
    }
  }
  return problems;
}
