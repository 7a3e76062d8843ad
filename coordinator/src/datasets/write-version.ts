import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { RuleV2Params } from '../attribution/v2/params.ts';
import type { BuiltVersion } from './build-version.ts';
import type { DatasetRow } from './dataset-row.ts';
import type { FidelityReport } from './fidelity-report.ts';
import type { Beacon, Manifest, SharesFile } from './manifest.ts';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Writes a version's files into `dir`: `rows.jsonl`, `rows.parquet`, `shares.json`, under rule v2
 * `values.jsonl` and `neighbours.jsonl`, and `manifest.json` (file sizes and sha256, rows root,
 * shares root and the attribution figures; under v2 also its parameters, beacon and roots).
 * Everything is written to a temporary sibling directory first and renamed into place, so a
 * version directory is complete or absent, never half-written. Refuses an existing `dir`.
 */
export async function writeVersion(
  dir: string,
  rows: readonly DatasetRow[],
  built: BuiltVersion,
  meta: Omit<Manifest, 'rows' | 'shares' | 'attribution'> & {
    attribution: Pick<Manifest['attribution'], 'weights' | 'qualityFloor' | 'total'>;
    /** Rule v2's parameters and beacon (the version is attributed under v1 without). */
    v2?: { params: RuleV2Params; beacon: Beacon; fidelity?: FidelityReport | null };
  },
): Promise<Manifest> {
  if (await stat(dir).catch(() => null)) {
    throw new Error(`${dir} exists already: a frozen version is never overwritten.`);
  }
  const temp = `${dir}.tmp-${randomBytes(4).toString('hex')}`;
  await mkdir(temp, { recursive: true });
  try {
    const jsonl = built.lines.length === 0 ? '' : `${built.lines.join('\n')}\n`;
    const parquet = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'index', data: rows.map((r) => r.index), type: 'INT32' },
          { name: 'item_id', data: rows.map((r) => BigInt(r.itemId)), type: 'INT64' },
          { name: 'url', data: rows.map((r) => r.url), type: 'STRING' },
          { name: 'title', data: rows.map((r) => r.title), type: 'STRING' },
          { name: 'text', data: rows.map((r) => r.text), type: 'STRING' },
          { name: 'content_hash', data: rows.map((r) => r.contentHash), type: 'STRING' },
          { name: 'language', data: rows.map((r) => r.language), type: 'STRING' },
          { name: 'quality', data: rows.map((r) => r.quality), type: 'DOUBLE' },
          { name: 'label', data: rows.map((r) => JSON.stringify(r.label)), type: 'JSON' },
          {
            name: 'label_confidence',
            data: rows.map((r) => r.labelConfidence),
            type: 'DOUBLE',
          },
          { name: 'provenance', data: rows.map((r) => JSON.stringify(r.provenance)), type: 'JSON' },
        ],
      }),
    );
    const sharesFile: SharesFile = {
      datasetId: meta.datasetId,
      version: meta.version,
      holders: built.shares.holders.map((h) => ({ account: h.account, amount: String(h.amount) })),
      tree: built.tree.dump() as SharesFile['tree'],
    };
    const sharesJson = `${JSON.stringify(sharesFile, null, 1)}\n`;
    await writeFile(join(temp, 'rows.jsonl'), jsonl);
    await writeFile(join(temp, 'rows.parquet'), parquet);
    await writeFile(join(temp, 'shares.json'), sharesJson);
    const file = (name: string, data: string | Uint8Array) => ({
      name,
      bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength,
      sha256: sha256(data),
    });
    const figures = {
      weights: meta.attribution.weights,
      qualityFloor: meta.attribution.qualityFloor,
      total: meta.attribution.total,
      totalShares: String(built.shares.totalShares),
      remainder: String(built.shares.remainder),
      unallocated: String(built.shares.unallocated),
      rounding: String(built.shares.rounding),
      holders: built.shares.holders.length,
    };
    let attribution: Manifest['attribution'] = { rule: 'plaza-attribution/1', ...figures };
    if (built.v2) {
      if (!meta.v2)
        throw new Error('A version valued under rule v2 needs its parameters and beacon.');
      const text = (lines: string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);
      const values = text(built.v2.values);
      const neighbours = text(built.v2.neighbours);
      await writeFile(join(temp, 'values.jsonl'), values);
      await writeFile(join(temp, 'neighbours.jsonl'), neighbours);
      const fidelity = meta.v2.fidelity ? `${JSON.stringify(meta.v2.fidelity, null, 2)}\n` : null;
      if (fidelity) await writeFile(join(temp, 'fidelity.json'), fidelity);
      attribution = {
        rule: 'plaza-attribution/2',
        ...figures,
        params: meta.v2.params,
        beacon: meta.v2.beacon,
        roots: {
          features: built.v2.trees.features.root,
          neighbours: built.v2.trees.neighbours.root,
          values: built.v2.trees.values.root,
        },
        files: {
          values: file('values.jsonl', values),
          neighbours: file('neighbours.jsonl', neighbours),
          ...(fidelity ? { fidelity: file('fidelity.json', fidelity) } : {}),
        },
        summary: built.v2.summary,
      };
    }
    const manifest: Manifest = {
      format: meta.format,
      campaign: meta.campaign,
      datasetId: meta.datasetId,
      version: meta.version,
      createdAt: meta.createdAt,
      labelSchema: meta.labelSchema,
      attribution,
      rows: {
        count: rows.length,
        root: built.rowsRoot,
        jsonl: file('rows.jsonl', jsonl),
        parquet: file('rows.parquet', parquet),
      },
      shares: { root: built.tree.root, file: file('shares.json', sharesJson) },
    };
    await writeFile(join(temp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(temp, dir);
    return manifest;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
