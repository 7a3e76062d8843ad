import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TOTAL_SHARES } from '../attribution/compute-shares.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { loadCampaign } from '../labeling/load-campaign.ts';
import { buildVersion } from './build-version.ts';
import type { FreezeHooks } from './freeze-hooks.ts';
import { loadRows } from './load-rows.ts';
import type { Manifest } from './manifest.ts';
import { writeVersion } from './write-version.ts';

/** Where a campaign's versions live: `<exportsDir>/<campaign>/v<version>/`. */
export function versionDir(exportsDir: string, campaignId: string, version: number): string {
  return join(exportsDir, campaignId, `v${version}`);
}

/** The versions already frozen for a campaign, ascending. */
export async function frozenVersions(exportsDir: string, campaignId: string): Promise<number[]> {
  const entries = await readdir(join(exportsDir, campaignId)).catch(() => [] as string[]);
  return entries
    .map((name) => /^v(\d+)$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Freezes the next version of a campaign: selects its rows (items at or above the quality floor
 * with their aggregated labels), computes every contributor's shares and the shares tree bound to
 * `datasetId` and the version number, and writes JSONL, Parquet, `shares.json` and the manifest.
 * `hooks` report progress and may refuse the version before anything is written.
 */
export async function freezeVersion(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: { campaignId: string; exportsDir: string; datasetId: bigint; version?: number },
  hooks: FreezeHooks = {},
): Promise<{ dir: string; manifest: Manifest }> {
  const campaign = await loadCampaign(deps.db.db, params.campaignId);
  const existing = await frozenVersions(params.exportsDir, campaign.id);
  const version = params.version ?? (existing.at(-1) ?? 0) + 1;
  hooks.progress?.('loading rows');
  const rows = await loadRows(deps, {
    campaignId: campaign.id,
    qualityFloor: campaign.spec.qualityFloor,
  });
  if (rows.length === 0) {
    throw new AppError(
      'VERSION_EMPTY',
      `Campaign "${campaign.id}" has no rows at or above its quality floor (${campaign.spec.qualityFloor}) to freeze.`,
    );
  }
  hooks.progress?.('computing shares', { rows: rows.length });
  const built = await buildVersion(rows, {
    datasetId: params.datasetId,
    version,
    weights: campaign.spec.attribution,
  });
  await hooks.beforeWrite?.(rows, built);
  hooks.progress?.('writing files', { rows: rows.length });
  const dir = versionDir(params.exportsDir, campaign.id, version);
  await mkdir(join(params.exportsDir, campaign.id), { recursive: true });
  const manifest = await writeVersion(
    dir,
    rows,
    built,
    {
      format: 'plaza-dataset/1',
      campaign: { id: campaign.id, name: campaign.spec.name },
      datasetId: String(params.datasetId),
      version,
      createdAt: deps.clock.now().toISOString(),
      labelSchema: campaign.spec.labelSchema,
      license: campaign.spec.license,
      attribution: {
        weights: campaign.spec.attribution,
        qualityFloor: campaign.spec.qualityFloor,
        total: String(TOTAL_SHARES),
      },
    },
    { description: campaign.spec.description },
  );
  return { dir, manifest };
}
