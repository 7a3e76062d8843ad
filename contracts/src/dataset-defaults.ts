/**
 * The vote and safety-net parameters a dataset is registered with (the contract's `DatasetParams`
 * without the publisher, the fee, the sweep destination and the payment tokens). Seconds unless named
 * otherwise.
 */
export interface GovernanceParams {
  /** Between a license proposal and the start of its vote: time for holders to notice it. */
  votingDelay: number;
  /** How long a vote stays open once started. */
  votingPeriod: number;
  /** Participation (for + against) needed at the deadline, in basis points of all shares. */
  quorumBps: number;
  /** Between a version's proposal and the opening of its claims and votes; the guardian can revoke it meanwhile. */
  rootTimelock: number;
  /** Days holders have to claim a version's shares; afterwards unclaimed shares' revenue is swept. */
  claimPeriodDays: number;
  /** Longest license a buyer may ask for (licenses stack, so a buyer renews). */
  maxLicenseDuration: number;
}

const DAY = 86_400;

/**
 * Defaults a real DAO would accept, for any chain but a local development one: a version can be
 * revoked for 3 days before anything happens with it; a license proposal waits 2 days before its vote
 * opens and the vote runs 7 days; at the deadline a license needs 40 % of all shares to have voted
 * (and more for than against; more than half of all shares decides at once); holders have a year to
 * claim their shares; licenses last at most 90 days. Together with a reserve of 100 stablecoin units
 * ({@link productionReserve}), a minority holder cannot license the data cheaply while nobody looks.
 */
export const productionGovernance: Readonly<GovernanceParams> = Object.freeze({
  votingDelay: 2 * DAY,
  votingPeriod: 7 * DAY,
  quorumBps: 4_000,
  rootTimelock: 3 * DAY,
  claimPeriodDays: 365,
  maxLicenseDuration: 90 * DAY,
});

/**
 * Short waits for a local development chain (chain id 31337, anvil), where a person clicks through
 * the flow: claims and votes open a minute after publication and a proposal's vote a minute after it
 * is made. The thresholds stay those of production. Tests use longer values and move anvil's clock
 * (`evm_increaseTime`) instead of waiting.
 */
export const localDevGovernance: Readonly<GovernanceParams> = Object.freeze({
  ...productionGovernance,
  votingDelay: 60,
  votingPeriod: 3_600,
  rootTimelock: 60,
});

/**
 * The least a dataset on a real chain should use (the coordinator refuses less outside a local
 * development chain): a day to revoke a bad version, an hour before a vote opens, a day to vote.
 */
export const productionFloors: Readonly<
  Pick<GovernanceParams, 'rootTimelock' | 'votingDelay' | 'votingPeriod'>
> = Object.freeze({ rootTimelock: DAY, votingDelay: 3_600, votingPeriod: DAY });

/** The default reserve of a 6-decimal stablecoin in production: 100 units (100 USD). */
export const productionReserve = 100n * 10n ** 6n;

/** The default reserve of the local chain's TestUSD (6 decimals): 10 TestUSD. */
export const localDevReserve = 10n * 10n ** 6n;

/** The chain id of a local development chain (anvil's and Hardhat's default). */
export const localDevChainId = 31_337;
