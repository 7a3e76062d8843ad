import { expect } from 'vitest';
import {
  checkLight,
  claimRevenueOf,
  settle,
  sweepOf,
  withdrawCreditOf,
} from './invariant-actions.ts';
import {
  claimedOf,
  expectRevert,
  get,
  key,
  type Model,
  people,
  REVOKED,
  type Real,
  token,
  totalOf,
  VERSIONS,
  version,
  versionHolders,
} from './invariant-world.ts';
import { DAY, roles } from './plaza-fixture.ts';

/**
 * Invariants over every holder and proposal; then, with the clock past every vote and every claim
 * deadline, every proposal must settle, everyone is paid, every unclaimed share's revenue is swept,
 * and the contract must end holding only rounding dust: no value is left unclaimable.
 */
export async function checkHeavy(m: Model, r: Real) {
  await checkTallies(m, r);
  await checkAccounting(m, r);
  const until = latest([...m.proposals.map((p) => p.voteEnd), ...r.deadlines]) + BigInt(DAY);
  const now = await r.chain.now();
  if (until > now) await r.chain.warp(until - now);
  // Any expired proposal can be settled, exactly once.
  for (const p of m.proposals.filter((x) => !x.settled)) await settle(m, r, p);
  for (const p of m.proposals) {
    await expectRevert(
      r.f.plaza.simulate.settle([p.id], { account: roles.stranger }),
      'PlazaProposalSettled',
      'twice',
    );
  }
  // Pay everyone out: holders who claimed, credits, and the unclaimed shares' revenue.
  for (let t = 0; t < 2; t++) {
    for (let person = 0; person < people.length; person++)
      await claimRevenueOf(m, r, person, t, true, 'payout');
    await withdrawCreditOf(m, r, false, t, 'payout');
    await withdrawCreditOf(m, r, true, t, 'payout');
    for (let v = 0; v < VERSIONS; v++) await sweepOf(m, r, v, t, 'final sweep');
  }
  await checkAccounting(m, r);
  for (let t = 0; t < 2; t++) {
    expect(m.ledger[t]!.open).toBe(0n);
    // What is left is rounding dust: under one unit per payee (holders and the sweep) per version.
    const dust = await token(r, t).read.balanceOf([r.f.plazaAddress]);
    const payees = BigInt(versionHolders.reduce((a, h) => a + h.length + 1, 0));
    expect(dust <= payees, `dust ${dust} in token ${t}`).toBe(true);
    for (let v = 0; v < VERSIONS; v++) {
      expect(await r.f.plaza.read.sweepableRevenue([r.datasetId, version(v), r.tokens[t]!])).toBe(
        0n,
      );
    }
  }
}

/** Tallies equal the distinct voters' weights, and the vote record is exact for every pair. */
export async function checkTallies(m: Model, r: Real) {
  for (const p of m.proposals) {
    const stored = await r.f.plaza.read.getProposal([p.id]);
    let forVotes = 0n;
    let against = 0n;
    for (const vote of p.votes.values()) {
      if (vote.support) forVotes += vote.weight;
      else against += vote.weight;
    }
    expect([stored.forVotes, stored.againstVotes], `tallies of ${p.id}`).toEqual([
      forVotes,
      against,
    ]);
    for (const h of versionHolders[p.v]!) {
      expect(
        await r.f.plaza.read.hasVoted([p.id, people[h.person]!]),
        `vote record of ${h.person} on ${p.id}`,
      ).toBe(p.votes.has(h.person));
    }
  }
}

/**
 * Per version and token: no holder paid past its exact share; what holders were paid and can claim,
 * plus what the unclaimed shares are owed (swept or sweepable), equals the revenue credited, less
 * rounding dust of under one unit per payee; a revoked version is owed nothing.
 */
export async function checkAccounting(m: Model, r: Real) {
  for (let v = 0; v < VERSIONS; v++) {
    const total = totalOf(v);
    for (let t = 0; t < 2; t++) {
      const acc = await r.f.plaza.read.revenuePerShare([r.datasetId, version(v), r.tokens[t]!]);
      const credited = get(m.credited, key(v, t));
      let toHolders = 0n;
      for (const h of versionHolders[v]!) {
        const paid = get(m.paid, key(v, t, h.person));
        expect(
          paid <= (credited * h.amount) / total,
          `holder ${h.person} overpaid in ${v}/${t}`,
        ).toBe(true);
        if (!m.claimed[v]!.has(h.person)) continue;
        const claimable = await r.f.plaza.read.claimableRevenue([
          r.datasetId,
          version(v),
          r.tokens[t]!,
          people[h.person]!,
        ]);
        toHolders += paid + claimable;
      }
      const unclaimedOwed = ((total - claimedOf(m, v)) * acc) >> 128n;
      const swept = await r.f.plaza.read.sweptRevenue([r.datasetId, version(v), r.tokens[t]!]);
      expect(swept).toBe(get(m.swept, key(v, t)));
      if ((await r.chain.now()) >= r.deadlines[v]!) {
        const sweepable = await r.f.plaza.read.sweepableRevenue([
          r.datasetId,
          version(v),
          r.tokens[t]!,
        ]);
        expect(swept + sweepable, `unclaimed owed ${v}/${t}`).toBe(unclaimedOwed);
      }
      const accounted = toHolders + unclaimedOwed;
      expect(accounted <= credited, `version ${v} token ${t} insolvent`).toBe(true);
      const payees = BigInt(versionHolders[v]!.length + 1);
      expect(credited - accounted <= payees, `version ${v} token ${t}: value unaccounted`).toBe(
        true,
      );
      if (v === REVOKED) expect(credited + acc).toBe(0n);
    }
  }
  await checkLight(m, r);
}

/** The largest of some bigints (0n for none). */
function latest(values: readonly bigint[]): bigint {
  let max = 0n;
  for (const value of values) if (value > max) max = value;
  return max;
}
