import { access, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectStore } from '../storage/object-store.ts';

/** What `storage.json` beside a version records once its files are in the object store. */
export interface StorageRecord {
  location: string;
  /** File name → object key. */
  keys: Record<string, string>;
  uploadedAt: string;
}

/** The files of a version and their content types, the manifest last. */
export const VERSION_FILES: ReadonlyArray<[name: string, contentType: string]> = [
  ['rows.jsonl', 'application/x-ndjson'],
  ['rows.parquet', 'application/vnd.apache.parquet'],
  ['rows.csv', 'text/csv; charset=utf-8'],
  ['README.md', 'text/markdown; charset=utf-8'],
  ['croissant.json', 'application/ld+json'],
  ['shares.json', 'application/json'],
  ['manifest.json', 'application/json'],
];

/** The content type of a version's file. */
export function contentTypeOf(name: string): string {
  return VERSION_FILES.find(([file]) => file === name)?.[1] ?? 'application/octet-stream';
}

/** The object key of a version's file: `<campaign>/v<n>/<file>` (after the store's prefix). */
export function objectKey(campaignId: string, version: number, file: string): string {
  return `${campaignId}/v${version}/${file}`;
}

/**
 * Copies a frozen version's files to the object store, the manifest last (a reader who finds the
 * manifest finds the rest), then records it in `storage.json` beside the version. Idempotent: an
 * upload cut short is simply done again (a PUT replaces the object); a recorded one is skipped.
 */
export async function uploadVersion(
  store: ObjectStore,
  dir: string,
  campaignId: string,
  version: number,
  now: Date,
): Promise<StorageRecord> {
  const recorded = await readStorageRecord(dir);
  if (recorded) return recorded;
  const keys: Record<string, string> = {};
  for (const [name, contentType] of VERSION_FILES) {
    // Versions frozen before the CSV, card and Croissant files have only the others.
    if (
      !(await access(join(dir, name)).then(
        () => true,
        () => false,
      ))
    )
      continue;
    keys[name] = objectKey(campaignId, version, name);
    await store.putFile(keys[name], join(dir, name), contentType);
  }
  const record: StorageRecord = { location: store.location, keys, uploadedAt: now.toISOString() };
  const file = join(dir, 'storage.json');
  await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return record;
}

/** The version's `storage.json`, or null when it was not uploaded. */
export async function readStorageRecord(dir: string): Promise<StorageRecord | null> {
  const text = await readFile(join(dir, 'storage.json'), 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as StorageRecord);
}
