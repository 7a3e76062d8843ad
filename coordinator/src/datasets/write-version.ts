import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleV2Params } from '../attribution/v2/params.ts';
import type { BuiltVersion } from './build-version.ts';
import type { DatasetRow } from './dataset-row.ts';
import type { FidelityReport } from './fidelity-report.ts';
import { fileEntry as file, renderLoadableFiles } from './formats/version-files.ts';
import type { Beacon, Manifest, SharesFile } from './manifest.ts';

/**
 * Writes a version's files into `dir`: `rows.jsonl`, typed `rows.parquet`, `rows.csv`,
 * `shares.json`, the dataset card `README.md`, `croissant.json`, under rule v2 `values.jsonl`,
 * `neighbours.jsonl` and `fidelity.json`, and `manifest.json` (file sizes and sha256, license, rows
 * root, shares root and the attribution figures; under v2 also its parameters, beacon and roots).
 * Everything is written to a temporary sibling directory first and renamed into place, so a
 * version directory is complete or absent, never half-written. Refuses an existing `dir`.
 */
export async function writeVersion(
  dir: string,
  rows: readonly DatasetRow[],
  built: BuiltVersion,
  meta: VersionMeta,
  /** What only the dataset card says: the campaign's description. */
  card: { description: string } = { description: '' },
): Promise<Manifest> {
  if (await stat(dir).catch(() => null)) {
    throw new Error(`${dir} exists already: a frozen version is never overwritten.`);
  }
  const temp = `${dir}.tmp-${randomBytes(4).toString('hex')}`;
  await mkdir(temp, { recursive: true });
  try {
    const files = await writeRowFiles(temp, rows, built, meta, card);
    const attribution = await writeAttribution(temp, built, meta);
    const manifest = composeManifest(meta, files, attribution);
    await writeFile(join(temp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(temp, dir);
    return manifest;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** What the freeze knows of a version besides its rows: the manifest's own fields and rule. */
type VersionMeta = Omit<Manifest, 'rows' | 'shares' | 'attribution' | 'card'> & {
  attribution: Pick<Manifest['attribution'], 'weights' | 'qualityFloor' | 'total'>;
  /** Rule v2's parameters and beacon (the version is attributed under v1 without). */
  v2?: { params: RuleV2Params; beacon: Beacon; fidelity?: FidelityReport | null };
};

/** The file entries the manifest lists for the rows, shares and card. */
type RowFileEntries = Pick<Manifest, 'rows' | 'shares' | 'card'>;

/** Writes the rows (JSONL, Parquet, CSV), `shares.json` and the card files; returns their entries. */
async function writeRowFiles(
  temp: string,
  rows: readonly DatasetRow[],
  built: BuiltVersion,
  meta: VersionMeta,
  card: { description: string },
): Promise<RowFileEntries> {
  const jsonl = built.lines.length === 0 ? '' : `${built.lines.join('\n')}\n`;
  const sharesFile: SharesFile = {
    datasetId: meta.datasetId,
    version: meta.version,
    holders: built.shares.holders.map((h) => ({ account: h.account, amount: String(h.amount) })),
    tree: built.tree.dump() as SharesFile['tree'],
  };
  const sharesJson = `${JSON.stringify(sharesFile, null, 1)}\n`;
  const labelSchema = meta.labelSchema as Parameters<typeof renderLoadableFiles>[1]['labelSchema'];
  const loadable = renderLoadableFiles(rows, {
    campaign: { ...meta.campaign, description: card.description },
    datasetId: meta.datasetId,
    version: meta.version,
    createdAt: meta.createdAt,
    license: meta.license ?? 'other',
    labelSchema,
    rowsRoot: built.rowsRoot,
    sharesRoot: built.tree.root,
    jsonl: file('rows.jsonl', jsonl),
  });
  await writeFile(join(temp, 'rows.jsonl'), jsonl);
  await writeFile(join(temp, 'rows.parquet'), loadable.parquet);
  await writeFile(join(temp, 'rows.csv'), loadable.csv);
  await writeFile(join(temp, 'shares.json'), sharesJson);
  await writeFile(join(temp, 'README.md'), loadable.readme);
  await writeFile(join(temp, 'croissant.json'), loadable.croissant);
  return {
    rows: {
      count: rows.length,
      root: built.rowsRoot,
      jsonl: file('rows.jsonl', jsonl),
      parquet: file('rows.parquet', loadable.parquet),
      csv: file('rows.csv', loadable.csv),
    },
    shares: { root: built.tree.root, file: file('shares.json', sharesJson) },
    card: {
      readme: file('README.md', loadable.readme),
      croissant: file('croissant.json', loadable.croissant),
    },
  };
}

/** The manifest's attribution figures; under rule v2 also writes its files and names its roots. */
async function writeAttribution(
  temp: string,
  built: BuiltVersion,
  meta: VersionMeta,
): Promise<Manifest['attribution']> {
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
  if (!built.v2) return { rule: 'plaza-attribution/1', ...figures };
  if (!meta.v2) throw new Error('A version valued under rule v2 needs its parameters and beacon.');
  const text = (lines: string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  const values = text(built.v2.values);
  const neighbours = text(built.v2.neighbours);
  await writeFile(join(temp, 'values.jsonl'), values);
  await writeFile(join(temp, 'neighbours.jsonl'), neighbours);
  const fidelity = meta.v2.fidelity ? `${JSON.stringify(meta.v2.fidelity, null, 2)}\n` : null;
  if (fidelity) await writeFile(join(temp, 'fidelity.json'), fidelity);
  return {
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

/** The manifest, its fields in their fixed order (its bytes are hashed on chain). */
function composeManifest(
  meta: VersionMeta,
  files: RowFileEntries,
  attribution: Manifest['attribution'],
): Manifest {
  return {
    format: meta.format,
    campaign: meta.campaign,
    datasetId: meta.datasetId,
    version: meta.version,
    createdAt: meta.createdAt,
    labelSchema: meta.labelSchema,
    ...(meta.license === undefined ? {} : { license: meta.license }),
    attribution,
    rows: files.rows,
    shares: files.shares,
    card: files.card,
  };
}
