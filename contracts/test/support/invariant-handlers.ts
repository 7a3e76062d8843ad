import fc from 'fast-check';
import { getContract, keccak256, parseEventLogs, toHex } from 'viem';
import { expect } from 'vitest';
import { plazaAbi } from '../../src/generated/plaza.ts';
import { hostileBuyerAbi } from '../generated/hostile-buyer.ts';
import {
  checkLight,
  claimRevenueOf,
  decided,
  expectRevert,
  type Model,
  people,
  type Real,
  settle,
  totalOf,
  versionHolders,
  withdrawCreditOf,
} from './invariant-world.ts';
import { DAY, HOUR, roles } from './plaza-fixture.ts';

/** The handlers: each draws its arguments, predicts the outcome from the model, acts, and checks. */

type Cmd = fc.AsyncCommand<Model, Real>;
const always = () => true;

export const propose = fc
  .record({ v: fc.nat(1), t: fc.nat(1), price: fc.bigInt({ min: 1n, max: 10n ** 12n }) })
  .map(
    ({ v, t, price }): Cmd => ({
      check: always,
      toString: () => `propose(v${v + 1}, token ${t}, ${price})`,
      async run(m, r) {
        const buyer = getContract({ address: r.hostile, abi: hostileBuyerAbi, client: r.f.client });
        const receipt =
          t === 0
            ? await r.f.send(
                r.f.plaza.write.proposeLicense(
                  [r.datasetId, v + 1, r.tokens[0]!, price, 30 * DAY, keccak256(toHex('t'))],
                  {
                    account: roles.buyer,
                  },
                ),
              )
            : await r.f.send(
                buyer.write.propose(
                  [r.f.plazaAddress, r.datasetId, v + 1, r.tokens[1]!, price, 30 * DAY],
                  {
                    account: roles.stranger,
                  },
                ),
              );
        const [event] = parseEventLogs({
          abi: plazaAbi,
          logs: receipt.logs,
          eventName: 'LicenseProposed',
        });
        expect(event?.args.escrow).toBe(price);
        m.proposals.push({
          id: event!.args.proposalId,
          v,
          token: t,
          escrow: price,
          voteEnd: BigInt(event!.args.voteEnd),
          votes: new Map(),
          forVotes: 0n,
          against: 0n,
          settled: false,
        });
        m.ledger[t]!.open += price;
        await checkLight(m, r);
      },
    }),
  );

export const vote = fc
  .record({
    p: fc.nat(),
    h: fc.nat(),
    outsider: fc.oneof(
      { arbitrary: fc.constant(false), weight: 9 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
    support: fc.oneof(
      { arbitrary: fc.constant(true), weight: 2 },
      { arbitrary: fc.constant(false), weight: 1 },
    ),
    withProof: fc.oneof(
      { arbitrary: fc.constant(true), weight: 2 },
      { arbitrary: fc.constant(false), weight: 1 },
    ),
  })
  .map(
    ({ p: pick, h, outsider, support, withProof }): Cmd => ({
      check: (m) => m.proposals.length > 0,
      toString: () =>
        `vote(#${pick}, holder #${h}${outsider ? ' (any person)' : ''}, ${support}, proof ${withProof})`,
      async run(m, r) {
        const p = m.proposals[pick % m.proposals.length]!;
        const total = totalOf(p.v);
        const holders = versionHolders[p.v]!;
        const person = outsider ? h % people.length : holders[h % holders.length]!.person;
        const index = holders.findIndex((x) => x.person === person);
        const account = people[person]!;
        const now = await r.chain.now();
        const claimed = m.claimed[p.v]!.has(person);
        const useProof = withProof && index >= 0;
        const call = useProof
          ? () => {
              const leaf = r.trees[p.v]!.leaves[index]!;
              return r.f.plaza.simulate.voteWithProof(
                [p.id, support, index, leaf[4], r.trees[p.v]!.getProof(index)],
                {
                  account,
                },
              );
            }
          : () => r.f.plaza.simulate.vote([p.id, support], { account });
        let expected: string | undefined;
        if (p.settled) expected = 'PlazaProposalSettled';
        else if (now + 1n >= p.voteEnd || decided(p, total)) expected = 'PlazaVotingClosed';
        else if (index < 0 || (!claimed && !useProof)) expected = 'PlazaNoShares';
        else if (p.votes.has(person)) expected = 'PlazaAlreadyVoted';
        if (expected !== undefined) return expectRevert(call(), expected, this.toString());
        const { request } = await call();
        await r.f.send(r.f.client.writeContract(request as never));
        const weight = versionHolders[p.v]![index]!.amount;
        m.claimed[p.v]!.add(person);
        p.votes.set(person, { support, weight });
        if (support) p.forVotes += weight;
        else p.against += weight;
        const stored = await r.f.plaza.read.getProposal([p.id]);
        expect([stored.forVotes, stored.againstVotes]).toEqual([p.forVotes, p.against]);
        await checkLight(m, r);
      },
    }),
  );

export const claimShares = fc.record({ v: fc.nat(1), h: fc.nat() }).map(
  ({ v, h }): Cmd => ({
    check: always,
    toString: () => `claimShares(v${v + 1}, #${h})`,
    async run(m, r) {
      const index = h % versionHolders[v]!.length;
      const person = versionHolders[v]![index]!.person;
      const leaf = r.trees[v]!.leaves[index]!;
      const args = [
        r.datasetId,
        v + 1,
        index,
        leaf[3],
        leaf[4],
        r.trees[v]!.getProof(index),
      ] as const;
      if (m.claimed[v]!.has(person)) {
        return expectRevert(
          r.f.plaza.simulate.claimShares(args, { account: roles.stranger }),
          'PlazaSharesAlreadyClaimed',
          this.toString(),
        );
      }
      await r.f.send(r.f.plaza.write.claimShares(args, { account: roles.stranger }));
      m.claimed[v]!.add(person);
      const version = await r.f.plaza.read.getVersion([r.datasetId, v + 1]);
      expect(version.claimedShares <= version.totalShares).toBe(true);
    },
  }),
);

export const settleCmd = fc.nat().map(
  (pick): Cmd => ({
    check: (m) => m.proposals.length > 0,
    toString: () => `settle(#${pick})`,
    async run(m, r) {
      const p = m.proposals[pick % m.proposals.length]!;
      const now = await r.chain.now();
      if (p.settled) {
        return expectRevert(
          r.f.plaza.simulate.settle([p.id], { account: roles.stranger }),
          'PlazaProposalSettled',
          'settled',
        );
      }
      if (!decided(p, totalOf(p.v)) && now + 1n < p.voteEnd) {
        return expectRevert(
          r.f.plaza.simulate.settle([p.id], { account: roles.stranger }),
          'PlazaVotingNotEnded',
          'early',
        );
      }
      await settle(m, r, p);
      await checkLight(m, r);
    },
  }),
);

export const warp = fc
  .oneof(
    { arbitrary: fc.constant(HOUR), weight: 6 },
    { arbitrary: fc.constant(DAY), weight: 3 },
    { arbitrary: fc.constant(4 * DAY), weight: 1 },
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

export const withdrawCredit = fc.record({ hostile: fc.boolean(), t: fc.nat(1) }).map(
  ({ hostile, t }): Cmd => ({
    check: always,
    toString: () => `withdrawCredit(${hostile ? 'hostile buyer' : 'fee recipient'}, token ${t})`,
    run(m, r) {
      return withdrawCreditOf(m, r, hostile, t, this.toString());
    },
  }),
);
