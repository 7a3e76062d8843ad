import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRowsTree, type RowsTree } from '../attribution/rows-tree.ts';
import { AppError } from '../errors.ts';
import { type Manifest, manifestSchema } from './manifest.ts';
import { createVersionCache } from './version-cache.ts';

/** A frozen version's rows tree and which row each contribution became. */
export interface VersionIndex {
  manifest: Manifest;
  tree: RowsTree;
  /** Row index by the contribution id in the row's provenance. */
  rowByContribution: Map<string, number>;
}

/** Loaded indexes by version directory; a frozen version never changes, so they never go stale. */
const cachedIndex = createVersionCache(buildIndex, 8);

async function buildIndex(dir: string): Promise<VersionIndex> {
  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
  );
  const text = await readFile(join(dir, manifest.rows.jsonl.name), 'utf8');
  const lines = text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
  const tree = await buildRowsTree(lines);
  if (tree.root !== manifest.rows.root || lines.length !== manifest.rows.count) {
    throw new AppError('INTERNAL', `The rows of ${dir} do not give the manifest's rows root.`);
  }
  const rowByContribution = new Map<string, number>();
  for (const [index, line] of lines.entries()) {
    const row = JSON.parse(line) as { provenance?: { contribution?: unknown } };
    const id = row.provenance?.contribution;
    if (typeof id === 'string') rowByContribution.set(id, index);
  }
  return { manifest, tree, rowByContribution };
}

/**
 * The rows tree of a frozen version and its rows by contribution, read from `rows.jsonl` once per
 * process and checked against the manifest's rows root (a few recent versions are kept).
 */
export async function loadVersionIndex(
  exportsDir: string,
  params: { campaignId: string; version: number },
): Promise<VersionIndex> {
  return cachedIndex(exportsDir, params);
}
