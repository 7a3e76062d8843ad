import type { ContributionOutcomes, EarningsResponse, VersionEarnings } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { auditStatus } from '../datasets/audit-contributions.ts';
import {
  CONTRIBUTION_FACTS_COLUMNS,
  CONTRIBUTION_FACTS_JOINS,
  type ContributionFacts,
  type ContributionFactsRow,
  toContributionFacts,
} from '../datasets/contribution-facts.ts';
import { frozenVersions } from '../datasets/freeze-version.ts';
import type { Deps } from '../deps.ts';
import { deviceRows } from './device-rows.ts';
import { loadVersionFacts, type VersionFacts } from './load-version-facts.ts';
import { indexedThrough, versionEarnings } from './version-earnings.ts';

/** Versions one answer covers at most (the newest). */
const MAX_VERSIONS = 200;

/** The device's contributions in each campaign it contributed to, with what the database knows. */
async function loadDeviceContributions(
  deps: Pick<Deps, 'db'>,
  device: string,
): Promise<Map<string, { name: string; facts: ContributionFacts[] }>> {
  const rows = await deps.db.rows<ContributionFactsRow & { campaign_name: string }>(
    sql`select ${CONTRIBUTION_FACTS_COLUMNS}, k.name as campaign_name
        from contributions c
        join campaigns k on k.id = c.campaign_id
        ${CONTRIBUTION_FACTS_JOINS}
        where c.device_address = ${device}`,
  );
  const byCampaign = new Map<string, { name: string; facts: ContributionFacts[] }>();
  for (const row of rows) {
    let entry = byCampaign.get(row.campaign_id);
    if (!entry) {
      entry = { name: row.campaign_name, facts: [] };
      byCampaign.set(row.campaign_id, entry);
    }
    entry.facts.push(toContributionFacts(row));
  }
  return byCampaign;
}

/** Counts what the device's contributions became in one version, with the audit's reasons. */
export function countOutcomes(
  facts: readonly ContributionFacts[],
  version: VersionFacts,
  device: string,
): ContributionOutcomes {
  const mine = version.devices.get(device)?.contributions ?? new Set<string>();
  const counts: ContributionOutcomes = {
    rows: mine.size,
    duplicate: 0,
    belowQuality: 0,
    failedVerification: 0,
    revoked: 0,
    fetchFailed: 0,
    notSelected: 0,
    afterFreeze: 0,
  };
  const context = {
    campaignId: version.manifest.campaign.id,
    frozenAt: new Date(version.manifest.createdAt),
    qualityFloor: version.manifest.attribution.qualityFloor,
    rowOf: () => undefined,
  };
  for (const fact of facts) {
    if (mine.has(fact.id)) continue;
    const audit = auditStatus(fact, context, fact.id);
    if (audit.status === 'duplicate') counts.duplicate++;
    else if (audit.status === 'below_quality') counts.belowQuality++;
    else if (audit.status === 'failed_verification') counts.failedVerification++;
    else if (audit.status === 'revoked') counts.revoked++;
    else if (audit.status === 'fetch_failed') counts.fetchFailed++;
    else if (audit.status === 'not_in_version' && audit.reason === 'after_freeze')
      counts.afterFreeze++;
    else counts.notSelected++;
  }
  return counts;
}

/**
 * What a device's contributions earned, per frozen version of every campaign it contributed to
 * (newest first): the rows they became, each with its value and why, and why the others did not;
 * the shares of the accounts its rows paid (its payout wallet at the freeze) and their revenue,
 * from the chain index.
 */
export async function deviceEarnings(
  deps: Pick<Deps, 'db' | 'publisher'>,
  params: { exportsDir: string; device: `0x${string}` },
): Promise<EarningsResponse> {
  const device = params.device.toLowerCase();
  const campaigns = await loadDeviceContributions(deps, device);
  const versions: VersionEarnings[] = [];
  for (const [campaignId, { name, facts }] of campaigns) {
    const numbers = (await frozenVersions(params.exportsDir, campaignId)).reverse();
    for (const version of numbers) {
      const loaded = await loadVersionFacts(params.exportsDir, { campaignId, version });
      if (!loaded) continue;
      const mine = loaded.devices.get(device);
      const earned = await versionEarnings(deps, {
        campaignName: name,
        facts: loaded,
        accounts: [...(mine?.payouts ?? [])].sort(),
        contributions: countOutcomes(facts, loaded, device),
      });
      earned.attribution = await deviceRows(params.exportsDir, {
        campaignId,
        version,
        rows: mine?.rows ?? [],
      });
      versions.push(earned);
    }
  }
  versions.sort((a, b) => b.frozenAt.localeCompare(a.frozenAt));
  return {
    address: params.device,
    indexedThrough: await indexedThrough(deps),
    versions: versions.slice(0, MAX_VERSIONS),
  };
}
