import { plazaAbi } from '@plaza/contracts/abis/plaza';
import { proposalStatus } from '@plaza/contracts/enums';
import { type Address, erc20Abi, type Hex } from 'viem';
import type { ChainProposal, PlazaChain, TokenInfo } from './plaza-chain.ts';
import { type PlazaChainClients, readChain } from './plaza-chain-clients.ts';

const STATUS_NAMES = {
  [proposalStatus.open]: 'open',
  [proposalStatus.approved]: 'approved',
  [proposalStatus.refunded]: 'refunded',
  [proposalStatus.rejected]: 'rejected',
} as const;

/** A proposal as `Plaza.getProposal` returns it. */
interface RawProposal {
  forVotes: bigint;
  againstVotes: bigint;
  voteEnd: number;
  votingPeriod: number;
  status: number;
  quorumBps: number;
  totalShares: bigint;
  datasetId: bigint;
  version: number;
  buyer: Address;
  duration: number;
  expiresAt: number;
  token: Address;
  escrow: bigint;
  termsHash: Hex;
}

/** A raw proposal in the app's words, or null for a status the app does not know (none). */
export function toChainProposal(proposalId: bigint, p: RawProposal): ChainProposal | null {
  const status = STATUS_NAMES[p.status as keyof typeof STATUS_NAMES];
  if (!status) return null;
  return {
    proposalId,
    status,
    forVotes: p.forVotes,
    againstVotes: p.againstVotes,
    totalShares: p.totalShares,
    quorumBps: p.quorumBps,
    voteStart: p.voteEnd - p.votingPeriod,
    voteEnd: p.voteEnd,
    kind: p.duration === 0 ? 'sweep' : 'license',
    datasetId: p.datasetId,
    version: p.version,
    buyer: p.buyer,
    token: p.token,
    escrow: p.escrow,
    duration: p.duration,
    expiresAt: p.expiresAt,
    termsHash: p.termsHash,
  };
}

/** The reads of the Plaza contract and of the chain's clock. */
export function createPlazaReads(
  clients: PlazaChainClients,
): Pick<
  PlazaChain,
  | 'now'
  | 'sharesOf'
  | 'getProposal'
  | 'hasVoted'
  | 'reservePrice'
  | 'paymentTokens'
  | 'claimableRevenue'
  | 'licenseExpiry'
> {
  const { publicClient, plaza } = clients;
  const readPlaza = (what: string, functionName: string, args: readonly unknown[]) =>
    readChain(what, () =>
      // The public signatures of PlazaChain carry the types; viem's inference over a name held in a
      // variable would only widen them.
      publicClient.readContract({ address: plaza, abi: plazaAbi, functionName, args } as never),
    ) as Promise<unknown>;

  return {
    async now() {
      const block = await readChain('the latest block', () =>
        publicClient.getBlock({ blockTag: 'latest' }),
      );
      return Math.max(Number(block.timestamp), Math.floor(Date.now() / 1000));
    },
    sharesOf: async (datasetId, version, holder) =>
      (await readPlaza('your shares', 'sharesOf', [datasetId, version, holder])) as bigint,
    getProposal: async (proposalId) =>
      toChainProposal(
        proposalId,
        (await readPlaza(`proposal ${proposalId}`, 'getProposal', [proposalId])) as RawProposal,
      ),
    hasVoted: async (proposalId, voter) =>
      (await readPlaza('your vote', 'hasVoted', [proposalId, voter])) as boolean,
    reservePrice: async (datasetId, token) =>
      (await readPlaza('the reserve price', 'reservePrice', [datasetId, token])) as bigint,
    paymentTokens: async (datasetId) =>
      (await readPlaza('the payment tokens', 'getPaymentTokens', [datasetId])) as Address[],
    claimableRevenue: async (datasetId, version, token, holder) =>
      (await readPlaza('your revenue', 'claimableRevenue', [
        datasetId,
        version,
        token,
        holder,
      ])) as bigint,
    licenseExpiry: async (buyer, datasetId, version) =>
      Number(await readPlaza('your license', 'licenseExpiry', [buyer, datasetId, version])),
  };
}

/** The ERC-20 reads: a token's symbol and decimals (cached), an owner's balance and allowance. */
export function createTokenReads(
  clients: PlazaChainClients,
): Pick<PlazaChain, 'tokenInfo' | 'tokenAccount'> {
  const { publicClient, plaza } = clients;
  const tokens = new Map<string, Promise<TokenInfo>>();

  function tokenInfo(token: Address): Promise<TokenInfo> {
    const key = token.toLowerCase();
    let info = tokens.get(key);
    if (!info) {
      info = readChain(`token ${token}`, async () => {
        const [symbol, decimals] = await Promise.all([
          publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }),
          publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
        ]);
        return { address: token, symbol, decimals };
      });
      // A failed read is asked again next time; symbol and decimals never change once read.
      info.catch(() => tokens.delete(key));
      tokens.set(key, info);
    }
    return info;
  }

  return {
    tokenInfo,
    async tokenAccount(token, owner) {
      const [info, balance, allowance] = await Promise.all([
        tokenInfo(token),
        readChain(`your balance of ${token}`, () =>
          publicClient.readContract({
            address: token,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [owner],
          }),
        ),
        readChain(`your allowance of ${token}`, () =>
          publicClient.readContract({
            address: token,
            abi: erc20Abi,
            functionName: 'allowance',
            args: [owner, plaza],
          }),
        ),
      ]);
      return { ...info, balance, allowance };
    },
  };
}
