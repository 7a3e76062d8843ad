import type {
  ChainEvent,
  ChainEventName,
  ChainEventOf,
  Manifest,
  ShareProof,
} from '../lib/governance-schemas.ts';

import { BUYER, HOLDER, hash, PUBLISHER, TOTAL_SHARES, TUSD } from './governance-constants.ts';

export { fakeGovernanceApi, fakePlazaChain } from './fake-governance.ts';
export {
  BUYER,
  HOLDER,
  HOLDER_2,
  HOLDER_3,
  PLAZA,
  PUBLISHER,
  TOTAL_SHARES,
  TUSD,
} from './governance-constants.ts';

let position = 0;

/** An event as `api.events` returns it (arguments parsed), at the next position on the chain. */
export function chainEvent<N extends ChainEventName>(
  name: N,
  args: ChainEventOf<N>['args'],
  blockNumber?: number,
): ChainEvent {
  position += 1;
  return {
    name,
    args,
    blockNumber: blockNumber ?? 100 + position,
    txHash: hash(position),
    logIndex: 0,
  } as ChainEvent;
}

/**
 * A dataset's registration: a day's voting delay, 3-day votes, 20 % quorum, a 1 TUSD reserve,
 * licenses up to a year, a year to claim, unclaimed revenue to the publisher.
 */
export function registeredEvent(datasetId = 1n): ChainEvent {
  return chainEvent('DatasetRegistered', {
    datasetId,
    publisher: PUBLISHER,
    params: {
      votingDelay: 86_400,
      votingPeriod: 3 * 86_400,
      quorumBps: 2000,
      rootTimelock: 3600,
      claimPeriodDays: 365,
      maxLicenseDuration: 365 * 86_400,
      feeBps: 0,
      feeRecipient: '0x0000000000000000000000000000000000000000',
      sweepTo: PUBLISHER,
      paymentTokens: [{ token: TUSD, reservePrice: 1_000_000n }],
    },
  });
}

/** When the fixtures' versions open (the fake chain's `now`). */
export const OPENS_AT = 1_740_830_400;

/** A version proposed by the coordinator, for campaign `news-2025`, open at {@link OPENS_AT}. */
export function versionProposedEvent(
  version = 1,
  options: {
    datasetId?: bigint;
    campaignId?: string;
    totalShares?: bigint;
    activatesAt?: number;
  } = {},
): ChainEvent {
  const activatesAt = options.activatesAt ?? OPENS_AT;
  return chainEvent('VersionProposed', {
    datasetId: options.datasetId ?? 1n,
    version,
    sharesRoot: hash(0xabc0 + version),
    totalShares: options.totalShares ?? TOTAL_SHARES,
    manifestHash: hash(0xdef0 + version),
    manifestURI: `/v1/datasets/${options.campaignId ?? 'news-2025'}/versions/${version}/manifest`,
    activatesAt,
    claimDeadline: activatesAt + 365 * 86_400,
  });
}

export function claimedEvent(account: `0x${string}`, amount: bigint, version = 1, index = 0) {
  return chainEvent('SharesClaimed', { datasetId: 1n, version, account, index, amount });
}

/**
 * A license proposal by {@link BUYER} for 250 TUSD over 30 days; its vote opened 3 days before
 * `voteEnd` unless `voteStart` says otherwise.
 */
export function licenseProposedEvent(
  proposalId: bigint,
  voteEnd: number,
  version = 1,
  blockNumber?: number,
  voteStart = voteEnd - 3 * 86_400,
) {
  return chainEvent(
    'LicenseProposed',
    {
      proposalId,
      datasetId: 1n,
      version,
      buyer: BUYER,
      token: TUSD,
      escrow: 250_000_000n,
      duration: 30 * 86_400,
      voteStart,
      voteEnd,
      termsHash: hash(0x7e57),
      seq: Number(proposalId),
    },
    blockNumber,
  );
}

/** A holder's proposal to send the version's unclaimed revenue to `destination`. */
export function sweepProposedEvent(
  proposalId: bigint,
  voteEnd: number,
  destination: `0x${string}`,
  voteStart = voteEnd - 3 * 86_400,
) {
  return chainEvent('SweepToProposed', {
    proposalId,
    datasetId: 1n,
    version: 1,
    proposer: HOLDER,
    destination,
    voteStart,
    voteEnd,
    seq: Number(proposalId),
  });
}

export function voteEvent(
  proposalId: bigint,
  voter: `0x${string}`,
  support: boolean,
  weight: bigint,
) {
  return chainEvent('VoteCast', { proposalId, voter, support, weight });
}

/** The manifest of a version of `news-2025` with 1,234 rows and 3 holders. */
export function manifestFixture(version = 1, overrides: Partial<Manifest> = {}): Manifest {
  return {
    format: 'plaza-dataset/1',
    campaign: { id: 'news-2025', name: 'News 2025' },
    datasetId: '1',
    version,
    createdAt: '2025-03-01T12:00:00.000Z',
    labelSchema: { kind: 'classification', classes: ['News', 'Sports'] },
    attribution: {
      rule: 'plaza-attribution/1',
      weights: { fetch: 0.4, labels: 0.5, compute: 0.1 },
      qualityFloor: 0.5,
      total: TOTAL_SHARES,
      totalShares: TOTAL_SHARES,
      remainder: 0n,
      unallocated: 0n,
      rounding: 'floor',
      holders: 3,
    },
    rows: {
      count: 1234,
      root: hash(0x1),
      jsonl: { name: 'rows.jsonl', bytes: 10, sha256: 'a'.repeat(64) },
      parquet: { name: 'rows.parquet', bytes: 10, sha256: 'b'.repeat(64) },
    },
    shares: {
      root: hash(0xabc0 + version),
      file: { name: 'shares.json', bytes: 10, sha256: 'c'.repeat(64) },
    },
    ...overrides,
  };
}

/** {@link HOLDER}'s leaf: 300,000 shares at index 1. */
export function proofFixture(overrides: Partial<ShareProof> = {}): ShareProof {
  return {
    datasetId: '1',
    version: 1,
    account: HOLDER,
    index: 1,
    amount: 300_000n,
    proof: [hash(0xa1), hash(0xa2)],
    root: hash(0xabc1),
    ...overrides,
  };
}
