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
import { advanceAnvilClockTo, buildSharesTree, plazaAbi, testUsdAbi } from '@plaza/contracts';
import { ownedWalletAbi } from '@plaza/contracts/mocks/owned-wallet';
import {
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  getAddress,
  type Hex,
  http,
  keccak256,
  parseEther,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/** A version's holders, as the export's `shares.json` lists them (decimal strings or bigints). */
export interface VersionShares {
  datasetId: string | bigint;
  version: number;
  holders: ReadonlyArray<{ account: string; amount: string | bigint }>;
}

/** Someone who holds a key: a contributor, a labeler, the buyer. */
export interface Party {
  /** Who they are, for the narration and the summary ("device 1", "labeler ana"). */
  name: string;
  privateKey: Hex;
}

/** A step of {@link runDaoLifecycle}, in the order they happen. */
export type DaoStep =
  | 'open-version'
  | 'claim-shares'
  | 'fund-buyer'
  | 'write-terms'
  | 'approve'
  | 'propose'
  | 'open-vote'
  | 'vote'
  | 'advance-time'
  | 'settle'
  | 'claim-revenue';

/** Options of {@link runDaoLifecycle}. */
export interface DaoLifecycleOptions {
  rpcUrl: string;
  /** The deployed Plaza contract. */
  plaza: Address;
  /** The test stablecoin (open `mint`), which must be one of the dataset's payment tokens. */
  stablecoin: Address;
  /** The published version's shares (the export's `shares.json`). */
  shares: VersionShares;
  /**
   * The holders who take part, by key. Holders of `shares` without a key here neither claim nor
   * vote; they appear in the result with `claimed: false`.
   */
  holders: readonly Party[];
  /** Proposes, pays and gets the license. */
  buyer: Party;
  /**
   * An ERC-1271 contract wallet (the test `OwnedWallet`) whose owner is `buyer`: when given, the
   * wallet is the licensee; it holds the stablecoin, and the buyer's key approves the escrow and
   * proposes through the wallet's `execute`, as a Safe's owner does.
   */
  buyerWallet?: Address;
  /** The license price in stablecoin units (TestUSD has 6 decimals). */
  price: bigint;
  /** License duration in seconds. @default 30 days, capped at the dataset's maximum */
  durationSeconds?: number;
  /** What the buyer means to do with the data; hashed into the proposal. @default research use */
  use?: string;
  /** Progress: called before and during each step with a plain-words detail. */
  onStep?: (step: DaoStep, detail: string) => void;
}

/** One holder's outcome. */
export interface HolderOutcome {
  /** The party's name, or the address when no key was given. */
  name: string;
  address: Address;
  /** Shares in the version (from `shares.json`; checked against the chain after claiming). */
  shares: bigint;
  /** Whether the holder claimed shares and revenue in this run. */
  claimed: boolean;
  /** Whether the holder voted (for). */
  voted: boolean;
  /** Stablecoin received by `claimRevenue` (balance after − before); 0 when not claimed. */
  revenue: bigint;
  /** What the attribution promises, in the contract's accumulator arithmetic. */
  expectedRevenue: bigint;
  /** `revenue === expectedRevenue` (for holders who did not claim: nothing was paid yet). */
  matches: boolean;
}

/** What {@link runDaoLifecycle} did. */
export interface DaoLifecycleResult {
  datasetId: bigint;
  version: number;
  stablecoin: Address;
  buyer: Address;
  proposalId: bigint;
  /** The terms the buyer wrote, and their keccak256 as proposed. */
  terms: string;
  termsHash: Hex;
  price: bigint;
  /** The dataset's fee (to its fee recipient) and what was left for the holders. */
  fee: bigint;
  revenue: bigint;
  totalShares: bigint;
  /** How the vote ended: a majority of all shares voted for, or the deadline passed with quorum. */
  decided: 'majority' | 'deadline';
  /** The license's end (unix seconds). */
  licenseExpiresAt: number;
  holders: HolderOutcome[];
  /** Every holder who claimed got exactly the expected revenue, and the buyer holds a valid license. */
  ok: boolean;
}

/** Thrown when the lifecycle cannot run as asked (bad input, a reverted transaction, a rejected vote). */
export class DaoLifecycleError extends Error {
  override readonly name = 'DaoLifecycleError';
  constructor(
    readonly code:
      | 'DAO_VERSION_NOT_ACTIVE'
      | 'DAO_SHARES_MISMATCH'
      | 'DAO_PRICE_BELOW_RESERVE'
      | 'DAO_TOKEN_NOT_ALLOWED'
      | 'DAO_TX_REVERTED'
      | 'DAO_NOT_APPROVED',
    message: string,
  ) {
    super(message);
  }
}

const Q128 = 1n << 128n;
const DAY = 86_400;

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
  const { rpcUrl, price } = options;
  const plaza = getAddress(options.plaza);
  const stablecoin = getAddress(options.stablecoin);
  const onStep = options.onStep ?? (() => {});
  const datasetId = BigInt(options.shares.datasetId);
  const version = options.shares.version;

  const probe = createPublicClient({ transport: http(rpcUrl) });
  const chain: Chain = defineChain({
    id: await probe.getChainId(),
    name: 'plaza chain',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const client = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 });
  const anvil = (method: string, params: unknown[]) =>
    client.request({ method: method as never, params: params as never });
  const send = async (
    party: Party,
    what: string,
    call: { address: Address; abi: unknown; functionName: string; args: readonly unknown[] },
  ): Promise<TransactionReceipt> => {
    const wallet = createWalletClient({
      account: privateKeyToAccount(party.privateKey),
      chain,
      transport: http(rpcUrl),
    });
    let hash: Hex;
    try {
      hash = await wallet.writeContract(call as never);
    } catch (error) {
      throw new DaoLifecycleError(
        'DAO_TX_REVERTED',
        `${party.name} could not ${what}: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') {
      throw new DaoLifecycleError(
        'DAO_TX_REVERTED',
        `${party.name} could not ${what} (tx ${hash})`,
      );
    }
    return receipt;
  };
  const fund = (address: Address) => anvil('anvil_setBalance', [address, toHex(parseEther('1'))]);
  const read = <T>(functionName: string, args: readonly unknown[], address = plaza): Promise<T> =>
    client.readContract({
      address,
      abi: address === plaza ? plazaAbi : testUsdAbi,
      functionName,
      args,
    } as never) as Promise<T>;
  const balanceOf = (account: Address) => read<bigint>('balanceOf', [account], stablecoin);

  // The version on chain must be the one these shares describe, and open (its timelock over).
  const onChain = await read<{ sharesRoot: Hex; totalShares: bigint; activatesAt: number }>(
    'getVersion',
    [datasetId, version],
  );
  const now = async () => (await client.getBlock()).timestamp;
  // VersionStatus: 1 Pending (timelock running), 2 Active (open).
  if ((await read<number>('versionStatus', [datasetId, version])) === 1) {
    const wait = Number(BigInt(onChain.activatesAt) - (await now()));
    onStep('open-version', `the version's timelock runs: the chain's clock moves ${wait} s`);
    await advanceAnvilClockTo(rpcUrl, onChain.activatesAt);
  }
  const status = await read<number>('versionStatus', [datasetId, version]);
  if (status !== 2) {
    throw new DaoLifecycleError(
      'DAO_VERSION_NOT_ACTIVE',
      `Version ${version} of dataset ${datasetId} is not open on chain (status ${status}).`,
    );
  }
  const tree = await buildSharesTree({
    datasetId,
    version: BigInt(version),
    holders: options.shares.holders.map((h) => ({
      account: h.account as Address,
      amount: BigInt(h.amount),
    })),
  });
  if (tree.root !== onChain.sharesRoot || tree.totalShares !== onChain.totalShares) {
    throw new DaoLifecycleError(
      'DAO_SHARES_MISMATCH',
      `The shares given (root ${tree.root}, total ${tree.totalShares}) are not those of version ${version} ` +
        `on chain (root ${onChain.sharesRoot}, total ${onChain.totalShares}).`,
    );
  }
  const total = tree.totalShares;
  const dataset = await read<{ feeBps: number; maxLicenseDuration: number }>('getDataset', [
    datasetId,
  ]);
  // Each payment token has its own reserve; 0 means the dataset does not take the token.
  const reservePrice = await read<bigint>('reservePrice', [datasetId, stablecoin]);
  if (reservePrice === 0n) {
    throw new DaoLifecycleError(
      'DAO_TOKEN_NOT_ALLOWED',
      `Dataset ${datasetId} does not accept ${stablecoin} as payment.`,
    );
  }
  if (price < reservePrice) {
    throw new DaoLifecycleError(
      'DAO_PRICE_BELOW_RESERVE',
      `A price of ${price} is below the dataset's reserve price of ${reservePrice}.`,
    );
  }

  // Who holds what; parties matched to leaves by address.
  const byAddress = new Map(
    options.holders.map((p) => [privateKeyToAccount(p.privateKey).address.toLowerCase(), p]),
  );
  const holders = tree.leaves.map((leaf, index) => {
    const party = byAddress.get(leaf[3].toLowerCase());
    return { index, address: getAddress(leaf[3]), shares: leaf[4], party };
  });

  // 1. Every holder with a key claims their shares.
  const claimers = holders.filter((h) => h.party !== undefined);
  for (const [i, h] of claimers.entries()) {
    const party = h.party as Party;
    onStep(
      'claim-shares',
      `${party.name} claims ${percentOf(h.shares, tree.totalShares)} of the shares (${i + 1}/${claimers.length})`,
    );
    await fund(h.address);
    const already = await read<bigint>('sharesOf', [datasetId, version, h.address]);
    if (already === 0n) {
      await send(party, 'claim shares', {
        address: plaza,
        abi: plazaAbi,
        functionName: 'claimShares',
        args: [datasetId, version, h.index, h.address, h.shares, tree.getProof(h.index)],
      });
    }
    const claimed = await read<bigint>('sharesOf', [datasetId, version, h.address]);
    if (claimed !== h.shares) {
      throw new DaoLifecycleError(
        'DAO_SHARES_MISMATCH',
        `${party.name} holds ${claimed} shares on chain, not the ${h.shares} of shares.json.`,
      );
    }
  }

  // 2. The buyer gets stablecoin, writes and hashes terms, approves the escrow and proposes.
  const buyerAddress = options.buyerWallet
    ? getAddress(options.buyerWallet)
    : privateKeyToAccount(options.buyer.privateKey).address;
  /** A call as the buyer: straight from its key, or through its contract wallet. */
  const asBuyer = (
    what: string,
    call: { address: Address; abi: unknown; functionName: string; args: readonly unknown[] },
  ) =>
    send(
      options.buyer,
      what,
      options.buyerWallet
        ? {
            address: buyerAddress,
            abi: ownedWalletAbi,
            functionName: 'execute',
            args: [call.address, 0n, encodeFunctionData(call as never)],
          }
        : call,
    );
  onStep('fund-buyer', `${options.buyer.name} gets ${formatUnits6(price)} test stablecoin`);
  await fund(privateKeyToAccount(options.buyer.privateKey).address);
  await send(options.buyer, 'mint stablecoin', {
    address: stablecoin,
    abi: testUsdAbi,
    functionName: 'mint',
    args: [buyerAddress, price],
  });
  const duration = Math.min(options.durationSeconds ?? 30 * DAY, dataset.maxLicenseDuration);
  const terms = `${JSON.stringify(
    {
      license: 'plaza-license/1',
      datasetId: datasetId.toString(),
      version,
      licensee: buyerAddress,
      use: options.use ?? 'research use',
      price: price.toString(),
      token: stablecoin,
      durationSeconds: duration,
    },
    null,
    2,
  )}\n`;
  const termsHash = keccak256(new TextEncoder().encode(terms));
  onStep('write-terms', `terms written and hashed: ${termsHash.slice(0, 18)}…`);
  onStep('approve', `${options.buyer.name} approves ${formatUnits6(price)} for the escrow`);
  await asBuyer('approve the escrow', {
    address: stablecoin,
    abi: testUsdAbi,
    functionName: 'approve',
    args: [plaza, price],
  });
  const accBefore = await read<bigint>('revenuePerShare', [datasetId, version, stablecoin]);
  const releasedBefore = new Map<Address, bigint>();
  for (const h of holders) {
    releasedBefore.set(
      h.address,
      await read<bigint>('revenueReleased', [datasetId, version, stablecoin, h.address]),
    );
  }
  const buyerBefore = await balanceOf(buyerAddress);
  onStep('propose', `${options.buyer.name} proposes a license for ${formatUnits6(price)}`);
  const proposed = await asBuyer('propose a license', {
    address: plaza,
    abi: plazaAbi,
    functionName: 'proposeLicense',
    args: [datasetId, version, stablecoin, price, duration, termsHash],
  });
  const [event] = parseEventLogs({
    abi: plazaAbi,
    eventName: 'LicenseProposed',
    logs: proposed.logs,
  });
  if (!event) throw new DaoLifecycleError('DAO_TX_REVERTED', 'proposeLicense emitted no event');
  const { proposalId, voteStart } = event.args as { proposalId: bigint; voteStart: number };
  const escrow = buyerBefore - (await balanceOf(buyerAddress));
  const delay = Number(BigInt(voteStart) - (await now()));
  if (delay > 0) {
    onStep('open-vote', `the voting delay runs: the chain's clock moves ${delay} s`);
    await advanceAnvilClockTo(rpcUrl, voteStart);
  }

  // 3. Holders vote for, largest first, until a majority of all shares has (then it is decided).
  const voters = [...claimers].sort((a, b) =>
    b.shares > a.shares ? 1 : b.shares < a.shares ? -1 : 0,
  );
  const voted = new Set<Address>();
  let forVotes = 0n;
  for (const h of voters) {
    if (2n * forVotes > total) break;
    const party = h.party as Party;
    onStep('vote', `${party.name} votes for, with ${percentOf(h.shares, total)} of the shares`);
    await send(party, 'vote', {
      address: plaza,
      abi: plazaAbi,
      functionName: 'vote',
      args: [proposalId, true],
    });
    forVotes += h.shares;
    voted.add(h.address);
  }
  let decided: DaoLifecycleResult['decided'] = 'majority';
  if (2n * forVotes <= total) {
    decided = 'deadline';
    const proposal = await read<{ voteEnd: number }>('getProposal', [proposalId]);
    const wait = Number(BigInt(proposal.voteEnd) - (await now()));
    onStep('advance-time', `no majority yet: the chain's clock moves ${wait} s to the vote's end`);
    await advanceAnvilClockTo(rpcUrl, proposal.voteEnd);
  }

  // 4. Settle.
  onStep(
    'settle',
    `the license is settled (${decided === 'majority' ? 'majority for' : 'deadline'})`,
  );
  await send(options.buyer, 'settle the license', {
    address: plaza,
    abi: plazaAbi,
    functionName: 'settle',
    args: [proposalId],
  });
  const proposal = await read<{ status: number; expiresAt: number }>('getProposal', [proposalId]);
  const licensed = await read<boolean>('hasValidLicense', [buyerAddress, datasetId, version]);
  if (!licensed) {
    throw new DaoLifecycleError(
      'DAO_NOT_APPROVED',
      `Proposal ${proposalId} was not approved (status ${proposal.status}); the escrow was refunded.`,
    );
  }

  // What the attribution promises: the accumulator gains floor(revenue × 2^128 / total) (from at
  // least 1: proposing warms it), and each holder is owed floor(shares × acc / 2^128) less what
  // they were paid before.
  const fee = (escrow * BigInt(dataset.feeBps)) / 10_000n;
  const revenue = escrow - fee;
  const accAfter = (accBefore === 0n ? 1n : accBefore) + (revenue * Q128) / total;
  const accOnChain = await read<bigint>('revenuePerShare', [datasetId, version, stablecoin]);
  const expectedFor = (h: (typeof holders)[number]) =>
    (h.shares * accAfter) / Q128 - (releasedBefore.get(h.address) ?? 0n);

  // 5. Every holder with a key claims their revenue.
  const outcomes: HolderOutcome[] = [];
  for (const [i, h] of holders.entries()) {
    const expectedRevenue = expectedFor(h);
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
    const party = h.party;
    onStep('claim-revenue', `${party.name} claims revenue (${i + 1}/${holders.length})`);
    const before = await balanceOf(h.address);
    const claimable = await read<bigint>('claimableRevenue', [
      datasetId,
      version,
      stablecoin,
      h.address,
    ]);
    // claimRevenue reverts when nothing is owed.
    if (claimable > 0n) {
      await send(party, 'claim revenue', {
        address: plaza,
        abi: plazaAbi,
        functionName: 'claimRevenue',
        args: [datasetId, version, stablecoin],
      });
    }
    const received = (await balanceOf(h.address)) - before;
    outcomes.push({
      name: party.name,
      address: h.address,
      shares: h.shares,
      claimed: true,
      voted: voted.has(h.address),
      revenue: received,
      expectedRevenue,
      matches: received === expectedRevenue && accOnChain === accAfter,
    });
  }

  return {
    datasetId,
    version,
    stablecoin,
    buyer: buyerAddress,
    proposalId,
    terms,
    termsHash,
    price,
    fee,
    revenue,
    totalShares: total,
    decided,
    licenseExpiresAt: Number(proposal.expiresAt),
    holders: outcomes,
    ok: licensed && outcomes.every((o) => o.matches),
  };
}

/** `part` of `total` in percent, two decimals: `12.34%`. */
function percentOf(part: bigint, total: bigint): string {
  return `${(Number((part * 1_000_000n) / total) / 10_000).toFixed(2)}%`;
}

/** `1234567n` → `1.234567` (TestUSD has 6 decimals). */
export function formatUnits6(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const abs = amount < 0n ? -amount : amount;
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}
