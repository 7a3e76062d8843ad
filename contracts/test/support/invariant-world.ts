import type fc from 'fast-check';
import { type Address, getContract, maxUint256 } from 'viem';
import { expect } from 'vitest';
import type { SharesTree } from '../../src/shares-tree.ts';
import { callbackTokenAbi, callbackTokenBytecode } from '../generated/callback-token.ts';
import { hostileBuyerAbi, hostileBuyerBytecode } from '../generated/hostile-buyer.ts';
import { addressOf, revertReason, startTestChain, type TestChain } from './chain.ts';
import {
  createPlazaFixture,
  DAY,
  deploy,
  eventsOf,
  HOUR,
  type PlazaFixture,
  roles,
} from './plaza-fixture.ts';

/**
 * The world of the invariant suite: one dataset (5 % fee, 30 % quorum, an hour's voting delay, a
 * 45-day claim period) with three versions — v0 already carries 159 settled proposals (so from its
 * second new one on, votes go past the 160 kept in a holder's slot into the vote words), v1 has 1,000 phantom shares in its
 * total that no leaf holds (their revenue can only be swept) and has earned a first license already,
 * v2 was revoked during its timelock — two
 * tokens (TestUSD paid by an EOA buyer; a hook token paid by a buyer contract that refuses refunds),
 * the model with its ghost variables, and helpers shared by handlers and checks.
 */

export const FEE_BPS = 500n;
export const QUORUM_BPS = 3_000n;
export const VOTING_DELAY = HOUR;
export const CLAIM_PERIOD_DAYS = 45;
export const PHANTOM_SHARES = 1_000n;
export const SPAM_PROPOSALS = 159;
/** A license on v1, approved before the runs start, so every run begins with revenue to pay and sweep. */
export const SEED_PRICE = 1_000_000_007n;
/** Who approved it: person 3, who claimed and holds more than half of v1. */
export const SEED_VOTER = 3;
export const people = Array.from({ length: 7 }, (_, i) => addressOf(`invariant-holder-${i}`));
export const destinations = [roles.treasury, addressOf('charity'), roles.stranger] as const;
export const versionHolders = [
  [0, 1, 2, 3, 4].map((p, i) => ({
    person: p,
    amount: [40_009n, 30_011n, 15_013n, 10_007n, 5_003n][i]!,
  })),
  [2, 3, 5, 6].map((p, i) => ({ person: p, amount: [7_001n, 13_003n, 2_999n, 1_013n][i]! })),
  [0, 1].map((p, i) => ({ person: p, amount: [1n, 2n][i]! })),
];
/** The index of the revoked version. */
export const REVOKED = 2;
export const VERSIONS = versionHolders.length;

export interface Proposal {
  id: bigint;
  v: number;
  kind: 'license' | 'sweep';
  token: number;
  /** The proposed destination of a sweep proposal. */
  destination: Address | null;
  escrow: bigint;
  voteStart: bigint;
  voteEnd: bigint;
  votes: Map<number, { support: boolean; weight: bigint }>;
  forVotes: bigint;
  against: bigint;
  settled: boolean;
}

/** Per token: every way value entered or left the contract. */
export interface Ledger {
  open: bigint;
  approved: bigint;
  refundCredited: bigint;
  revenuePaid: bigint;
  creditWithdrawn: bigint;
  swept: bigint;
}

export interface Model {
  proposals: Proposal[];
  claimed: Set<number>[];
  /** Revenue credited to holders, by `v:t`. */
  credited: Map<string, bigint>;
  paid: Map<string, bigint>;
  /** Revenue of unclaimed shares swept, by `v:t`. */
  swept: Map<string, bigint>;
  ledger: Ledger[];
  credits: Map<string, bigint>;
  lastAcc: Map<string, bigint>;
  /** Each version's sweep destination, as its holders chose it. */
  sweepTo: Address[];
}

export interface Real {
  f: PlazaFixture;
  chain: TestChain;
  datasetId: bigint;
  trees: SharesTree[];
  tokens: Address[];
  hostile: Address;
  /** Each version's claim deadline. */
  deadlines: bigint[];
}

/** One step of the invariant run: a model check, then the same action on the chain and the model. */
export type Cmd = fc.AsyncCommand<Model, Real>;
/** The `check` of a step that may run in every state. */
export const always = () => true;

export const totalOf = (v: number) =>
  versionHolders[v]!.reduce((a, h) => a + h.amount, 0n) + (v === 1 ? PHANTOM_SHARES : 0n);
export const claimedOf = (m: Model, v: number) =>
  versionHolders[v]!.filter((h) => m.claimed[v]!.has(h.person)).reduce((a, h) => a + h.amount, 0n);
export const key = (...parts: unknown[]) => parts.join(':');
export const get = (map: Map<string, bigint>, k: string) => map.get(k) ?? 0n;
export const decided = (p: Proposal, total: bigint) =>
  2n * p.forVotes > total || 2n * p.against >= total;
export const version = (v: number) => v + 1;

/** Deploys everything the suite needs and snapshots it. */
export async function createInvariantWorld(): Promise<{ chain: TestChain; real: Real }> {
  const chain = await startTestChain();
  const f = await createPlazaFixture(chain);
  const callback = await deploy(f.client, {
    abi: callbackTokenAbi,
    bytecode: callbackTokenBytecode,
  });
  const hostile = await deploy(f.client, { abi: hostileBuyerAbi, bytecode: hostileBuyerBytecode });
  const datasetId = await f.registerDataset({
    reservePrice: 1n,
    quorumBps: Number(QUORUM_BPS),
    votingDelay: VOTING_DELAY,
    claimPeriodDays: CLAIM_PERIOD_DAYS,
    feeBps: Number(FEE_BPS),
    feeRecipient: roles.feeRecipient,
    paymentTokens: [f.usdAddress, callback],
  });
  const trees: SharesTree[] = [];
  for (const [v, holders] of versionHolders.entries()) {
    const published = await f.publishVersion(
      datasetId,
      holders.map((h) => ({ account: people[h.person]!, amount: h.amount })),
      { activate: v !== REVOKED, totalShares: totalOf(v) },
    );
    if (v === REVOKED) {
      await f.send(
        f.plaza.write.revokeVersion([datasetId, published.version], { account: roles.guardian }),
      );
    }
    trees.push(published.tree);
  }
  // The seeded license first: its helper approves exactly its price, the unlimited approval after.
  await seedLicense(f, datasetId, trees[1]!);
  await f.send(f.usd.write.mint([roles.buyer, 10n ** 30n], { account: roles.buyer }));
  await f.send(f.usd.write.approve([f.plazaAddress, maxUint256], { account: roles.buyer }));
  await spamVersionZero(f, datasetId);
  const cb = getContract({ address: callback, abi: callbackTokenAbi, client: f.client });
  await f.send(cb.write.mint([hostile, 10n ** 30n], { account: roles.stranger }));
  const buyer = getContract({ address: hostile, abi: hostileBuyerAbi, client: f.client });
  await f.send(buyer.write.setMode([1], { account: roles.stranger })); // refuses refunds
  const deadlines: bigint[] = [];
  for (let v = 0; v < VERSIONS; v++) {
    deadlines.push(BigInt(await f.plaza.read.claimDeadline([datasetId, version(v)])));
  }
  await chain.snapshot();
  return {
    chain,
    real: { f, chain, datasetId, trees, tokens: [f.usdAddress, callback], hostile, deadlines },
  };
}

/** 159 proposals on v0, all expired and refunded (so the contract holds nothing of them). */
async function spamVersionZero(f: PlazaFixture, datasetId: bigint) {
  const terms = `0x${'00'.repeat(32)}` as const;
  const ids: bigint[] = [];
  for (let i = 0; i < SPAM_PROPOSALS; i++) {
    const receipt = await f.send(
      f.plaza.write.proposeLicense([datasetId, 1, f.usdAddress, 1n, DAY, terms], {
        account: roles.buyer,
      }),
    );
    ids.push(eventsOf(receipt, 'LicenseProposed')[0]!.args.proposalId);
  }
  await f.chain.warp(VOTING_DELAY + 3 * DAY);
  for (const id of ids) await f.send(f.plaza.write.settle([id], { account: roles.stranger }));
}

/** Person 3 claims v1's shares and approves a first license on it, alone (52 % of v1). */
async function seedLicense(f: PlazaFixture, datasetId: bigint, tree: SharesTree) {
  const index = versionHolders[1]!.findIndex((h) => h.person === SEED_VOTER);
  await f.claim(datasetId, 2, tree, index);
  const { proposalId } = await f.proposeLicense(datasetId, 2, { price: SEED_PRICE });
  await f.chain.warp(VOTING_DELAY);
  await f.send(f.plaza.write.vote([proposalId, true], { account: people[SEED_VOTER]! }));
  await f.send(f.plaza.write.settle([proposalId], { account: roles.stranger }));
}

/** A model of the world as the runs find it: the seeded license approved, nothing else done. */
export function newModel(): Model {
  const ledger = (): Ledger => ({
    open: 0n,
    approved: 0n,
    refundCredited: 0n,
    revenuePaid: 0n,
    creditWithdrawn: 0n,
    swept: 0n,
  });
  const fee = (SEED_PRICE * FEE_BPS) / 10_000n;
  const usd = ledger();
  usd.approved = SEED_PRICE;
  return {
    proposals: [],
    claimed: versionHolders.map((_, v) => new Set<number>(v === 1 ? [SEED_VOTER] : [])),
    credited: new Map([[key(1, 0), SEED_PRICE - fee]]),
    paid: new Map(),
    swept: new Map(),
    ledger: [usd, ledger()],
    credits: new Map([[key(roles.feeRecipient, 0), fee]]),
    lastAcc: new Map(),
    sweepTo: versionHolders.map(() => roles.treasury),
  };
}

export function token(r: Real, t: number) {
  return getContract({ address: r.tokens[t]!, abi: callbackTokenAbi, client: r.f.client });
}

export async function expectRevert(sent: Promise<unknown>, errorName: string, what: string) {
  const reason = await revertReason(sent);
  expect(reason.errorName, what).toBe(errorName);
}

/**
 * Moves the clock a few seconds when it sits within 2 s of a boundary (a vote's start or end, a
 * claim deadline), so that the model's prediction and the mined block agree on which side it is.
 * Returns the time to predict with.
 */
export async function awayFromEdges(r: Real, edges: readonly bigint[]): Promise<bigint> {
  let now = await r.chain.now();
  if (edges.some((edge) => now + 3n >= edge && now <= edge + 2n)) {
    await r.chain.warp(6);
    now = await r.chain.now();
  }
  return now;
}
