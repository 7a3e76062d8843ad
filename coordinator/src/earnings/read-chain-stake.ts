import type { TokenRevenue } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { tokenInfo } from '../chain/token-info.ts';
import type { Deps } from '../deps.ts';

/** Where a version stands on chain, from the indexed events. */
export type VersionChainState = 'not_published' | 'timelock' | 'active' | 'revoked';

/** A version's indexed events, read once for all the accounts asked about. */
export interface VersionChainEvents {
  state: VersionChainState;
  /** Payment tokens named for the dataset (`PaymentTokenSet`) or by a license of the version. */
  tokens: Address[];
  /** Per token (lowercase), the version's revenue-per-share accumulator (Q128) after its last settlement. */
  accumulator: Map<string, bigint>;
  /** Per account (lowercase), the shares it claimed. */
  sharesClaimed: Map<string, bigint>;
  /** Per `account:token` (lowercase), what it was paid. */
  paid: Map<string, bigint>;
}

type EventRow = {
  name: string;
  args: Record<string, string>;
  proposal_id: number | string | null;
};

const lower = (value: unknown) => String(value).toLowerCase();
const add = (map: Map<string, bigint>, key: string, amount: bigint) =>
  map.set(key, (map.get(key) ?? 0n) + amount);

/**
 * The events of one version the indexer mirrored (`chain_events`): its state, share claims,
 * settlements (each `LicenseApproved` carries the accumulator after its credit, matched to its
 * version and token through the proposal's `LicenseProposed`) and revenue paid. Nothing is read
 * from the chain itself.
 */
export async function readVersionChainEvents(
  deps: Pick<Deps, 'db' | 'publisher'>,
  params: { datasetId: bigint; version: number },
): Promise<VersionChainEvents> {
  const empty: VersionChainEvents = {
    state: 'not_published',
    tokens: [],
    accumulator: new Map(),
    sharesClaimed: new Map(),
    paid: new Map(),
  };
  const publisher = deps.publisher;
  if (!publisher) return empty;
  const chainId = publisher.chainId;
  const contract = publisher.plaza.toLowerCase();
  const datasetId = Number(params.datasetId);
  const rows = await deps.db.rows<EventRow>(
    sql`select name, args, proposal_id from chain_events
        where chain_id = ${chainId} and contract = ${contract} and dataset_id = ${datasetId}
          and (version = ${params.version} or (version is null and name = 'PaymentTokenSet'))
        order by block_number, log_index`,
  );
  const proposals = new Map<string, string>();
  const tokens = new Set<string>();
  for (const row of rows) {
    const args = row.args;
    switch (row.name) {
      case 'VersionProposed':
        if (empty.state === 'not_published') empty.state = 'timelock';
        break;
      case 'VersionActivated':
        empty.state = 'active';
        break;
      case 'VersionRevoked':
        empty.state = 'revoked';
        break;
      case 'PaymentTokenSet':
        tokens.add(lower(args.token));
        break;
      case 'SharesClaimed':
        // Shares can only be claimed in an open version (its activation may go unrecorded).
        if (empty.state === 'timelock') empty.state = 'active';
        add(empty.sharesClaimed, lower(args.account), BigInt(args.amount ?? '0'));
        break;
      case 'LicenseProposed':
        proposals.set(String(row.proposal_id), lower(args.token));
        tokens.add(lower(args.token));
        break;
      case 'RevenueClaimed':
        add(empty.paid, `${lower(args.account)}:${lower(args.token)}`, BigInt(args.amount ?? '0'));
        break;
    }
  }
  if (proposals.size > 0) {
    const approved = await deps.db.rows<EventRow>(
      sql`select name, args, proposal_id from chain_events
          where chain_id = ${chainId} and contract = ${contract} and name = 'LicenseApproved'
            and proposal_id in (${sql.join(
              [...proposals.keys()].map((id) => sql`${Number(id)}`),
              sql`, `,
            )})`,
    );
    for (const row of approved) {
      const token = proposals.get(String(row.proposal_id));
      if (token === undefined) continue;
      // The accumulator never decreases: the largest is the latest.
      const acc = BigInt(row.args.revenuePerShare ?? '0');
      if (acc > (empty.accumulator.get(token) ?? 0n)) empty.accumulator.set(token, acc);
    }
  }
  empty.tokens = [...tokens].sort() as Address[];
  return empty;
}

/**
 * What a version owes `account` per token, in the contract's arithmetic: entitled
 * `floor(shares × acc / 2^128)` less what was paid; revenue of shares not yet claimed is stated
 * apart (it becomes claimable with the share claim).
 */
export async function stakeRevenue(
  deps: Pick<Deps, 'publisher'>,
  events: VersionChainEvents,
  params: { account: string; shares: bigint },
): Promise<{ sharesClaimed: bigint; revenue: TokenRevenue[] }> {
  const account = params.account.toLowerCase();
  const sharesClaimed = events.sharesClaimed.get(account) ?? 0n;
  const revenue = await Promise.all(
    events.tokens.map(async (token) => {
      const acc = events.accumulator.get(token) ?? 0n;
      const claimed = events.paid.get(`${account}:${token}`) ?? 0n;
      const entitled = (sharesClaimed * acc) >> 128n;
      const pending = sharesClaimed > 0n ? 0n : (params.shares * acc) >> 128n;
      const info = await tokenInfo(deps, token);
      return {
        token,
        symbol: info.symbol,
        decimals: info.decimals,
        claimable: String(entitled > claimed ? entitled - claimed : 0n),
        claimed: String(claimed),
        afterShareClaim: String(pending),
      };
    }),
  );
  return { sharesClaimed, revenue };
}
