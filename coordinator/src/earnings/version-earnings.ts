import type { VersionEarnings, VersionStake } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import type { VersionFacts } from './load-version-facts.ts';
import { readVersionChainEvents, stakeRevenue } from './read-chain-stake.ts';

/** The newest block the chain index covers (null when nothing was indexed). */
export async function indexedThrough(deps: Pick<Deps, 'db' | 'publisher'>): Promise<number | null> {
  if (!deps.publisher) return null;
  const [cursor] = await deps.db.rows<{ block_number: number | string | null }>(
    sql`select max(block_number) as block_number from chain_cursors
        where chain_id = ${deps.publisher.chainId}
          and contract = ${deps.publisher.plaza.toLowerCase()}`,
  );
  return cursor?.block_number === null || cursor?.block_number === undefined
    ? null
    : Number(cursor.block_number);
}

/**
 * One version of an earnings answer: the version's share totals (minted, unallocated and rounding
 * kept apart) and, per account, its shares and revenue from the indexed events.
 */
export async function versionEarnings(
  deps: Pick<Deps, 'db' | 'publisher'>,
  params: {
    campaignName: string;
    facts: VersionFacts;
    accounts: readonly string[];
    contributions?: VersionEarnings['contributions'];
  },
): Promise<VersionEarnings> {
  const { manifest, holders } = params.facts;
  const events = await readVersionChainEvents(deps, {
    datasetId: BigInt(manifest.datasetId),
    version: manifest.version,
  });
  const stakes: VersionStake[] = await Promise.all(
    params.accounts.map(async (account) => {
      const shares = holders.get(account) ?? 0n;
      const { sharesClaimed, revenue } = await stakeRevenue(deps, events, { account, shares });
      return {
        account: account as `0x${string}`,
        shares: String(shares),
        sharesClaimed: String(sharesClaimed),
        revenue,
      };
    }),
  );
  const attribution = manifest.attribution;
  return {
    campaignId: manifest.campaign.id,
    campaignName: params.campaignName,
    version: manifest.version,
    datasetId: manifest.datasetId,
    frozenAt: manifest.createdAt,
    chain: events.state,
    shares: {
      totalShares: attribution.totalShares,
      minted: attribution.total,
      unallocated: attribution.unallocated,
      rounding: attribution.rounding,
    },
    ...(params.contributions ? { contributions: params.contributions } : {}),
    stakes,
  };
}
