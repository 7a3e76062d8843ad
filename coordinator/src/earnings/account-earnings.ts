import type { EarningsResponse, VersionEarnings } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { frozenVersions } from '../datasets/freeze-version.ts';
import type { Deps } from '../deps.ts';
import { loadVersionFacts } from './load-version-facts.ts';
import { indexedThrough, versionEarnings } from './version-earnings.ts';

/** Versions one answer covers at most (the newest). */
const MAX_VERSIONS = 200;

/**
 * An account's shares and revenue in every frozen version that lists it as a holder (newest
 * first): what a labeler, or a wallet paid by devices, has earned. Public, as the shares tree
 * and the chain are.
 */
export async function accountEarnings(
  deps: Pick<Deps, 'db' | 'publisher'>,
  params: { exportsDir: string; account: `0x${string}` },
): Promise<EarningsResponse> {
  const account = params.account.toLowerCase();
  const campaigns = await deps.db.rows<{ id: string; name: string }>(
    sql`select id, name from campaigns order by id`,
  );
  const versions: VersionEarnings[] = [];
  for (const campaign of campaigns) {
    for (const version of (await frozenVersions(params.exportsDir, campaign.id)).reverse()) {
      const facts = await loadVersionFacts(params.exportsDir, {
        campaignId: campaign.id,
        version,
      });
      if (!facts?.holders.has(account)) continue;
      versions.push(
        await versionEarnings(deps, { campaignName: campaign.name, facts, accounts: [account] }),
      );
    }
  }
  versions.sort((a, b) => b.frozenAt.localeCompare(a.frozenAt));
  return {
    address: params.account,
    indexedThrough: await indexedThrough(deps),
    versions: versions.slice(0, MAX_VERSIONS),
  };
}
