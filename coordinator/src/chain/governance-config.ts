import {
  type GovernanceParams,
  localDevChainId,
  localDevGovernance,
  localDevReserve,
  productionFloors,
  productionGovernance,
  productionReserve,
} from '@plaza/contracts';
import type { Address } from 'viem';
import { z } from 'zod';

const DAY = 86_400;
const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'expected an address')
  .transform((value) => value as Address);

/**
 * The environment variables of the chain's roles and of the parameters datasets are registered
 * with. Every dataset parameter defaults to `productionGovernance` (from `@plaza/contracts`), or to
 * `localDevGovernance` on a local development chain (`PLAZA_CHAIN=anvil` or chain id 31337).
 */
export const governanceConfigShape = {
  /** Plaza's guardian when the coordinator deploys it (never the publisher's key); anvil's account 1 on a local chain. */
  PLAZA_GUARDIAN_ADDRESS: addressSchema.optional(),
  /** Seconds between a license proposal and the opening of its vote. @default 172800 (60 on a local chain) */
  PLAZA_DATASET_VOTING_DELAY_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * DAY)
    .optional(),
  /** Seconds a vote stays open. @default 604800 (3600 on a local chain) */
  PLAZA_DATASET_VOTING_PERIOD_SECONDS: z.coerce
    .number()
    .int()
    .min(3600)
    .max(90 * DAY)
    .optional(),
  /** Participation needed at the deadline, in basis points of all shares. @default 4000 */
  PLAZA_DATASET_QUORUM_BPS: z.coerce.number().int().min(1).max(10_000).optional(),
  /** Seconds a published version can be revoked before claims and votes open. @default 259200 (60 on a local chain) */
  PLAZA_DATASET_ROOT_TIMELOCK_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * DAY)
    .optional(),
  /** Days holders have to claim a version's shares before unclaimed revenue is swept. @default 365 */
  PLAZA_DATASET_CLAIM_PERIOD_DAYS: z.coerce.number().int().min(30).max(3650).optional(),
  /** Longest license, in seconds. @default 7776000 (90 days) */
  PLAZA_DATASET_MAX_LICENSE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 365 * DAY)
    .optional(),
  /** Lowest license price, in the payment token's smallest units. @default 100000000 (100 USD; 10 on a local chain) */
  PLAZA_DATASET_RESERVE_PRICE: z
    .string()
    .regex(/^[1-9]\d{0,28}$/, 'expected a positive integer of at most 29 digits')
    .transform((value) => BigInt(value))
    .optional(),
  /** Where unclaimed shares' revenue goes until a version's holders vote otherwise. @default the publisher */
  PLAZA_DATASET_SWEEP_TO: addressSchema.optional(),
};

type GovernanceConfig = {
  PLAZA_CHAIN: 'anvil' | 'rpc' | 'off';
  PLAZA_CHAIN_ID: number;
} & { [K in keyof typeof governanceConfigShape]?: z.output<(typeof governanceConfigShape)[K]> };

/** The parameters a campaign's dataset is registered with (the contract's `DatasetParams`, less the publisher and the fee). */
export interface DatasetDefaults extends GovernanceParams {
  paymentTokens: { token: Address; reservePrice: bigint }[];
  /** Where unclaimed revenue goes until holders vote otherwise; the publisher when unset. */
  sweepTo?: Address;
}

/** A local development chain: the coordinator's own anvil, or anvil's chain id. */
export function isLocalDevChain(config: Pick<GovernanceConfig, 'PLAZA_CHAIN' | 'PLAZA_CHAIN_ID'>) {
  return config.PLAZA_CHAIN === 'anvil' || config.PLAZA_CHAIN_ID === localDevChainId;
}

/** The vote and safety-net parameters: the configured ones over the chain's defaults. */
export function governanceOf(config: GovernanceConfig): GovernanceParams {
  const base = isLocalDevChain(config) ? localDevGovernance : productionGovernance;
  return {
    votingDelay: config.PLAZA_DATASET_VOTING_DELAY_SECONDS ?? base.votingDelay,
    votingPeriod: config.PLAZA_DATASET_VOTING_PERIOD_SECONDS ?? base.votingPeriod,
    quorumBps: config.PLAZA_DATASET_QUORUM_BPS ?? base.quorumBps,
    rootTimelock: config.PLAZA_DATASET_ROOT_TIMELOCK_SECONDS ?? base.rootTimelock,
    claimPeriodDays: config.PLAZA_DATASET_CLAIM_PERIOD_DAYS ?? base.claimPeriodDays,
    maxLicenseDuration: config.PLAZA_DATASET_MAX_LICENSE_SECONDS ?? base.maxLicenseDuration,
  };
}

/**
 * What is unsafe in the configured parameters: outside a local development chain, a timelock, a
 * voting delay or a voting period under `productionFloors` is refused at start.
 */
export function governanceProblems(config: GovernanceConfig): string[] {
  if (config.PLAZA_CHAIN === 'off' || isLocalDevChain(config)) return [];
  const g = governanceOf(config);
  const floors: [keyof typeof productionFloors, string][] = [
    ['rootTimelock', 'PLAZA_DATASET_ROOT_TIMELOCK_SECONDS'],
    ['votingDelay', 'PLAZA_DATASET_VOTING_DELAY_SECONDS'],
    ['votingPeriod', 'PLAZA_DATASET_VOTING_PERIOD_SECONDS'],
  ];
  return floors
    .filter(([name]) => g[name] < productionFloors[name])
    .map(
      ([name, variable]) =>
        `${variable}: ${g[name]} s is below ${productionFloors[name]} s, refused outside a local development chain`,
    );
}

/** The parameters a campaign's dataset is registered with on this chain, paid in `paymentToken`. */
export function datasetDefaultsFor(
  config: GovernanceConfig,
  paymentToken: Address,
): DatasetDefaults {
  const reservePrice =
    config.PLAZA_DATASET_RESERVE_PRICE ??
    (isLocalDevChain(config) ? localDevReserve : productionReserve);
  return {
    ...governanceOf(config),
    paymentTokens: [{ token: paymentToken, reservePrice }],
    ...(config.PLAZA_DATASET_SWEEP_TO ? { sweepTo: config.PLAZA_DATASET_SWEEP_TO } : {}),
  };
}
