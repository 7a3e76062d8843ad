import { randomUUID } from 'node:crypto';
import type { PlazaTx } from '@plaza/db';
import type { ImportItemsRequest, ImportResult } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { byteaHex, insertRows } from '../../db/insert-rows.ts';
import {
  contentHash,
  type LshBand,
  lshBands,
  normalizeText,
  serializeSignature,
} from '../../dedup/index.ts';
import type { Deps } from '../../deps.ts';
import { pgArray } from '../../ingest/find-candidates.ts';
import { loadCampaign } from '../load-campaign.ts';
import { syncTasks } from '../sync-tasks.ts';
import { asImportConflict, refuseIfInvalid } from './import-errors.ts';
import { ITEM_COLUMNS, type ItemLine, itemLineSchema, parseLines } from './parse-lines.ts';
import { type LineError, readRecords } from './read-records.ts';

interface PreparedLine {
  line: number;
  item: ItemLine;
  hash: string;
  minhash: Uint8Array;
  bands: LshBand[];
}

/**
 * Imports items to label from a JSONL or CSV file into a campaign, all or nothing: every line is
 * checked (shape, empty text, the same text or `id` twice in the file or already in the campaign)
 * and any problem refuses the whole file with `IMPORT_INVALID`, listing problems by line. Items get
 * their MinHash buckets as crawled ones do (so later crawls find near-duplicates of them), the
 * supplier as the address their fetch part goes to, and become tasks when the campaign is active.
 */
export async function importItems(
  deps: Pick<Deps, 'db' | 'clock' | 'minHasher'>,
  campaignId: string,
  request: Required<ImportItemsRequest> & { supplier: `0x${string}` },
): Promise<ImportResult> {
  await loadCampaign(deps.db.db, campaignId);
  const { records, errors } = readRecords(request.text, request.format, ITEM_COLUMNS);
  const lines = parseLines(records, itemLineSchema, errors);
  const prepared = prepareLines(deps, lines, errors);
  const importId = randomUUID();
  const now = deps.clock.now().toISOString();
  try {
    return await deps.db.db.transaction(async (tx) => {
      await lockBuckets(deps, tx, prepared);
      await findStored(deps, tx, campaignId, prepared, errors);
      refuseIfInvalid(errors, records.length);
      const inserted = await insertRows<{ id: number; content_hash: string }>(
        deps.db,
        tx,
        'items',
        prepared.map((p) => ({
          campaign_id: campaignId,
          contribution_id: `import:${importId}:${p.line}`,
          device_address: request.supplier,
          url: p.item.url ?? '',
          title: p.item.title,
          text: p.item.text,
          content_hash: p.hash,
          minhash: byteaHex(p.minhash),
          language: p.item.language ?? 'und',
          language_confidence: p.item.language ? 1 : 0,
          quality_signals: { source: 'import', importId, line: p.line },
          quality_score: p.item.quality,
          created_at: now,
        })),
        sql`id, content_hash`,
      );
      const ids = new Map(inserted.map((row) => [row.content_hash, row.id]));
      const idOf = (p: PreparedLine) => ids.get(p.hash) ?? 0;
      await insertRows(
        deps.db,
        tx,
        'lsh_buckets',
        prepared.flatMap((p) =>
          p.bands.map((b) => ({
            campaign_id: campaignId,
            band: b.band,
            bucket: b.bucket.toString(),
            item_id: idOf(p),
          })),
        ),
      );
      await insertRows(
        deps.db,
        tx,
        'imported_items',
        prepared.map((p) => ({
          item_id: idOf(p),
          campaign_id: campaignId,
          import_id: importId,
          line: p.line,
          external_id: p.item.id ?? null,
          created_at: now,
        })),
      );
      const tasks = await syncTasks(deps, campaignId, tx);
      return { importId, records: records.length, count: prepared.length, tasks };
    });
  } catch (error) {
    throw asImportConflict(error);
  }
}

/** Normalizes and hashes each line; empty texts and repeats within the file are errors. */
function prepareLines(
  deps: Pick<Deps, 'minHasher'>,
  lines: ReadonlyArray<{ line: number; value: ItemLine }>,
  errors: LineError[],
): PreparedLine[] {
  const byHash = new Map<string, number>();
  const byId = new Map<string, number>();
  const prepared: PreparedLine[] = [];
  for (const { line, value } of lines) {
    const normalized = normalizeText(value.text);
    if (normalized === '') {
      errors.push({ line, code: 'TEXT_EMPTY', message: 'The text has no words.' });
      continue;
    }
    const hash = contentHash(normalized);
    const sameText = byHash.get(hash);
    const sameId = value.id === undefined ? undefined : byId.get(value.id);
    if (sameText !== undefined) {
      errors.push({ line, code: 'DUPLICATE_TEXT', message: `Same text as line ${sameText}.` });
    } else if (sameId !== undefined) {
      errors.push({
        line,
        code: 'DUPLICATE_ID',
        message: `id "${value.id}" is on line ${sameId} too.`,
      });
    } else {
      byHash.set(hash, line);
      if (value.id !== undefined) byId.set(value.id, line);
      const signature = deps.minHasher.signature(normalized);
      prepared.push({
        line,
        item: value,
        hash,
        minhash: serializeSignature(signature),
        bands: lshBands(signature),
      });
    }
  }
  return prepared;
}

/** Texts and ids the campaign already has are errors of their lines. */
async function findStored(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  campaignId: string,
  prepared: readonly PreparedLine[],
  errors: LineError[],
): Promise<void> {
  if (prepared.length === 0) return;
  const ids = prepared.flatMap((p) => (p.item.id === undefined ? [] : [p.item.id]));
  const [texts, external] = await Promise.all([
    deps.db.rows<{ id: number; content_hash: string }>(
      sql`select id, content_hash from items where campaign_id = ${campaignId}
            and content_hash = any(${pgArray(prepared.map((p) => p.hash))}::text[])`,
      tx,
    ),
    deps.db.rows<{ item_id: number; external_id: string }>(
      sql`select item_id, external_id from imported_items where campaign_id = ${campaignId}
            and external_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
      tx,
    ),
  ]);
  const storedText = new Map(texts.map((row) => [row.content_hash, row.id]));
  const storedId = new Map(external.map((row) => [row.external_id, row.item_id]));
  for (const p of prepared) {
    const item = storedText.get(p.hash);
    if (item !== undefined) {
      errors.push({
        line: p.line,
        code: 'DUPLICATE_TEXT',
        message: `The campaign has this text as item ${item}.`,
      });
    }
    const other = p.item.id === undefined ? undefined : storedId.get(p.item.id);
    if (other !== undefined) {
      errors.push({
        line: p.line,
        code: 'DUPLICATE_ID',
        message: `id "${p.item.id}" is item ${other} already.`,
      });
    }
  }
}

/** Holds the LSH buckets' advisory locks, as ingest does, so no crawl decides against them meanwhile. */
async function lockBuckets(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  prepared: readonly PreparedLine[],
): Promise<void> {
  if (deps.db.dialect !== 'postgres' || prepared.length === 0) return;
  const keys = [...new Set(prepared.flatMap((p) => p.bands.map((b) => b.bucket)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  await tx.execute(
    sql`select pg_advisory_xact_lock(k) from unnest(${pgArray(keys)}::bigint[]) as k order by k`,
  );
}
