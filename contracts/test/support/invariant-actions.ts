import { getContract, parseEventLogs } from 'viem';
import { expect } from 'vitest';
import { plazaAbi } from '../../src/generated/plaza.ts';
import { hostileBuyerAbi } from '../generated/hostile-buyer.ts';
import {
  awayFromEdges,
  claimedOf,
  decided,
  expectRevert,
  FEE_BPS,
  get,
  key,
  type Model,
  type Proposal,
  people,
  QUORUM_BPS,
  REVOKED,
  type Real,
  token,
  totalOf,
  VERSIONS,
  version,
  versionHolders,
} from './invariant-world.ts';
import { roles } from './plaza-fixture.ts';

/** Actions shared by the handlers and the final checks: each acts, updates the model and checks. */

/** Invariants cheap enough to check after every action. */
export async function checkLight(m: Model, r: Real) {
  for (let t = 0; t < 2; t++) {
    const l = m.ledger[t]!;
    // Conservation: balance = open escrow + approved revenue (with fees) + refunds held as credit
    //               − revenue paid − credits withdrawn − unclaimed revenue swept.
    const expected =
      l.open + l.approved + l.refundCredited - l.revenuePaid - l.creditWithdrawn - l.swept;
    expect(await token(r, t).read.balanceOf([r.f.plazaAddress]), `conservation, token ${t}`).toBe(
      expected,
    );
    for (let v = 0; v < VERSIONS; v++) {
      const acc = await r.f.plaza.read.revenuePerShare([r.datasetId, version(v), r.tokens[t]!]);
      const k = key(v, t);
      expect(acc >= get(m.lastAcc, k), `accumulator ${k} decreased`).toBe(true);
      // A revoked version never earns: nothing can be proposed on it.
      if (v === REVOKED) expect(acc, 'revoked version earned').toBe(0n);
      m.lastAcc.set(k, acc);
    }
  }
}

export async function settle(m: Model, r: Real, p: Proposal) {
  const total = totalOf(p.v);
  const now = await awayFromEdges(r, [p.voteEnd]);
  const receipt = await r.f.send(r.f.plaza.write.settle([p.id], { account: roles.stranger }));
  const quorum = (p.forVotes + p.against) * 10_000n >= total * QUORUM_BPS;
  const approved =
    2n * p.forVotes > total ||
    (!decided(p, total) && now + 1n >= p.voteEnd && quorum && p.forVotes > p.against);
  const logs = parseEventLogs({ abi: plazaAbi, logs: receipt.logs });
  const names = logs.map((x) => x.eventName);
  p.settled = true;
  if (p.kind === 'sweep') {
    expect(names, `sweep proposal ${p.id}`).toContain(
      approved ? 'SweepToApproved' : 'SweepToRejected',
    );
    if (approved) m.sweepTo[p.v] = p.destination!;
    expect(await r.f.plaza.read.sweepDestination([r.datasetId, version(p.v)])).toBe(m.sweepTo[p.v]);
    return;
  }
  const l = m.ledger[p.token]!;
  l.open -= p.escrow;
  if (approved) {
    expect(names, `proposal ${p.id} should be approved`).toContain('LicenseApproved');
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
  for (let v = 0; v < VERSIONS; v++) {
    const holder = versionHolders[v]!.find((h) => h.person === person);
    const acc = await r.f.plaza.read.revenuePerShare([r.datasetId, version(v), r.tokens[t]!]);
    const shares = holder !== undefined && m.claimed[v]!.has(person) ? holder.amount : 0n;
    const due = ((shares * acc) >> 128n) - get(m.paid, key(v, t, person));
    expect(
      await r.f.plaza.read.claimableRevenue([r.datasetId, version(v), r.tokens[t]!, account]),
    ).toBe(due);
    owedBy.push(due);
  }
  const v0 = person % 2;
  const refs = versionHolders.map((_, v) => ({ datasetId: r.datasetId, version: version(v) }));
  const call = many
    ? () => r.f.plaza.simulate.claimRevenueMany([r.tokens[t]!, refs], { account })
    : () => r.f.plaza.simulate.claimRevenue([r.datasetId, version(v0), r.tokens[t]!], { account });
  const owed = many ? owedBy.reduce((a, b) => a + b, 0n) : owedBy[v0]!;
  if (owed === 0n) return expectRevert(call(), 'PlazaNothingToClaim', what);
  const before = await token(r, t).read.balanceOf([account]);
  const { request } = await call();
  await r.f.send(r.f.client.writeContract(request as never));
  expect((await token(r, t).read.balanceOf([account])) - before).toBe(owed);
  for (let v = 0; v < VERSIONS; v++) {
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

/**
 * Sweeps a version's unclaimed revenue in a token: refused before the claim deadline, then exactly
 * what the unclaimed shares (total − claimed, phantom shares included) are owed, to the destination
 * its holders chose.
 */
export async function sweepOf(m: Model, r: Real, v: number, t: number, what: string) {
  const now = await awayFromEdges(r, [r.deadlines[v]!]);
  const call = () =>
    r.f.plaza.simulate.sweepUnclaimed([r.datasetId, version(v), r.tokens[t]!], {
      account: roles.stranger,
    });
  if (now + 1n < r.deadlines[v]!) return expectRevert(call(), 'PlazaClaimPeriodNotOver', what);
  const acc = await r.f.plaza.read.revenuePerShare([r.datasetId, version(v), r.tokens[t]!]);
  const unclaimed = totalOf(v) - claimedOf(m, v);
  const owed = ((unclaimed * acc) >> 128n) - get(m.swept, key(v, t));
  expect(await r.f.plaza.read.sweepableRevenue([r.datasetId, version(v), r.tokens[t]!])).toBe(owed);
  if (owed === 0n) return expectRevert(call(), 'PlazaNothingToClaim', what);
  const to = m.sweepTo[v]!;
  const before = await token(r, t).read.balanceOf([to]);
  const { request } = await call();
  await r.f.send(r.f.client.writeContract(request as never));
  expect((await token(r, t).read.balanceOf([to])) - before, `${what}: swept to ${to}`).toBe(owed);
  m.swept.set(key(v, t), get(m.swept, key(v, t)) + owed);
  m.ledger[t]!.swept += owed;
  await checkLight(m, r);
}
