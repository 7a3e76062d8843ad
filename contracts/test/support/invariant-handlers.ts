import fc from 'fast-check';
import { expect } from 'vitest';
import {
  checkLight,
  claimRevenueOf,
  settle,
  sweepOf,
  withdrawCreditOf,
} from './invariant-actions.ts';

import {
  always,
  awayFromEdges,
  type Cmd,
  decided,
  expectRevert,
  people,
  REVOKED,
  totalOf,
  VERSIONS,
  version,
  versionHolders,
} from './invariant-world.ts';
import { DAY, HOUR, roles } from './plaza-fixture.ts';

export {
  propose,
  proposeSweepTo,
  vote,
  voteEverywhere,
} from './invariant-proposal-handlers.ts';

/**
 * The handlers: each draws its arguments, predicts the outcome from the model, acts, and checks.
 * Those of proposals and votes are in invariant-proposal-handlers.ts.
 */

export const claimShares = fc.record({ v: fc.nat(VERSIONS - 1), h: fc.nat() }).map(
  ({ v, h }): Cmd => ({
    check: always,
    toString: () => `claimShares(v${v}, #${h})`,
    async run(m, r) {
      const index = h % versionHolders[v]!.length;
      const person = versionHolders[v]![index]!.person;
      const leaf = r.trees[v]!.leaves[index]!;
      const proof = r.trees[v]!.getProof(index);
      const args = [r.datasetId, version(v), index, leaf[3], leaf[4], proof] as const;
      const call = () => r.f.plaza.simulate.claimShares(args, { account: roles.stranger });
      const now = await awayFromEdges(r, [r.deadlines[v]!]);
      if (v === REVOKED) return expectRevert(call(), 'PlazaVersionNotActive', this.toString());
      if (m.claimed[v]!.has(person)) {
        return expectRevert(call(), 'PlazaSharesAlreadyClaimed', this.toString());
      }
      if (now + 1n >= r.deadlines[v]!) {
        return expectRevert(call(), 'PlazaClaimPeriodOver', this.toString());
      }
      await r.f.send(r.f.plaza.write.claimShares(args, { account: roles.stranger }));
      m.claimed[v]!.add(person);
      const stored = await r.f.plaza.read.getVersion([r.datasetId, version(v)]);
      expect(stored.claimedShares <= stored.totalShares).toBe(true);
    },
  }),
);

export const settleCmd = fc.nat().map(
  (pick): Cmd => ({
    check: (m) => m.proposals.length > 0,
    toString: () => `settle(#${pick})`,
    async run(m, r) {
      const p = m.proposals[pick % m.proposals.length]!;
      const call = () => r.f.plaza.simulate.settle([p.id], { account: roles.stranger });
      if (p.settled) return expectRevert(call(), 'PlazaProposalSettled', 'settled');
      const now = await awayFromEdges(r, [p.voteEnd]);
      if (!decided(p, totalOf(p.v)) && now + 1n < p.voteEnd) {
        return expectRevert(call(), 'PlazaVotingNotEnded', 'early');
      }
      await settle(m, r, p);
      await checkLight(m, r);
    },
  }),
);

export const warp = fc
  .oneof(
    { arbitrary: fc.constant(HOUR), weight: 10 },
    { arbitrary: fc.constant(DAY), weight: 4 },
    { arbitrary: fc.constant(4 * DAY), weight: 1 },
    { arbitrary: fc.constant(31 * DAY), weight: 2 },
  )
  .map(
    (seconds): Cmd => ({
      check: always,
      toString: () => `warp(${seconds})`,
      run: (_, r) => r.chain.warp(seconds),
    }),
  );

export const claimRevenue = fc
  .record({ person: fc.nat(people.length - 1), t: fc.nat(1), many: fc.boolean() })
  .map(
    ({ person, t, many }): Cmd => ({
      check: always,
      toString: () => `claimRevenue(person ${person}, token ${t}, many ${many})`,
      run(m, r) {
        return claimRevenueOf(m, r, person, t, many, this.toString());
      },
    }),
  );

export const sweep = fc.record({ v: fc.nat(5), t: fc.nat(1) }).map(
  ({ v, t }): Cmd => ({
    check: always,
    toString: () => `sweepUnclaimed(draw ${v}, token ${t})`,
    run(m, r) {
      // Mostly v1, whose phantom shares are always unclaimed; sometimes v0 or the revoked v2.
      const version_ = [1, 1, 1, 0, 0, REVOKED][v]!;
      return sweepOf(m, r, version_, t, this.toString());
    },
  }),
);

export const withdrawCredit = fc.record({ hostile: fc.boolean(), t: fc.nat(1) }).map(
  ({ hostile, t }): Cmd => ({
    check: always,
    toString: () => `withdrawCredit(${hostile ? 'hostile buyer' : 'fee recipient'}, token ${t})`,
    run(m, r) {
      return withdrawCreditOf(m, r, hostile, t, this.toString());
    },
  }),
);
