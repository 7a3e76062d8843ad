import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetRow } from '../datasets/dataset-row.ts';
import { versionDir } from '../datasets/freeze-version.ts';
import { type Manifest, manifestSchema, sharesFileSchema } from '../datasets/manifest.ts';

/** What the earnings answers need of a frozen version (never its rows' text). */
export interface VersionFacts {
  manifest: Manifest;
  /** Shares per holder (lowercase account). */
  holders: Map<string, bigint>;
  /**
   * Per device (lowercase): the contributions that became rows, those rows' indexes (ascending),
   * and the accounts they paid.
   */
  devices: Map<string, { contributions: Set<string>; rows: number[]; payouts: Set<string> }>;
}

const cache = new Map<string, Promise<VersionFacts>>();
const MAX_CACHED = 64;

async function readFacts(dir: string): Promise<VersionFacts> {
  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
  );
  const shares = sharesFileSchema.parse(
    JSON.parse(await readFile(join(dir, manifest.shares.file.name), 'utf8')),
  );
  const holders = new Map(shares.holders.map((h) => [h.account.toLowerCase(), BigInt(h.amount)]));
  const devices: VersionFacts['devices'] = new Map();
  const text = await readFile(join(dir, manifest.rows.jsonl.name), 'utf8');
  for (const [index, line] of text.split('\n').entries()) {
    if (line.length === 0) continue;
    const { provenance } = JSON.parse(line) as Pick<DatasetRow, 'provenance'>;
    const device = provenance.device.toLowerCase();
    let entry = devices.get(device);
    if (!entry) {
      entry = { contributions: new Set(), rows: [], payouts: new Set() };
      devices.set(device, entry);
    }
    entry.contributions.add(provenance.contribution);
    entry.rows.push(index);
    entry.payouts.add(provenance.payout.toLowerCase());
  }
  return { manifest, holders, devices };
}

/**
 * A frozen version's manifest, holders and which device's contributions became its rows, read
 * once per process (a frozen version never changes). Null when the version has no complete
 * manifest (a freeze in progress or failed).
 */
export async function loadVersionFacts(
  exportsDir: string,
  params: { campaignId: string; version: number },
): Promise<VersionFacts | null> {
  const dir = versionDir(exportsDir, params.campaignId, params.version);
  let loading = cache.get(dir);
  if (!loading) {
    loading = readFacts(dir);
    loading.catch(() => cache.delete(dir));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(dir, loading);
  }
  return loading.catch(() => null);
}
