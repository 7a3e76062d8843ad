import type { plazaAbi } from '@plaza/contracts/abis/plaza';
import type { Address, ContractFunctionArgs, Hex } from 'viem';
import type { ProposalTally } from '../../lib/proposal-state.ts';

/** The Plaza functions the web app sends. */
export type PlazaWriteName =
  | 'claimShares'
  | 'vote'
  | 'voteWithProof'
  | 'settle'
  | 'claimRevenue'
  | 'proposeLicense'
  | 'proposeSweepTo';

/** The arguments of a Plaza function, typed from the ABI (uint ≤ 48 bits are numbers). */
export type PlazaWriteArgs<F extends PlazaWriteName> = ContractFunctionArgs<
  typeof plazaAbi,
  'nonpayable',
  F
>;

/** A decoded event of a confirmed transaction. */
export interface TransactionEvent {
  eventName: string;
  args: Record<string, unknown>;
}

/** A confirmed transaction. */
export interface TransactionResult {
  hash: Hex;
  blockNumber: bigint;
  /** The Plaza events it emitted. */
  events: TransactionEvent[];
}

/**
 * A proposal as stored on chain (`getProposal`): a license, or (duration 0) a holder's choice of
 * sweep destination, which `token` then holds.
 */
export interface ChainProposal extends ProposalTally {
  proposalId: bigint;
  kind: 'license' | 'sweep';
  datasetId: bigint;
  version: number;
  buyer: Address;
  token: Address;
  escrow: bigint;
  duration: number;
  /** Zero until approved. */
  expiresAt: number;
  termsHash: Hex;
}

/** An ERC-20 payment token. */
export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
}

/** A token and where an account stands with it. */
export interface TokenAccount extends TokenInfo {
  balance: bigint;
  /** What the Plaza contract may pull from the account. */
  allowance: bigint;
}

/** The message of an EIP-712 `DownloadRequest` (the domain is the coordinator's). */
export interface DownloadRequestMessage {
  /** The coordinator's signing address and chain, from `GET /v1/coordinator`. */
  coordinator: Address;
  chainId: number;
  datasetId: bigint;
  version: number;
  issuedAt: number;
}

/**
 * The Plaza contract through the browser wallet, for one connected account on the coordinator's
 * chain. Reads go through the wallet's `eth_call`; each write is simulated first (so a revert is
 * named by its custom error), sent, and awaited until confirmed. Failures throw a `WalletError`
 * whose `code` is the contract error's name (`PlazaAlreadyVoted` …), `WALLET_REJECTED`,
 * `WRONG_CHAIN`, `TX_REVERTED` or `WALLET_FAILED`.
 */
export interface PlazaChain {
  account: Address;
  chainId: number;
  plaza: Address;
  /** The chain's time: the latest block's, or the wall clock when that is later (unix seconds). */
  now(): Promise<number>;
  sharesOf(datasetId: bigint, version: number, account: Address): Promise<bigint>;
  /** Null for an unknown id. */
  getProposal(proposalId: bigint): Promise<ChainProposal | null>;
  hasVoted(proposalId: bigint, account: Address): Promise<boolean>;
  paymentTokens(datasetId: bigint): Promise<readonly Address[]>;
  /** A payment token's reserve price for new proposals, in its smallest unit (0: not allowed). */
  reservePrice(datasetId: bigint, token: Address): Promise<bigint>;
  tokenInfo(token: Address): Promise<TokenInfo>;
  tokenAccount(token: Address, owner: Address): Promise<TokenAccount>;
  claimableRevenue(
    datasetId: bigint,
    version: number,
    token: Address,
    account: Address,
  ): Promise<bigint>;
  /** The latest expiry of the buyer's approved licenses to the version (0: never licensed). */
  licenseExpiry(buyer: Address, datasetId: bigint, version: number): Promise<number>;
  /** Sends a Plaza transaction; `onSent` gets its hash as soon as the wallet sent it. */
  write<F extends PlazaWriteName>(
    functionName: F,
    args: PlazaWriteArgs<F>,
    onSent?: (hash: Hex) => void,
  ): Promise<TransactionResult>;
  /** Lets the Plaza contract pull `amount` of `token` (ERC-20 `approve`). */
  approve(token: Address, amount: bigint, onSent?: (hash: Hex) => void): Promise<TransactionResult>;
  /** Signs a download request with the connected account. */
  signDownloadRequest(message: DownloadRequestMessage): Promise<Hex>;
}
