import { type Address, getContract, maxUint256, parseEventLogs } from 'viem';
import { expect } from 'vitest';
import { plazaAbi } from '../../src/generated/plaza.ts';
import type { SharesTree } from '../../src/shares-tree.ts';
import { callbackTokenAbi, callbackTokenBytecode } from '../generated/callback-token.ts';
import { hostileBuyerAbi, hostileBuyerBytecode } from '../generated/hostile-buyer.ts';
import { addressOf, revertReason, startTestChain, type TestChain } from './chain.ts';
import { createPlazaFixture, deploy, type PlazaFixture, roles } from './plaza-fixture.ts';

/**
 * The world of the invariant suite: one dataset with a 5 % fee, two versions with overlapping holders,
 * two tokens (TestUSD paid by an EOA buyer; a hook token paid by a buyer contract that refuses refunds),
 * the model with its ghost variables, and the actions shared by handlers and final checks.
 */

export const FEE_BPS = 500n;
export const QUORUM_BPS = 3_000n;
export const people = Array.from({ length: 7 }, (_, i) => addressOf(`invariant-holder-${i}`));
export const versionHolders = [
  [0, 1, 2, 3, 4].map((p, i) => ({
    person: p,
    amount: [40_009n, 30_011n, 15_013n, 10_007n, 5_003n][i]!,
  })),
  [2, 3, 5, 6].map((p, i) => ({ person: p, amount: [7_001n, 13_003n, 2_999n, 1_013n][i]! })),
];

export interface Proposal {
  id: bigint;
  v: number;
  token: number;
  escrow: bigint;
  voteEnd: bigint;
  votes: Map<number, { support: boolean; weight: bigint }>;
  forVotes: bigint;
  against: bigint;
  settled: boolean;
}

export interface Ledger {
  open: bigint;
  approved: bigint;
  refundCredited: bigint;
  revenuePaid: bigint;
  creditWithdrawn: bigint;
}

export interface Model {
  proposals: Proposal[];
  claimed: Set<number>[];
  credited: Map<string, bigint>;
  paid: Map<string, bigint>;
  ledger: Ledger[];
  credits: Map<string, bigint>;
  lastAcc: Map<string, bigint>;
}

export interface Real {
  f: PlazaFixture;
  chain: TestChain;
  datasetId: bigint;
  trees: SharesTree[];
  tokens: Address[];
  hostile: Address;
}

export const totalOf = (v: number) => versionHolders[v]!.reduce((a, h) => a + h.amount, 0n);
export const key = (...parts: unknown[]) => parts.join(':');
export const get = (map: Map<string, bigint>, k: string) => map.get(k) ?? 0n;
export const decided = (p: Proposal, total: bigint) =>
  2n * p.forVotes > total || 2n * p.against >= total;

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
    feeBps: Number(FEE_BPS),
    feeRecipient: roles.feeRecipient,
    paymentTokens: [f.usdAddress, callback],
  });
  const trees: SharesTree[] = [];
  for (const holders of versionHolders) {
    const published = await f.publishVersion(
      datasetId,
      holders.map((h) => ({ account: people[h.person]!, amount: h.amount })),
    );
    trees.push(published.tree);
  }
  await f.send(f.usd.write.mint([roles.buyer, 10n ** 30n], { account: roles.buyer }));
  await f.send(f.usd.write.approve([f.plazaAddress, maxUint256], { account: roles.buyer }));
  const cb = getContract({ address: callback, abi: callbackTokenAbi, client: f.client });
  await f.send(cb.write.mint([hostile, 10n ** 30n], { account: roles.stranger }));
  const buyer = getContract({ address: hostile, abi: hostileBuyerAbi, client: f.client });
  await f.send(buyer.write.setMode([1], { account: roles.stranger })); // refuses refunds
  await chain.snapshot();
  return { chain, real: { f, chain, datasetId, trees, tokens: [f.usdAddress, callback], hostile } };
}

/** A model with nothing done yet. */
export function newModel(): Model {
  const ledger = (): Ledger => ({
    open: 0n,
    approved: 0n,
    refundCredited: 0n,
    revenuePaid: 0n,
    creditWithdrawn: 0n,
  });
  return {
    proposals: [],
    claimed: [new Set(), new Set()],
    credited: new Map(),
    paid: new Map(),
    ledger: [ledger(), ledger()],
    credits: new Map(),
    lastAcc: new Map(),
  };
}

export function token(r: Real, t: number) {
  return getContract({ address: r.tokens[t]!, abi: callbackTokenAbi, client: r.f.client });
}

export async function expectRevert(sent: Promise<unknown>, errorName: string, what: string) {
  const reason = await revertReason(sent);
  expect(reason.errorName, what).toBe(errorName);
}

/** Invariants cheap enough to check after every action. */
export async function checkLight(m: Model, r: Real) {
  for (let t = 0; t < 2; t++) {
    const l = m.ledger[t]!;
    // Conservation: balance = open escrow + approved revenue (with fees) + refunds held as credit
    //               − revenue paid − credits withdrawn.
    const expected = l.open + l.approved + l.refundCredited - l.revenuePaid - l.creditWithdrawn;
    expect(await token(r, t).read.balanceOf([r.f.plazaAddress]), `conservation, token ${t}`).toBe(
      expected,
    );
    for (let v = 0; v < 2; v++) {
      const acc = await r.f.plaza.read.revenuePerShare([r.datasetId, v + 1, r.tokens[t]!]);
      const k = key(v, t);
      expect(acc >= get(m.lastAcc, k), `accumulator ${k} decreased`).toBe(true);
      m.lastAcc.set(k, acc);
    }
  }
}

export async function settle(m: Model, r: Real, p: Proposal) {
  const total = totalOf(p.v);
  const receipt = await r.f.send(r.f.plaza.write.settle([p.id], { account: roles.stranger }));
  const now = await r.chain.now();
  const quorum = (p.forVotes + p.against) * 10_000n >= total * QUORUM_BPS;
  const approved =
    2n * p.forVotes > total ||
    (!decided(p, total) && now >= p.voteEnd && quorum && p.forVotes > p.against);
  const logs = parseEventLogs({ abi: plazaAbi, logs: receipt.logs });
  const l = m.ledger[p.token]!;
  l.open -= p.escrow;
  p.settled = true;
  if (approved) {
    const event = logs.find((x) => x.eventName === 'LicenseApproved');
    expect(event, `proposal ${p.id} should be approved`).toBeDefined();
    const fee = (p.escrow * FEE_BPS) / 10_000n;
    l.approved += p.escrow;
    m.credited.set(key(p.v, p.token), get(m.credited, key(p.v, p.token)) + p.escrow - fee);
    const k = key(roles.feeRecipient, p.token);
    m.credits.set(k, get(m.credits, k) + fee);
  } else {
    const event = logs.find((x) => x.eventName === 'LicenseRefunded');
    expect(event, `proposal ${p.id} should be refunded`).toBeDefined();
    const pushed = p.token === 0;
    expect(event?.eventName === 'LicenseRefunded' && event.args.pushed).toBe(pushed);
    if (!pushed) {
      l.refundCredited += p.escrow;
      const k = key(r.hostile, p.token);
      m.credits.set(k, get(m.credits, k) + p.escrow);
    }
  }
}

export async function claimRevenueOf(
  m: Model,
  r: Real,
  person: number,
  t: number,
  many: boolean,
  what: string,
) {
  const account = people[person]!;
  const owedBy: bigint[] = [];
  for (let v = 0; v < 2; v++) {
    const holder = versionHolders[v]!.find((h) => h.person === person);
    const acc = await r.f.plaza.read.revenuePerShare([r.datasetId, v + 1, r.tokens[t]!]);
    const shares = holder !== undefined && m.claimed[v]!.has(person) ? holder.amount : 0n;
    const due = ((shares * acc) >> 128n) - get(m.paid, key(v, t, person));
    expect(await r.f.plaza.read.claimableRevenue([r.datasetId, v + 1, r.tokens[t]!, account])).toBe(
      due,
    );
    owedBy.push(due);
  }
  const v0 = person % 2;
  const call = many
    ? () =>
        r.f.plaza.simulate.claimRevenueMany(
          [r.tokens[t]!, [1, 2].map((version) => ({ datasetId: r.datasetId, version }))],
          { account },
        )
    : () => r.f.plaza.simulate.claimRevenue([r.datasetId, v0 + 1, r.tokens[t]!], { account });
  const owed = many ? owedBy[0]! + owedBy[1]! : owedBy[v0]!;
  if (owed === 0n) return expectRevert(call(), 'PlazaNothingToClaim', what);
  const before = await token(r, t).read.balanceOf([account]);
  const { request } = await call();
  await r.f.send(r.f.client.writeContract(request as never));
  expect((await token(r, t).read.balanceOf([account])) - before).toBe(owed);
  for (let v = 0; v < 2; v++) {
    if (!many && v !== v0) continue;
    m.paid.set(key(v, t, person), get(m.paid, key(v, t, person)) + owedBy[v]!);
  }
  m.ledger[t]!.revenuePaid += owed;
  await checkLight(m, r);
}

export async function withdrawCreditOf(
  m: Model,
  r: Real,
  hostile: boolean,
  t: number,
  what: string,
) {
  const account = hostile ? r.hostile : roles.feeRecipient;
  const owed = get(m.credits, key(account, t));
  expect(await r.f.plaza.read.creditOf([account, r.tokens[t]!])).toBe(owed);
  if (owed === 0n) {
    return expectRevert(
      r.f.plaza.simulate.withdrawCredit([r.tokens[t]!], { account }),
      'PlazaNothingToClaim',
      what,
    );
  }
  if (hostile) {
    const buyer = getContract({ address: r.hostile, abi: hostileBuyerAbi, client: r.f.client });
    await r.f.send(buyer.write.setMode([0], { account: roles.stranger }));
    await r.f.send(
      buyer.write.withdraw([r.f.plazaAddress, r.tokens[t]!], { account: roles.stranger }),
    );
    await r.f.send(buyer.write.setMode([1], { account: roles.stranger }));
  } else {
    await r.f.send(r.f.plaza.write.withdrawCredit([r.tokens[t]!], { account }));
  }
  m.credits.set(key(account, t), 0n);
  m.ledger[t]!.creditWithdrawn += owed;
  await checkLight(m, r);
}
