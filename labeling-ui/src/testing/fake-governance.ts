import { vi } from 'vitest';
import type { PlazaChain, TransactionResult } from '../features/wallet/plaza-chain.ts';
import type { EventsQuery } from '../lib/governance-api.ts';
import type { ChainEvent, ChainEvents, Manifest, ShareProof } from '../lib/governance-schemas.ts';
import { HOLDER, hash, PLAZA, TUSD } from './governance-constants.ts';

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
