/**
 * The holders' steps of `runDaoLifecycle` (dao-lifecycle.ts): the version's leaves matched to the
 * parties who hold their keys; every holder with a key claims their shares; the revenue accumulator
 * read before the license and what the attribution then promises; every holder claims their revenue.
 */
import { type buildSharesTree, plazaAbi } from '@plaza/contracts';
import { type Address, getAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type DaoChain, percentOf } from './dao-chain.ts';
import type { Voter } from './dao-license.ts';
import {
  DaoLifecycleError,
  type DaoStep,
  type HolderOutcome,
  type Party,
} from './dao-lifecycle-types.ts';

const Q128 = 1n << 128n;

/** The shares tree of a version, as `buildSharesTree` returns it. */
export type SharesTree = Awaited<ReturnType<typeof buildSharesTree>>;

/** A leaf of the version's shares tree, with the party holding its key when one was given. */
export interface Holder {
  index: number;
  address: Address;
  shares: bigint;
  party: Party | undefined;
}

/** A dataset version, as the lifecycle's steps name it. */
export interface VersionRef {
  datasetId: bigint;
  version: number;
}

/** The tree's leaves, each with the party whose key holds it (matched by address), if any. */
export function matchHolders(tree: SharesTree, parties: readonly Party[]): Holder[] {
  const byAddress = new Map(
    parties.map((p) => [privateKeyToAccount(p.privateKey).address.toLowerCase(), p]),
  );
  return tree.leaves.map((leaf, index) => ({
    index,
    address: getAddress(leaf[3]),
    shares: leaf[4],
    party: byAddress.get(leaf[3].toLowerCase()),
  }));
}

/**
 * Every holder with a key claims their shares (unless already claimed); throws
 * `DAO_SHARES_MISMATCH` when the chain then holds another amount. Returns the claimers.
 */
export async function claimAllShares(
  chain: DaoChain,
  { datasetId, version }: VersionRef,
  tree: SharesTree,
  holders: readonly Holder[],
  onStep: (step: DaoStep, detail: string) => void,
): Promise<Voter[]> {
  const claimers = holders.filter((h): h is Holder & { party: Party } => h.party !== undefined);
  for (const [i, h] of claimers.entries()) {
    onStep(
      'claim-shares',
      `${h.party.name} claims ${percentOf(h.shares, tree.totalShares)} of the shares (${i + 1}/${claimers.length})`,
    );
    await chain.fund(h.address);
    const already = await chain.read<bigint>('sharesOf', [datasetId, version, h.address]);
    if (already === 0n) {
      await chain.send(h.party, 'claim shares', {
        address: chain.plaza,
        abi: plazaAbi,
        functionName: 'claimShares',
        args: [datasetId, version, h.index, h.address, h.shares, tree.getProof(h.index)],
      });
    }
    const claimed = await chain.read<bigint>('sharesOf', [datasetId, version, h.address]);
    if (claimed !== h.shares) {
      throw new DaoLifecycleError(
        'DAO_SHARES_MISMATCH',
        `${h.party.name} holds ${claimed} shares on chain, not the ${h.shares} of shares.json.`,
      );
    }
  }
  return claimers;
}

/** The revenue accumulator and what each holder was paid, before the license is proposed. */
export async function readRevenueBefore(
  chain: DaoChain,
  { datasetId, version }: VersionRef,
  holders: readonly Holder[],
): Promise<{ acc: bigint; released: Map<Address, bigint> }> {
  const acc = await chain.read<bigint>('revenuePerShare', [datasetId, version, chain.stablecoin]);
  const released = new Map<Address, bigint>();
  for (const h of holders) {
    released.set(
      h.address,
      await chain.read<bigint>('revenueReleased', [
        datasetId,
        version,
        chain.stablecoin,
        h.address,
      ]),
    );
  }
  return { acc, released };
}

/** What `holder` is owed at accumulator `acc`: floor(shares × acc / 2^128) less what was paid before. */
export function expectedRevenueOf(
  holder: Holder,
  acc: bigint,
  releasedBefore: ReadonlyMap<Address, bigint>,
): bigint {
  return (holder.shares * acc) / Q128 - (releasedBefore.get(holder.address) ?? 0n);
}

/**
 * What the attribution promises: the dataset's fee leaves the escrow, and the accumulator gains
 * floor(revenue × 2^128 / total) (from at least 1: proposing warms it). Returns it with the
 * accumulator the chain now holds.
 */
export async function expectRevenue(
  chain: DaoChain,
  { datasetId, version }: VersionRef,
  escrow: bigint,
  feeBps: number,
  shares: { total: bigint; accBefore: bigint },
): Promise<{ fee: bigint; revenue: bigint; acc: bigint; accOnChain: bigint }> {
  const fee = (escrow * BigInt(feeBps)) / 10_000n;
  const revenue = escrow - fee;
  const acc = (shares.accBefore === 0n ? 1n : shares.accBefore) + (revenue * Q128) / shares.total;
  const accOnChain = await chain.read<bigint>('revenuePerShare', [
    datasetId,
    version,
    chain.stablecoin,
  ]);
  return { fee, revenue, acc, accOnChain };
}

/**
 * Every holder with a key claims their revenue (when any is owed: `claimRevenue` reverts on
 * nothing); each outcome sets what was received next to what was expected. Holders without a key
 * are reported unclaimed.
 */
export async function claimAllRevenue(
  chain: DaoChain,
  { datasetId, version }: VersionRef,
  holders: readonly Holder[],
  onStep: (step: DaoStep, detail: string) => void,
  check: { voted: Set<Address>; expectedFor: (h: Holder) => bigint; accMatches: boolean },
): Promise<HolderOutcome[]> {
  const outcomes: HolderOutcome[] = [];
  for (const [i, h] of holders.entries()) {
    const expectedRevenue = check.expectedFor(h);
    if (h.party === undefined) {
      outcomes.push({
        name: h.address,
        address: h.address,
        shares: h.shares,
        claimed: false,
        voted: false,
        revenue: 0n,
        expectedRevenue,
        matches: true,
      });
      continue;
    }
    onStep('claim-revenue', `${h.party.name} claims revenue (${i + 1}/${holders.length})`);
    const before = await chain.balanceOf(h.address);
    const claimable = await chain.read<bigint>('claimableRevenue', [
      datasetId,
      version,
      chain.stablecoin,
      h.address,
    ]);
    if (claimable > 0n) {
      await chain.send(h.party, 'claim revenue', {
        address: chain.plaza,
        abi: plazaAbi,
        functionName: 'claimRevenue',
        args: [datasetId, version, chain.stablecoin],
      });
    }
    const received = (await chain.balanceOf(h.address)) - before;
    outcomes.push({
      name: h.party.name,
      address: h.address,
      shares: h.shares,
      claimed: true,
      voted: check.voted.has(h.address),
      revenue: received,
      expectedRevenue,
      matches: received === expectedRevenue && check.accMatches,
    });
  }
  return outcomes;
}
