/**
 * The buyer's and the voters' steps of `runDaoLifecycle` (dao-lifecycle.ts): the buyer gets test
 * stablecoin, writes and hashes license terms, approves the escrow and proposes; the clock moves past
 * the voting delay; holders vote for, largest first, until a majority of all shares has (or the
 * deadline is passed); the license is settled.
 */
import { advanceAnvilClockTo, plazaAbi, testUsdAbi } from '@plaza/contracts';
import { ownedWalletAbi } from '@plaza/contracts/mocks/owned-wallet';
import {
  type Address,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  parseEventLogs,
  type TransactionReceipt,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type ContractCall, type DaoChain, formatUnits6, percentOf } from './dao-chain.ts';
import {
  DaoLifecycleError,
  type DaoLifecycleOptions,
  type DaoLifecycleResult,
  type DaoStep,
  type Party,
} from './dao-lifecycle-types.ts';

const DAY = 86_400;

/** The licensee: the buyer's key, or the contract wallet it owns, and how to call as it. */
export interface Buyer {
  party: Party;
  /** The licensee's address (the contract wallet when there is one). */
  address: Address;
  /** Sends `call` as the licensee: from the key, or through the wallet's `execute`. */
  call(what: string, call: ContractCall): Promise<TransactionReceipt>;
}

/** A holder who claims and votes. */
export interface Voter {
  address: Address;
  shares: bigint;
  party: Party;
}

/** The buyer of `options`: straight from its key, or through its contract wallet. */
export function describeBuyer(chain: DaoChain, options: DaoLifecycleOptions): Buyer {
  const address = options.buyerWallet
    ? getAddress(options.buyerWallet)
    : privateKeyToAccount(options.buyer.privateKey).address;
  return {
    party: options.buyer,
    address,
    call: (what, call) =>
      chain.send(
        options.buyer,
        what,
        options.buyerWallet
          ? {
              address,
              abi: ownedWalletAbi,
              functionName: 'execute',
              args: [call.address, 0n, encodeFunctionData(call as never)],
            }
          : call,
      ),
  };
}

/** Gives the buyer's key gas and mints `price` test stablecoin to the licensee. */
export async function fundBuyer(
  chain: DaoChain,
  buyer: Buyer,
  price: bigint,
  onStep: (step: DaoStep, detail: string) => void,
): Promise<void> {
  onStep('fund-buyer', `${buyer.party.name} gets ${formatUnits6(price)} test stablecoin`);
  await chain.fund(privateKeyToAccount(buyer.party.privateKey).address);
  await chain.send(buyer.party, 'mint stablecoin', {
    address: chain.stablecoin,
    abi: testUsdAbi,
    functionName: 'mint',
    args: [buyer.address, price],
  });
}

/** The license terms the buyer writes (JSON, pretty-printed, newline-terminated) and their hash. */
export function writeLicenseTerms(params: {
  datasetId: bigint;
  version: number;
  licensee: Address;
  use: string;
  price: bigint;
  token: Address;
  durationSeconds: number;
}): { terms: string; termsHash: Hex } {
  const { datasetId, version, licensee, use, price, token, durationSeconds } = params;
  const terms = `${JSON.stringify(
    {
      license: 'plaza-license/1',
      datasetId: datasetId.toString(),
      version,
      licensee,
      use,
      price: price.toString(),
      token,
      durationSeconds,
    },
    null,
    2,
  )}\n`;
  return { terms, termsHash: keccak256(new TextEncoder().encode(terms)) };
}

/** The license duration: the one asked for (30 days by default), capped at the dataset's maximum. */
export function licenseDuration(asked: number | undefined, maxLicenseDuration: number): number {
  return Math.min(asked ?? 30 * DAY, maxLicenseDuration);
}

/** Approves the escrow for `price`. */
export async function approveEscrow(
  chain: DaoChain,
  buyer: Buyer,
  price: bigint,
  onStep: (step: DaoStep, detail: string) => void,
): Promise<void> {
  onStep('approve', `${buyer.party.name} approves ${formatUnits6(price)} for the escrow`);
  await buyer.call('approve the escrow', {
    address: chain.stablecoin,
    abi: testUsdAbi,
    functionName: 'approve',
    args: [chain.plaza, price],
  });
}

/** Proposes the license; returns the proposal, its vote start and what left the buyer's balance. */
export async function proposeLicense(
  chain: DaoChain,
  buyer: Buyer,
  proposal: {
    datasetId: bigint;
    version: number;
    price: bigint;
    duration: number;
    termsHash: Hex;
  },
  onStep: (step: DaoStep, detail: string) => void,
): Promise<{ proposalId: bigint; voteStart: number; escrow: bigint }> {
  const { datasetId, version, price, duration, termsHash } = proposal;
  const buyerBefore = await chain.balanceOf(buyer.address);
  onStep('propose', `${buyer.party.name} proposes a license for ${formatUnits6(price)}`);
  const proposed = await buyer.call('propose a license', {
    address: chain.plaza,
    abi: plazaAbi,
    functionName: 'proposeLicense',
    args: [datasetId, version, chain.stablecoin, price, duration, termsHash],
  });
  const [event] = parseEventLogs({
    abi: plazaAbi,
    eventName: 'LicenseProposed',
    logs: proposed.logs,
  });
  if (!event) throw new DaoLifecycleError('DAO_TX_REVERTED', 'proposeLicense emitted no event');
  const { proposalId, voteStart } = event.args as { proposalId: bigint; voteStart: number };
  const escrow = buyerBefore - (await chain.balanceOf(buyer.address));
  return { proposalId, voteStart, escrow };
}

/** Moves the chain's clock to `voteStart` when the voting delay still runs. */
export async function openVote(
  chain: DaoChain,
  voteStart: number,
  onStep: (step: DaoStep, detail: string) => void,
): Promise<void> {
  const delay = Number(BigInt(voteStart) - (await chain.now()));
  if (delay > 0) {
    onStep('open-vote', `the voting delay runs: the chain's clock moves ${delay} s`);
    await advanceAnvilClockTo(chain.rpcUrl, voteStart);
  }
}

/**
 * Holders vote for, largest first, until a majority of all shares has; without a majority the
 * clock moves to the vote's end. Returns who voted and how the vote was decided.
 */
export async function voteUntilDecided(
  chain: DaoChain,
  proposalId: bigint,
  voters: readonly Voter[],
  total: bigint,
  onStep: (step: DaoStep, detail: string) => void,
): Promise<{ voted: Set<Address>; decided: DaoLifecycleResult['decided'] }> {
  const largestFirst = [...voters].sort((a, b) =>
    b.shares > a.shares ? 1 : b.shares < a.shares ? -1 : 0,
  );
  const voted = new Set<Address>();
  let forVotes = 0n;
  for (const h of largestFirst) {
    if (2n * forVotes > total) break;
    onStep('vote', `${h.party.name} votes for, with ${percentOf(h.shares, total)} of the shares`);
    await chain.send(h.party, 'vote', {
      address: chain.plaza,
      abi: plazaAbi,
      functionName: 'vote',
      args: [proposalId, true],
    });
    forVotes += h.shares;
    voted.add(h.address);
  }
  if (2n * forVotes > total) return { voted, decided: 'majority' };
  const proposal = await chain.read<{ voteEnd: number }>('getProposal', [proposalId]);
  const wait = Number(BigInt(proposal.voteEnd) - (await chain.now()));
  onStep('advance-time', `no majority yet: the chain's clock moves ${wait} s to the vote's end`);
  await advanceAnvilClockTo(chain.rpcUrl, proposal.voteEnd);
  return { voted, decided: 'deadline' };
}

/**
 * Settles the proposal; returns when the license ends. Throws `DAO_NOT_APPROVED` when the buyer
 * holds no valid license afterwards (the escrow was refunded).
 */
export async function settleLicense(
  chain: DaoChain,
  buyer: Buyer,
  license: { proposalId: bigint; datasetId: bigint; version: number },
  decided: DaoLifecycleResult['decided'],
  onStep: (step: DaoStep, detail: string) => void,
): Promise<{ expiresAt: number }> {
  const { proposalId, datasetId, version } = license;
  onStep(
    'settle',
    `the license is settled (${decided === 'majority' ? 'majority for' : 'deadline'})`,
  );
  await chain.send(buyer.party, 'settle the license', {
    address: chain.plaza,
    abi: plazaAbi,
    functionName: 'settle',
    args: [proposalId],
  });
  const proposal = await chain.read<{ status: number; expiresAt: number }>('getProposal', [
    proposalId,
  ]);
  const licensed = await chain.read<boolean>('hasValidLicense', [
    buyer.address,
    datasetId,
    version,
  ]);
  if (!licensed) {
    throw new DaoLifecycleError(
      'DAO_NOT_APPROVED',
      `Proposal ${proposalId} was not approved (status ${proposal.status}); the escrow was refunded.`,
    );
  }
  return { expiresAt: proposal.expiresAt };
}
