import { plazaAbi } from '@plaza/contracts/abis/plaza';
import { testUsdAbi } from '@plaza/contracts/abis/test-usd';
import { proposalStatus } from '@plaza/contracts/enums';
import { downloadRequestTypes, plazaDomain } from '@plaza/protocol';
import {
  type Address,
  BaseError,
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  erc20Abi,
  type Hex,
  parseEventLogs,
} from 'viem';
import { describeTransactionError } from '../../lib/transaction-error.ts';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import { toWalletError, WalletError } from '../auth/wallet-errors.ts';
import type {
  ChainProposal,
  PlazaChain,
  PlazaWriteName,
  TokenInfo,
  TransactionResult,
} from './plaza-chain.ts';

/**
 * The Plaza ABI plus the ERC-20 errors (OpenZeppelin's `IERC20Errors`, from TestUSD's ABI): when
 * `proposeLicense` cannot pull the price, the token's error bubbles up and is named too.
 */
const abi = [...plazaAbi, ...testUsdAbi.filter((item) => item.type === 'error')];

/** What each write is, in the words of "You declined the request to …". */
const STEPS: Record<PlazaWriteName, string> = {
  claimShares: 'claim your shares',
  vote: 'vote',
  voteWithProof: 'claim your shares and vote',
  settle: 'settle the proposal',
  claimRevenue: 'claim your revenue',
  proposeLicense: 'propose the license',
  proposeSweepTo: 'propose a sweep destination',
};

const STATUS_NAMES = {
  [proposalStatus.open]: 'open',
  [proposalStatus.approved]: 'approved',
  [proposalStatus.refunded]: 'refunded',
  [proposalStatus.rejected]: 'rejected',
} as const;

/** What {@link createPlazaChain} needs. */
export interface CreatePlazaChainParams {
  provider: EthereumProvider;
  /** The connected account (checksummed). */
  account: Address;
  /** The coordinator's chain; writes refuse to go anywhere else. */
  chainId: number;
  plaza: Address;
  /** How often receipts are polled. @default 1000 */
  pollingIntervalMs?: number;
}

/** A {@link PlazaChain} over viem clients on the injected wallet's transport. */
export function createPlazaChain(params: CreatePlazaChainParams): PlazaChain {
  const { account, chainId, plaza } = params;
  const chain = defineChain({
    id: chainId,
    name: `Plaza chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    // Every request goes through the wallet; the app knows no RPC URL of its own.
    rpcUrls: { default: { http: [] } },
  });
  const transport = custom(params.provider);
  const pollingInterval = params.pollingIntervalMs ?? 1000;
  const publicClient = createPublicClient({ chain, transport, pollingInterval });
  const walletClient = createWalletClient({ account, chain, transport, pollingInterval });
  const tokens = new Map<string, Promise<TokenInfo>>();

  async function read<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (cause) {
      const detail = cause instanceof BaseError ? cause.shortMessage : String(cause);
      throw new WalletError(
        'CHAIN_READ_FAILED',
        `Could not read ${what} from the chain: ${detail}`,
        {
          cause,
        },
      );
    }
  }

  const readPlaza = (what: string, functionName: string, args: readonly unknown[]) =>
    read(what, () =>
      // The public signatures of PlazaChain carry the types; viem's inference over a name held in a
      // variable would only widen them.
      publicClient.readContract({ address: plaza, abi: plazaAbi, functionName, args } as never),
    ) as Promise<unknown>;

  async function send(
    step: string,
    submit: () => Promise<Hex>,
    onSent?: (hash: Hex) => void,
  ): Promise<TransactionResult> {
    let hash: Hex;
    try {
      hash = await submit();
    } catch (cause) {
      const { code, message } = describeTransactionError(cause, step);
      throw new WalletError(code, message, { cause });
    }
    onSent?.(hash);
    let receipt: Awaited<ReturnType<typeof publicClient.waitForTransactionReceipt>>;
    try {
      receipt = await publicClient.waitForTransactionReceipt({ hash });
    } catch (cause) {
      const { code, message } = describeTransactionError(cause, `confirm transaction ${hash}`);
      throw new WalletError(code, message, { cause });
    }
    if (receipt.status !== 'success') {
      throw new WalletError('TX_REVERTED', `Transaction ${hash} was reverted on chain.`);
    }
    const plazaLogs = receipt.logs.filter(
      (log) => log.address.toLowerCase() === plaza.toLowerCase(),
    );
    const events = parseEventLogs({ abi: plazaAbi, logs: plazaLogs, strict: false }).map((log) => ({
      eventName: log.eventName,
      args: (log.args ?? {}) as Record<string, unknown>,
    }));
    return { hash, blockNumber: receipt.blockNumber, events };
  }

  function tokenInfo(token: Address): Promise<TokenInfo> {
    const key = token.toLowerCase();
    let info = tokens.get(key);
    if (!info) {
      info = read(`token ${token}`, async () => {
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
    account,
    chainId,
    plaza,

    async now() {
      const block = await read('the latest block', () =>
        publicClient.getBlock({ blockTag: 'latest' }),
      );
      return Math.max(Number(block.timestamp), Math.floor(Date.now() / 1000));
    },

    sharesOf: async (datasetId, version, holder) =>
      (await readPlaza('your shares', 'sharesOf', [datasetId, version, holder])) as bigint,

    async getProposal(proposalId) {
      const p = (await readPlaza(`proposal ${proposalId}`, 'getProposal', [proposalId])) as {
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
      };
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
      } satisfies ChainProposal;
    },

    hasVoted: async (proposalId, voter) =>
      (await readPlaza('your vote', 'hasVoted', [proposalId, voter])) as boolean,

    reservePrice: async (datasetId, token) =>
      (await readPlaza('the reserve price', 'reservePrice', [datasetId, token])) as bigint,

    paymentTokens: async (datasetId) =>
      (await readPlaza('the payment tokens', 'getPaymentTokens', [datasetId])) as Address[],

    tokenInfo,

    async tokenAccount(token, owner) {
      const [info, balance, allowance] = await Promise.all([
        tokenInfo(token),
        read(`your balance of ${token}`, () =>
          publicClient.readContract({
            address: token,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [owner],
          }),
        ),
        read(`your allowance of ${token}`, () =>
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

    claimableRevenue: async (datasetId, version, token, holder) =>
      (await readPlaza('your revenue', 'claimableRevenue', [
        datasetId,
        version,
        token,
        holder,
      ])) as bigint,

    licenseExpiry: async (buyer, datasetId, version) =>
      Number(await readPlaza('your license', 'licenseExpiry', [buyer, datasetId, version])),

    write(functionName, args, onSent) {
      return send(
        STEPS[functionName],
        async () => {
          // Simulate first: a revert comes back with its data, which viem decodes by error name.
          const { request } = await publicClient.simulateContract({
            address: plaza,
            abi,
            functionName,
            args,
            account,
          } as never);
          return walletClient.writeContract(request as never);
        },
        onSent,
      );
    },

    approve(token, amount, onSent) {
      return send(
        'approve the token',
        async () => {
          const { request } = await publicClient.simulateContract({
            address: token,
            abi: erc20Abi,
            functionName: 'approve',
            args: [plaza, amount],
            account,
          });
          return walletClient.writeContract(request);
        },
        onSent,
      );
    },

    async signDownloadRequest(message) {
      try {
        return await walletClient.signTypedData({
          account,
          domain: plazaDomain({ chainId: message.chainId, coordinator: message.coordinator }),
          types: downloadRequestTypes,
          primaryType: 'DownloadRequest',
          message: {
            buyer: account,
            datasetId: message.datasetId,
            version: message.version,
            issuedAt: BigInt(message.issuedAt),
          },
        });
      } catch (cause) {
        throw toWalletError(cause, 'sign the download request');
      }
    },
  };
}
