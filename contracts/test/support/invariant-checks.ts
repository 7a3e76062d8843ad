import { expect } from 'vitest';
import {
  checkLight,
  claimRevenueOf,
  expectRevert,
  get,
  key,
  type Model,
  people,
  type Real,
  settle,
  token,
  totalOf,
  versionHolders,
  withdrawCreditOf,
} from './invariant-world.ts';
import { DAY, roles } from './plaza-fixture.ts';

/**
 * Invariants over every holder and proposal; then every proposal must settle once the clock passes, and
 * everyone is paid out: the contract must end holding only rounding dust.
 */
export async function checkHeavy(m: Model, r: Real) {
  await checkTallies(m, r);
  await checkSolvency(m, r);
  // Any expired proposal can be settled, exactly once.
  await r.chain.warp(4 * DAY);
  for (const p of m.proposals.filter((x) => !x.settled)) await settle(m, r, p);
  for (const p of m.proposals) {
    await expectRevert(
      r.f.plaza.simulate.settle([p.id], { account: roles.stranger }),
      'PlazaProposalSettled',
      'twice',
    );
  }
  // Pay everyone out.
  for (let v = 0; v < 2; v++) {
    for (const [index, h] of versionHolders[v]!.entries()) {
      if (m.claimed[v]!.has(h.person)) continue;
      const leaf = r.trees[v]!.leaves[index]!;
      await r.f.send(
        r.f.plaza.write.claimShares(
          [r.datasetId, v + 1, index, leaf[3], leaf[4], r.trees[v]!.getProof(index)],
          {
            account: roles.stranger,
          },
        ),
      );
      m.claimed[v]!.add(h.person);
    }
  }
  for (let t = 0; t < 2; t++) {
    for (let person = 0; person < people.length; person++)
      await claimRevenueOf(m, r, person, t, true, 'payout');
    await withdrawCreditOf(m, r, false, t, 'payout');
    await withdrawCreditOf(m, r, true, t, 'payout');
  }
  await checkSolvency(m, r);
  for (let t = 0; t < 2; t++) {
    const l = m.ledger[t]!;
    expect(l.open).toBe(0n);
    const dust = await token(r, t).read.balanceOf([r.f.plazaAddress]);
    expect(dust <= BigInt(people.length * 2), `dust ${dust} in token ${t}`).toBe(true);
  }
}

export async function checkTallies(m: Model, r: Real) {
  for (const p of m.proposals) {
    const stored = await r.f.plaza.read.getProposal([p.id]);
    let forVotes = 0n;
    let against = 0n;
    for (const [person, vote] of p.votes) {
      if (vote.support) forVotes += vote.weight;
      else against += vote.weight;
      expect(await r.f.plaza.read.hasVoted([p.id, people[person]!])).toBe(true);
    }
    expect([stored.forVotes, stored.againstVotes], `tallies of ${p.id}`).toEqual([
      forVotes,
      against,
    ]);
  }
}

export async function checkSolvency(m: Model, r: Real) {
  for (let v = 0; v < 2; v++) {
    const total = totalOf(v);
    for (let t = 0; t < 2; t++) {
      const acc = await r.f.plaza.read.revenuePerShare([r.datasetId, v + 1, r.tokens[t]!]);
      const credited = get(m.credited, key(v, t));
      let owedToAll = 0n;
      for (const h of versionHolders[v]!) {
        owedToAll += (h.amount * acc) >> 128n;
        // No holder overpaid: never past the exact share (totals stay below 2^32, see PlazaRevenue).
        const paid = get(m.paid, key(v, t, h.person));
        expect(
          paid <= (credited * h.amount) / total,
          `holder ${h.person} overpaid in ${v}/${t}`,
        ).toBe(true);
      }
      // Solvency per version: everything ever owed to its holders fits in what was credited to it.
      expect(owedToAll <= credited, `version ${v} token ${t} insolvent`).toBe(true);
    }
  }
  await checkLight(m, r);
}
