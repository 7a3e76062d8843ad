import { vi } from 'vitest';
import type { PlazaChain, TransactionResult } from '../features/wallet/plaza-chain.ts';
import type { EventsQuery } from '../lib/governance-api.ts';
import type {
  ChainEvent,
  ChainEventName,
  ChainEventOf,
  ChainEvents,
  Manifest,
  ShareProof,
} from '../lib/governance-schemas.ts';

export const PLAZA = '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const;
export const TUSD = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512' as const;
export const PUBLISHER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' as const;
/** The connected holder in the tests (anvil's account 1). */
export const HOLDER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8' as const;
export const HOLDER_2 = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc' as const;
export const HOLDER_3 = '0x90f79bf6eb2c4f870365e785982e1f101e93b906' as const;
export const BUYER = '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65' as const;

export const TOTAL_SHARES = 1_000_000n;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as `0x${string}`;

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

/** The column an indexed event is filed under, as the coordinator's indexer files it. */
function column(event: ChainEvent, key: 'datasetId' | 'version' | 'proposalId' | 'account') {
  const args = event.args as Record<string, unknown>;
  if (key === 'account') {
    const found = ['account', 'voter', 'buyer', 'proposer', 'publisher', 'by'].map(
      (name) => args[name],
    );
    return found.find((value) => typeof value === 'string') ?? null;
  }
  return args[key] ?? null;
}

/** A governance API over fixed events, manifests (by version) and proofs (by account). */
export function fakeGovernanceApi(
  options: {
    events?: ChainEvent[];
    manifests?: Record<number, Manifest>;
    proofs?: Record<string, ShareProof>;
  } = {},
) {
  const events = options.events ?? [];
  return {
    events: vi.fn(async (query: EventsQuery = {}): Promise<ChainEvents> => {
      const matching = events.filter(
        (event) =>
          (query.name === undefined || event.name === query.name) &&
          (query.datasetId === undefined ||
            column(event, 'datasetId') === BigInt(query.datasetId)) &&
          (query.version === undefined || column(event, 'version') === query.version) &&
          (query.proposalId === undefined ||
            column(event, 'proposalId') === BigInt(query.proposalId)) &&
          (query.account === undefined || column(event, 'account') === query.account.toLowerCase()),
      );
      return { indexedThrough: 500, events: [...matching].reverse(), truncated: false };
    }),
    manifest: vi.fn(async (_campaignId: string, version: number) => {
      const manifest = options.manifests?.[version];
      if (!manifest)
        throw Object.assign(new Error(`No version ${version}.`), { code: 'NOT_FOUND' });
      return manifest;
    }),
    proof: vi.fn(
      async (_campaignId: string, _version: number, account: string) =>
        options.proofs?.[account.toLowerCase()] ?? null,
    ),
    coordinatorInfo: vi.fn(async () => ({
      address: '0x00000000000000000000000000000000000c0de5' as `0x${string}`,
      chainId: 31337,
      version: 'test',
    })),
    requestDownload: vi.fn(async () => ({
      expiresAt: '2025-03-01T12:10:00.000Z',
      licenseExpiresAt: '2025-03-31T12:00:00.000Z',
      files: [{ name: 'rows.parquet', url: '/v1/downloads/t0ken/rows.parquet' }],
    })),
    url: (path: string) => `http://plaza.test${path}`,
  };
}

/** A confirmed transaction's result. */
function confirmed(n: number, events: TransactionResult['events'] = []): TransactionResult {
  return { hash: hash(0xf000 + n), blockNumber: BigInt(200 + n), events };
}

/**
 * A {@link PlazaChain} for {@link HOLDER} with plain answers; `calls` logs the writes and
 * approvals in the order they were sent.
 */
export function fakePlazaChain(overrides: Partial<PlazaChain> = {}) {
  const calls: { method: string; args: readonly unknown[] }[] = [];
  let sent = 0;
  const defaults = {
    account: HOLDER as `0x${string}`,
    chainId: 31337,
    plaza: PLAZA as `0x${string}`,
    now: vi.fn(async () => 1_740_830_400),
    sharesOf: vi.fn(async () => 0n),
    getProposal: vi.fn(async () => null),
    hasVoted: vi.fn(async () => false),
    paymentTokens: vi.fn(async () => [TUSD as `0x${string}`]),
    reservePrice: vi.fn(async () => 1_000_000n),
    tokenInfo: vi.fn(async (address: `0x${string}`) => ({ address, symbol: 'TUSD', decimals: 6 })),
    tokenAccount: vi.fn(async (address: `0x${string}`) => ({
      address,
      symbol: 'TUSD',
      decimals: 6,
      balance: 1_000_000_000n,
      allowance: 0n,
    })),
    claimableRevenue: vi.fn(async () => 0n),
    licenseExpiry: vi.fn(async () => 0),
    write: vi.fn(
      async (
        functionName: string,
        args: readonly unknown[],
        onSent?: (h: `0x${string}`) => void,
      ) => {
        calls.push({ method: functionName, args });
        sent += 1;
        onSent?.(hash(0xf000 + sent));
        return confirmed(sent);
      },
    ),
    approve: vi.fn(
      async (token: `0x${string}`, amount: bigint, onSent?: (h: `0x${string}`) => void) => {
        calls.push({ method: 'approve', args: [token, amount] });
        sent += 1;
        onSent?.(hash(0xf000 + sent));
        return confirmed(sent);
      },
    ),
    signDownloadRequest: vi.fn(async () => `0x${'11'.repeat(65)}` as `0x${string}`),
  };
  // The mocks stay typed as mocks (for `.mockImplementation` in tests) and as the interface.
  const chain = Object.assign(defaults, overrides) as typeof defaults & PlazaChain;
  return { chain, calls };
}
