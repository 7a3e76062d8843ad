import { addressSchema, bytes32Schema } from '@plaza/protocol';
import { z } from 'zod';

// The coordinator's governance answers: `/v1/chain/*` and `/v1/datasets/*`. The protocol package
// has no schemas for them yet, so the app parses them here, at its edge.

/** A uint that may exceed 2^53: a decimal string (the indexer writes bigints so) or a number. */
const bigUintSchema = z
  .union([z.string().regex(/^\d{1,78}$/), z.number().int().nonnegative().safe()])
  .transform((value) => BigInt(value));

/** A uint of at most 48 bits (viem decodes those as numbers): ids, versions, times. */
const smallUintSchema = z
  .union([z.number(), z.string().regex(/^\d{1,15}$/)])
  .transform(Number)
  .pipe(z.number().int().nonnegative().safe());

/** `GET /v1/chain/info`: the chain and the Plaza contract (null when the coordinator has none). */
export const chainInfoSchema = z.object({
  chainId: z.number().int().positive(),
  plaza: addressSchema.nullable(),
  /** The network's name, to add it to a wallet. */
  name: z.string().max(100).default('Plaza chain'),
  /** The public JSON-RPC URL wallets may add; null: none offered. */
  rpcUrl: z.string().url().nullable().default(null),
  /** The coordinator's own anvil (a test chain). */
  isLocal: z.boolean().default(false),
  /** The local chain's test-token faucet, or null. */
  faucet: z
    .object({
      token: addressSchema,
      symbol: z.string().max(20),
      decimals: z.number().int().min(0).max(36),
      amount: z.string().regex(/^\d{1,78}$/),
    })
    .nullable()
    .default(null),
});
export type ChainInfo = z.output<typeof chainInfoSchema>;

/** The arguments of each Plaza event the app reads, as the indexer stores them (JSON). */
export const eventArgsSchemas = {
  DatasetRegistered: z.object({
    datasetId: bigUintSchema,
    publisher: addressSchema,
    params: z.object({
      votingDelay: smallUintSchema,
      votingPeriod: smallUintSchema,
      quorumBps: smallUintSchema,
      rootTimelock: smallUintSchema,
      claimPeriodDays: smallUintSchema,
      maxLicenseDuration: smallUintSchema,
      feeBps: smallUintSchema,
      feeRecipient: addressSchema,
      sweepTo: addressSchema,
      paymentTokens: z
        .array(z.object({ token: addressSchema, reservePrice: bigUintSchema }))
        .max(64),
    }),
  }),
  VersionProposed: z.object({
    datasetId: bigUintSchema,
    version: smallUintSchema,
    sharesRoot: bytes32Schema,
    totalShares: bigUintSchema,
    manifestHash: bytes32Schema,
    manifestURI: z.string().max(2048),
    activatesAt: smallUintSchema,
    claimDeadline: smallUintSchema,
  }),
  VersionActivated: z.object({ datasetId: bigUintSchema, version: smallUintSchema }),
  VersionRevoked: z.object({ datasetId: bigUintSchema, version: smallUintSchema }),
  SharesClaimed: z.object({
    datasetId: bigUintSchema,
    version: smallUintSchema,
    account: addressSchema,
    index: smallUintSchema,
    amount: bigUintSchema,
  }),
  LicenseProposed: z.object({
    proposalId: bigUintSchema,
    datasetId: bigUintSchema,
    version: smallUintSchema,
    buyer: addressSchema,
    token: addressSchema,
    escrow: bigUintSchema,
    duration: smallUintSchema,
    voteStart: smallUintSchema,
    voteEnd: smallUintSchema,
    termsHash: bytes32Schema,
    seq: smallUintSchema,
  }),
  SweepToProposed: z.object({
    proposalId: bigUintSchema,
    datasetId: bigUintSchema,
    version: smallUintSchema,
    proposer: addressSchema,
    destination: addressSchema,
    voteStart: smallUintSchema,
    voteEnd: smallUintSchema,
    seq: smallUintSchema,
  }),
  SweepToApproved: z.object({
    proposalId: bigUintSchema,
    datasetId: bigUintSchema,
    version: smallUintSchema,
    destination: addressSchema,
  }),
  SweepToRejected: z.object({ proposalId: bigUintSchema, quorumReached: z.boolean() }),
  UnclaimedRevenueSwept: z.object({
    datasetId: bigUintSchema,
    version: smallUintSchema,
    token: addressSchema,
    to: addressSchema,
    amount: bigUintSchema,
  }),
  VoteCast: z.object({
    proposalId: bigUintSchema,
    voter: addressSchema,
    support: z.boolean(),
    weight: bigUintSchema,
  }),
  LicenseApproved: z.object({
    proposalId: bigUintSchema,
    buyer: addressSchema,
    startsAt: smallUintSchema,
    expiresAt: smallUintSchema,
    revenue: bigUintSchema,
    fee: bigUintSchema,
  }),
  LicenseRefunded: z.object({
    proposalId: bigUintSchema,
    buyer: addressSchema,
    amount: bigUintSchema,
    quorumReached: z.boolean(),
  }),
  RevenueClaimed: z.object({
    datasetId: bigUintSchema,
    version: smallUintSchema,
    account: addressSchema,
    token: addressSchema,
    amount: bigUintSchema,
  }),
} as const;

/** The name of an event the app reads. */
export type ChainEventName = keyof typeof eventArgsSchemas;

/** Where an event sits on the chain. */
export interface ChainEventPosition {
  blockNumber: number;
  txHash: `0x${string}`;
  logIndex: number;
}

/** A Plaza event with its arguments parsed; `name` tells which. */
export type ChainEvent = {
  [N in ChainEventName]: ChainEventPosition & {
    name: N;
    args: z.output<(typeof eventArgsSchemas)[N]>;
  };
}[ChainEventName];

/** One of the events, by name. */
export type ChainEventOf<N extends ChainEventName> = Extract<ChainEvent, { name: N }>;

/** `GET /v1/chain/events` as it comes over the wire (arguments still unparsed). */
export const rawEventsResponseSchema = z.object({
  indexedThrough: z.number().int().nullable(),
  events: z
    .array(
      z.object({
        blockNumber: z.number().int().nonnegative(),
        txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
        logIndex: z.number().int().nonnegative(),
        name: z.string().max(64),
        args: z.record(z.string(), z.unknown()),
      }),
    )
    .max(1000),
});

/** `GET /v1/chain/events`, parsed: the newest first, events of other names left out. */
export interface ChainEvents {
  /** The last block the indexer has mirrored (null before its first step). */
  indexedThrough: number | null;
  events: ChainEvent[];
  /** The answer held as many events as asked for: older ones may be missing. */
  truncated: boolean;
}

const fileSchema = z.object({ name: z.string(), bytes: z.number(), sha256: z.string() });

/** `manifest.json` of a dataset version (the fields the app shows). */
export const manifestSchema = z.object({
  format: z.string(),
  campaign: z.object({ id: z.string(), name: z.string() }),
  datasetId: z.string().regex(/^\d{1,20}$/),
  version: z.number().int().min(1),
  createdAt: z.string(),
  labelSchema: z.object({ kind: z.string(), classes: z.array(z.string()) }),
  attribution: z.object({
    rule: z.string(),
    weights: z.object({ fetch: z.number(), labels: z.number(), compute: z.number() }),
    qualityFloor: z.number(),
    total: bigUintSchema,
    totalShares: bigUintSchema,
    remainder: bigUintSchema,
    unallocated: bigUintSchema,
    rounding: z.string(),
    holders: z.number().int().nonnegative(),
  }),
  rows: z.object({ count: z.number(), root: z.string(), jsonl: fileSchema, parquet: fileSchema }),
  shares: z.object({ root: z.string(), file: fileSchema }),
});
export type Manifest = z.output<typeof manifestSchema>;

/** `GET /v1/datasets/:campaign/versions/:n/proofs/:account`: what `claimShares` takes. */
export const shareProofSchema = z.object({
  datasetId: z.string().regex(/^\d{1,20}$/),
  version: z.number().int().min(1),
  account: addressSchema,
  index: z.number().int().nonnegative(),
  amount: bigUintSchema,
  proof: z.array(bytes32Schema).max(64),
  root: bytes32Schema,
});
export type ShareProof = z.output<typeof shareProofSchema>;
