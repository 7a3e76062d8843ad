import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { knnShapley, type LabelValue } from '@plaza/protocol';
import type { Address } from 'viem';
import { toMicro, type WeightedRow } from '../attribution/compute-shares.ts';
import { buildRowsTree, type RowsTree } from '../attribution/rows-tree.ts';
import type { NeighbourLine, ValueLine } from '../attribution/v2/attribution-files.ts';
import { AppError } from '../errors.ts';
import type { DatasetRow } from './dataset-row.ts';
import { type Manifest, manifestSchema } from './manifest.ts';
import { createVersionCache } from './version-cache.ts';

/** A row's facts the explanations use (no text: rows are licensed). */
export interface IndexedRow extends WeightedRow {
  itemId: number;
  contentHash: string;
  quality: number;
  label: LabelValue | null;
}

/** Rule v2's files of a version, parsed, with their trees and each row's place in the lists. */
export interface V2Index {
  values: ValueLine[];
  valueLines: string[];
  valueTree: RowsTree;
  lists: NeighbourLine[];
  listLines: string[];
  listTree: RowsTree;
  /** Per list, the KNN-Shapley amount of each neighbour (2^-32 units). */
  amounts: number[][];
  /** Per row, the [list, position] pairs naming it. */
  placesOf: Array<Array<[number, number]>>;
}

/** A frozen version read once for its attribution explanations and value proofs. */
export interface AttributionIndex {
  manifest: Manifest;
  rows: IndexedRow[];
  totalWeight: bigint;
  totalValue: bigint;
  v2: V2Index | null;
  fidelity: Record<string, unknown> | null;
}

const jsonl = (text: string) => (text.length === 0 ? [] : text.replace(/\n$/, '').split('\n'));

async function loadV2(dir: string, manifest: Manifest, rows: number): Promise<V2Index | null> {
  const attribution = manifest.attribution;
  if (attribution.rule !== 'plaza-attribution/2') return null;
  const valueLines = jsonl(await readFile(join(dir, attribution.files.values.name), 'utf8'));
  const listLines = jsonl(await readFile(join(dir, attribution.files.neighbours.name), 'utf8'));
  const [valueTree, listTree] = await Promise.all([
    buildRowsTree(valueLines),
    buildRowsTree(listLines),
  ]);
  if (
    valueTree.root !== attribution.roots.values ||
    listTree.root !== attribution.roots.neighbours
  ) {
    throw new AppError(
      'INTERNAL',
      `The attribution files of ${dir} do not give the manifest's roots.`,
    );
  }
  const lists = listLines.map((line) => JSON.parse(line) as NeighbourLine);
  const placesOf: Array<Array<[number, number]>> = Array.from({ length: rows }, () => []);
  const amounts = lists.map((list, l) => {
    for (const [position, [row]] of list.neighbours.entries()) placesOf[row]?.push([l, position]);
    return list.dropped
      ? list.neighbours.map(() => 0)
      : knnShapley(
          list.neighbours.map((n) => n[2]),
          attribution.params.k,
        );
  });
  return {
    values: valueLines.map((line) => JSON.parse(line) as ValueLine),
    valueLines,
    valueTree,
    lists,
    listLines,
    listTree,
    amounts,
    placesOf,
  };
}

async function buildIndex(dir: string): Promise<AttributionIndex> {
  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
  );
  const lines = jsonl(await readFile(join(dir, manifest.rows.jsonl.name), 'utf8'));
  const v2 = await loadV2(dir, manifest, lines.length);
  const rows = lines.map((line, i): IndexedRow => {
    const row = JSON.parse(line) as DatasetRow;
    return {
      itemId: row.itemId,
      contentHash: row.contentHash,
      quality: row.quality,
      label: row.label,
      fetcher: row.provenance.payout as Address,
      labelers: row.provenance.labelers.map((l) => ({
        account: l.account as Address,
        posterior: l.posterior,
      })),
      compute: row.provenance.compute as Address[],
      weight: v2 ? BigInt(v2.values[i]?.weight ?? '0') : toMicro(row.quality),
    };
  });
  const fidelity = await readFile(join(dir, 'fidelity.json'), 'utf8')
    .then((text) => JSON.parse(text) as Record<string, unknown>)
    .catch(() => null);
  return {
    manifest,
    rows,
    totalWeight: rows.reduce((sum, row) => sum + row.weight, 0n),
    totalValue: v2 ? v2.values.reduce((sum, v) => sum + BigInt(v.value), 0n) : 0n,
    v2,
    fidelity,
  };
}

const cachedIndex = createVersionCache(buildIndex, 4);

/**
 * A frozen version's rows, values and neighbour lists, read once per process (a frozen version
 * never changes) and checked against the manifest's roots; a few recent versions are kept.
 */
export async function loadAttributionIndex(
  exportsDir: string,
  params: { campaignId: string; version: number },
): Promise<AttributionIndex> {
  return cachedIndex(exportsDir, params);
}
