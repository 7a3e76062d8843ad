/**
 * The types of `runDaoLifecycle` (dao-lifecycle.ts): what it takes, what it returns, and the error it throws.
 */
import type { Address, Hex } from 'viem';

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

/** A step of `runDaoLifecycle`, in the order they happen. */
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

/** Options of `runDaoLifecycle`. */
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

/** What `runDaoLifecycle` did. */
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
