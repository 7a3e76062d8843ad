import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultFeatureSpec } from '@plaza/protocol';
import { type Hex, keccak256 } from 'viem';
import { TOTAL_SHARES } from '../attribution/compute-shares.ts';
import { defaultRuleV2Params, type RuleV2Params } from '../attribution/v2/params.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { loadCampaign } from '../labeling/load-campaign.ts';
import { buildVersion, rowsCommitment } from './build-version.ts';
import { fidelityReport } from './fidelity-report.ts';
import type { FreezeHooks } from './freeze-hooks.ts';
import { loadRows } from './load-rows.ts';
import type { Beacon, Manifest } from './manifest.ts';
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
  params: {
    campaignId: string;
    exportsDir: string;
    datasetId: bigint;
    version?: number;
    /**
     * Rule v2's beacon once the rows are fixed: given the rows root, commits to it and answers
     * with randomness nobody knew before (a block hash). Without it, keccak256 of the rows root.
     */
    beacon?: (rowsRoot: Hex, version: number) => Promise<Beacon>;
  },
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
  let v2: { params: RuleV2Params; beacon: Beacon } | undefined;
  if (campaign.spec.attributionRule === 'plaza-attribution/2') {
    // The rows are fixed first; only then is the beacon drawn, so no row was chosen knowing it.
    const { rowsRoot } = await rowsCommitment(rows);
    const beacon = params.beacon
      ? await params.beacon(rowsRoot, version)
      : { kind: 'rows-root' as const, value: keccak256(rowsRoot) };
    v2 = { params: campaignRuleV2Params(), beacon };
  }
  const built = await buildVersion(rows, {
    datasetId: params.datasetId,
    version,
    weights: campaign.spec.attribution,
    ...(v2 ? { rule: { rule: 'plaza-attribution/2', ...v2, beacon: v2.beacon.value as Hex } } : {}),
  });
  const fidelity = v2 && built.v2 ? await fidelityReport(rows, built.v2, v2.params) : null;
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
      ...(v2 ? { v2: { ...v2, fidelity } } : {}),
    },
    { description: campaign.spec.description },
  );
  return { dir, manifest };
}

/** Rule v2's parameters for a campaign: the defaults over its model's word features. */
export function campaignRuleV2Params(): RuleV2Params {
  return {
    ...defaultRuleV2Params,
    features: {
      ...defaultRuleV2Params.features,
      buckets: defaultFeatureSpec.buckets,
      words: [...defaultFeatureSpec.words],
      maxChars: defaultFeatureSpec.maxChars,
    },
  };
}
