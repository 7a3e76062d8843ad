/**
 * The DAO half of Plaza's story, on a chain where a dataset version is already published: when its
 * timelock still runs, the chain's clock moves past it (`evm_increaseTime`: the guardian's time to
 * revoke a bad version); every holder claims their shares with their Merkle proof; a buyer mints test
 * stablecoin, writes license terms, hashes them, approves the escrow and proposes a license; the
 * clock moves past the dataset's voting delay; holders vote (largest first, until the proposal is
 * decided, or up to the deadline, which is then passed the same way);
 * the license is settled; every holder claims their revenue. Each holder's revenue (the balance delta)
 * is returned next to the revenue the attribution promises: the fee less the dataset's fee, times
 * shares / total, in the contract's accumulator arithmetic
 * (`acc += floor(revenue × 2^128 / total)`, owed `floor(shares × acc / 2^128)` less what was paid).
 *
 * Used by `pnpm demo` and the full-loop spec; needs a chain that accepts anvil's `anvil_setBalance`,
 * `evm_increaseTime` and `evm_mine`, and a TestUSD whose `mint` is open.
 */
import { advanceAnvilClockTo, buildSharesTree } from '@plaza/contracts';
import type { Address, Hex } from 'viem';
import { connectDaoChain, type DaoChain } from './dao-chain.ts';
import {
  claimAllRevenue,
  claimAllShares,
  expectedRevenueOf,
  expectRevenue,
  matchHolders,
  readRevenueBefore,
  type SharesTree,
} from './dao-holders.ts';
import {
  approveEscrow,
  describeBuyer,
  fundBuyer,
  licenseDuration,
  openVote,
  proposeLicense,
  settleLicense,
  voteUntilDecided,
  writeLicenseTerms,
} from './dao-license.ts';
import {
  DaoLifecycleError,
  type DaoLifecycleOptions,
  type DaoLifecycleResult,
  type DaoStep,
  type VersionShares,
} from './dao-lifecycle-types.ts';

export { formatUnits6 } from './dao-chain.ts';
export * from './dao-lifecycle-types.ts';

type OnStep = (step: DaoStep, detail: string) => void;

/**
 * Runs the license lifecycle of one published version and returns, per holder, the revenue received
 * and the revenue expected from the attribution. Throws {@link DaoLifecycleError} when the version or
 * the input does not allow it; a revenue that differs from the expectation is reported, not thrown
 * (`result.ok` is false and the holder's `matches` too).
 *
 * @example
 * const shares = JSON.parse(await readFile(join(versionDir, 'shares.json'), 'utf8'));
 * const result = await runDaoLifecycle({ rpcUrl, plaza, stablecoin, shares, holders, buyer, price: 1_000_000_000n });
 * for (const h of result.holders) console.log(h.name, h.revenue, h.expectedRevenue, h.matches);
 */
export async function runDaoLifecycle(options: DaoLifecycleOptions): Promise<DaoLifecycleResult> {
  const { price } = options;
  const onStep = options.onStep ?? (() => {});
  const datasetId = BigInt(options.shares.datasetId);
  const version = options.shares.version;
  const chain = await connectDaoChain(options.rpcUrl, options.plaza, options.stablecoin);

  const onChain = await openVersion(chain, datasetId, version, onStep);
  const tree = await checkSharesOnChain(options.shares, onChain);
  const total = tree.totalShares;
  const dataset = await checkPaymentAccepted(chain, datasetId, price);
  const holders = matchHolders(tree, options.holders);

  // 1. Every holder with a key claims their shares.
  const voters = await claimAllShares(chain, { datasetId, version }, tree, holders, onStep);

  // 2. The buyer gets stablecoin, writes and hashes terms, approves the escrow and proposes.
  const buyer = describeBuyer(chain, options);
  await fundBuyer(chain, buyer, price, onStep);
  const duration = licenseDuration(options.durationSeconds, dataset.maxLicenseDuration);
  const { terms, termsHash } = writeLicenseTerms({
    datasetId,
    version,
    licensee: buyer.address,
    use: options.use ?? 'research use',
    price,
    token: chain.stablecoin,
    durationSeconds: duration,
  });
  onStep('write-terms', `terms written and hashed: ${termsHash.slice(0, 18)}…`);
  await approveEscrow(chain, buyer, price, onStep);
  const before = await readRevenueBefore(chain, { datasetId, version }, holders);
  const { proposalId, voteStart, escrow } = await proposeLicense(
    chain,
    buyer,
    { datasetId, version, price, duration, termsHash },
    onStep,
  );
  await openVote(chain, voteStart, onStep);

  // 3. Holders vote for, largest first, until a majority of all shares has (then it is decided).
  const { voted, decided } = await voteUntilDecided(chain, proposalId, voters, total, onStep);

  // 4. Settle.
  const license = { proposalId, datasetId, version };
  const { expiresAt } = await settleLicense(chain, buyer, license, decided, onStep);

  // 5. Every holder with a key claims their revenue.
  const expected = await expectRevenue(chain, { datasetId, version }, escrow, dataset.feeBps, {
    total,
    accBefore: before.acc,
  });
  const outcomes = await claimAllRevenue(chain, { datasetId, version }, holders, onStep, {
    voted,
    expectedFor: (h) => expectedRevenueOf(h, expected.acc, before.released),
    accMatches: expected.accOnChain === expected.acc,
  });

  return {
    datasetId,
    version,
    stablecoin: chain.stablecoin,
    buyer: buyer.address,
    proposalId,
    terms,
    termsHash,
    price,
    fee: expected.fee,
    revenue: expected.revenue,
    totalShares: total,
    decided,
    licenseExpiresAt: Number(expiresAt),
    holders: outcomes,
    ok: outcomes.every((o) => o.matches),
  };
}

/**
 * Reads the version on chain and, when its timelock still runs, moves the chain's clock past it.
 * Throws `DAO_VERSION_NOT_ACTIVE` unless the version is then open.
 */
async function openVersion(
  chain: DaoChain,
  datasetId: bigint,
  version: number,
  onStep: OnStep,
): Promise<{ sharesRoot: Hex; totalShares: bigint }> {
  const onChain = await chain.read<{ sharesRoot: Hex; totalShares: bigint; activatesAt: number }>(
    'getVersion',
    [datasetId, version],
  );
  // VersionStatus: 1 Pending (timelock running), 2 Active (open).
  if ((await chain.read<number>('versionStatus', [datasetId, version])) === 1) {
    const wait = Number(BigInt(onChain.activatesAt) - (await chain.now()));
    onStep('open-version', `the version's timelock runs: the chain's clock moves ${wait} s`);
    await advanceAnvilClockTo(chain.rpcUrl, onChain.activatesAt);
  }
  const status = await chain.read<number>('versionStatus', [datasetId, version]);
  if (status !== 2) {
    throw new DaoLifecycleError(
      'DAO_VERSION_NOT_ACTIVE',
      `Version ${version} of dataset ${datasetId} is not open on chain (status ${status}).`,
    );
  }
  return onChain;
}

/** Builds the shares tree of `shares`; throws `DAO_SHARES_MISMATCH` unless it is the one on chain. */
async function checkSharesOnChain(
  shares: VersionShares,
  onChain: { sharesRoot: Hex; totalShares: bigint },
): Promise<SharesTree> {
  const tree = await buildSharesTree({
    datasetId: BigInt(shares.datasetId),
    version: BigInt(shares.version),
    holders: shares.holders.map((h) => ({
      account: h.account as Address,
      amount: BigInt(h.amount),
    })),
  });
  if (tree.root !== onChain.sharesRoot || tree.totalShares !== onChain.totalShares) {
    throw new DaoLifecycleError(
      'DAO_SHARES_MISMATCH',
      `The shares given (root ${tree.root}, total ${tree.totalShares}) are not those of version ${shares.version} ` +
        `on chain (root ${onChain.sharesRoot}, total ${onChain.totalShares}).`,
    );
  }
  return tree;
}

/**
 * Reads the dataset's fee and maximum license duration; throws unless it takes the stablecoin
 * (`DAO_TOKEN_NOT_ALLOWED`: each token has its own reserve, 0 when not taken) at `price`
 * (`DAO_PRICE_BELOW_RESERVE`).
 */
async function checkPaymentAccepted(
  chain: DaoChain,
  datasetId: bigint,
  price: bigint,
): Promise<{ feeBps: number; maxLicenseDuration: number }> {
  const dataset = await chain.read<{ feeBps: number; maxLicenseDuration: number }>('getDataset', [
    datasetId,
  ]);
  const reservePrice = await chain.read<bigint>('reservePrice', [datasetId, chain.stablecoin]);
  if (reservePrice === 0n) {
    throw new DaoLifecycleError(
      'DAO_TOKEN_NOT_ALLOWED',
      `Dataset ${datasetId} does not accept ${chain.stablecoin} as payment.`,
    );
  }
  if (price < reservePrice) {
    throw new DaoLifecycleError(
      'DAO_PRICE_BELOW_RESERVE',
      `A price of ${price} is below the dataset's reserve price of ${reservePrice}.`,
    );
  }
  return dataset;
}
