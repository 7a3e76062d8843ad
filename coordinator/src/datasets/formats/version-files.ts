import { createHash } from 'node:crypto';
import type { LabelSchema } from '@plaza/protocol';
import type { DatasetRow } from '../dataset-row.ts';
import { renderCroissant } from './croissant.ts';
import { rowsToCsv } from './csv.ts';
import { renderDatasetCard } from './dataset-card.ts';
import { rowsToParquet } from './parquet.ts';

/** A file of a version with its size and sha256, as the manifest lists it. */
export interface FileEntry {
  name: string;
  bytes: number;
  sha256: string;
}

/** The entry of a file's contents. */
export function fileEntry(name: string, data: string | Uint8Array): FileEntry {
  return {
    name,
    bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

/** The languages of the rows worth naming in a card: ISO 639 codes, most rows first. */
function languagesOf(rows: readonly DatasetRow[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (/^[a-z]{2,3}$/.test(row.language))
      counts.set(row.language, (counts.get(row.language) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([l]) => l);
}

/**
 * The files people load a version with, beside the canonical JSONL: typed Parquet, a CSV copy,
 * and, describing them (with their sha256), the Hugging Face dataset card and Croissant JSON-LD.
 */
export function renderLoadableFiles(
  rows: readonly DatasetRow[],
  p: {
    campaign: { id: string; name: string; description: string };
    datasetId: string;
    version: number;
    createdAt: string;
    license: string;
    labelSchema: LabelSchema;
    rowsRoot: string;
    sharesRoot: string;
    jsonl: FileEntry;
  },
) {
  const parquet = rowsToParquet(rows, p.labelSchema);
  const csv = rowsToCsv(rows, p.labelSchema);
  const data = [p.jsonl, fileEntry('rows.parquet', parquet), fileEntry('rows.csv', csv)];
  const languages = languagesOf(rows);
  const readme = renderDatasetCard({
    ...p,
    rows: rows.length,
    labelled: rows.filter((r) => r.label !== null).length,
    languages,
    files: data,
  });
  const croissant = `${JSON.stringify(renderCroissant({ ...p, languages, files: data }), null, 2)}\n`;
  return { parquet, csv, readme, croissant };
}
