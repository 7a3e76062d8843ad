/**
 * The invariant fuzzer's handlers for proposals and votes (licenses and sweep destinations): each
 * draws its arguments, predicts the outcome from the model, acts, and checks.
 */
import fc from 'fast-check';
import { getContract, keccak256, parseEventLogs, type TransactionReceipt, toHex } from 'viem';
import { expect } from 'vitest';
import { plazaAbi } from '../../src/generated/plaza.ts';
import { hostileBuyerAbi } from '../generated/hostile-buyer.ts';
import { checkLight } from './invariant-actions.ts';
import {
  always,
  awayFromEdges,
  type Cmd,
  decided,
  destinations,
  expectRevert,
  type Model,
  type Proposal,
  people,
  REVOKED,
  type Real,
  totalOf,
  VERSIONS,
  version,
  versionHolders,
} from './invariant-world.ts';
import { DAY, roles } from './plaza-fixture.ts';

/** Adds the proposal a receipt's event describes to the model. */
function record(m: Model, receipt: TransactionReceipt, fields: Partial<Proposal>): Proposal {
  const [event] = parseEventLogs({ abi: plazaAbi, logs: receipt.logs }).filter(
    (log) => log.eventName === 'LicenseProposed' || log.eventName === 'SweepToProposed',
  );
  if (event?.eventName !== 'LicenseProposed' && event?.eventName !== 'SweepToProposed') {
    throw new Error('no proposal event');
  }
  const p: Proposal = {
    id: event.args.proposalId,
    v: 0,
    kind: 'license',
    token: 0,
    destination: null,
    escrow: 0n,
    voteStart: BigInt(event.args.voteStart),
    voteEnd: BigInt(event.args.voteEnd),
    votes: new Map(),
    forVotes: 0n,
    against: 0n,
    settled: false,
    ...fields,
  };
  m.proposals.push(p);
  return p;
}

export const propose = fc
  .record({
    v: fc.nat(VERSIONS - 1),
    t: fc.nat(1),
    price: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  })
  .map(
    ({ v, t, price }): Cmd => ({
      check: always,
      toString: () => `propose(v${v}, token ${t}, ${price})`,
      async run(m, r) {
        const args = [r.datasetId, version(v), r.tokens[t]!, price, 30 * DAY] as const;
        if (v === REVOKED) {
          return expectRevert(
            r.f.plaza.simulate.proposeLicense([...args, keccak256(toHex('t'))], {
              account: roles.buyer,
            }),
            'PlazaVersionNotActive',
            this.toString(),
          );
        }
        const buyer = getContract({ address: r.hostile, abi: hostileBuyerAbi, client: r.f.client });
        const receipt =
          t === 0
            ? await r.f.send(
                r.f.plaza.write.proposeLicense([...args, keccak256(toHex('t'))], {
                  account: roles.buyer,
                }),
              )
            : await r.f.send(
                buyer.write.propose([r.f.plazaAddress, ...args], { account: roles.stranger }),
              );
        const p = record(m, receipt, { v, kind: 'license', token: t, escrow: price });
        expect(p.voteEnd - p.voteStart).toBe(BigInt(3 * DAY));
        m.ledger[t]!.open += price;
        await checkLight(m, r);
      },
    }),
  );

export const proposeSweepTo = fc
  .record({ v: fc.nat(1), h: fc.nat(), d: fc.nat(destinations.length - 1) })
  .map(
    ({ v, h, d }): Cmd => ({
      check: always,
      toString: () => `proposeSweepTo(v${v}, holder #${h}, destination ${d})`,
      async run(m, r) {
        // Even draws propose as a holder who claimed (when there is one), odd ones as anyone.
        const claimed = versionHolders[v]!.filter((x) => m.claimed[v]!.has(x.person));
        const pool = h % 2 === 0 && claimed.length > 0 ? claimed : versionHolders[v]!;
        const holder = pool[(h >> 1) % pool.length]!;
        const account = people[holder.person]!;
        const call = () =>
          r.f.plaza.simulate.proposeSweepTo([r.datasetId, version(v), destinations[d]!], {
            account,
          });
        if (!m.claimed[v]!.has(holder.person)) {
          return expectRevert(call(), 'PlazaNotHolder', this.toString());
        }
        const { request } = await call();
        const receipt = await r.f.send(r.f.client.writeContract(request as never));
        record(m, receipt, { v, kind: 'sweep', destination: destinations[d]! });
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
      run(m, r) {
        // Half the picks among the three newest proposals, so tallies build up to decisions.
        const n = m.proposals.length;
        const p = m.proposals[pick % 2 === 0 ? n - 1 - ((pick >> 1) % Math.min(n, 3)) : pick % n]!;
        const holders = versionHolders[p.v]!;
        const person = outsider ? h % people.length : holders[h % holders.length]!.person;
        return voteOn(m, r, p, person, support, withProof, this.toString());
      },
    }),
  );

/**
 * One holder votes on every proposal of a version in a random order (newest first included): every
 * open one must take the vote. The property the vote window of the old contract broke.
 */
export const voteEverywhere = fc
  .record({ v: fc.nat(1), h: fc.nat(), seed: fc.nat(), support: fc.boolean() })
  .map(
    ({ v, h, seed, support }): Cmd => ({
      check: (m) => m.proposals.some((p) => p.v === v),
      toString: () => `voteEverywhere(v${v}, holder #${h}, order ${seed}, ${support})`,
      async run(m, r) {
        const holders = versionHolders[v]!;
        const person = holders[h % holders.length]!.person;
        const mine = m.proposals.filter((p) => p.v === v);
        const rank = (p: Proposal) => Number((p.id * 7_919n + BigInt(seed)) % 104_729n);
        // Even seeds: newest first (the order the old web app listed); odd: shuffled.
        const order =
          seed % 2 === 0 ? [...mine].reverse() : [...mine].sort((a, b) => rank(a) - rank(b));
        for (const p of order) await voteOn(m, r, p, person, support, true, this.toString());
      },
    }),
  );

/** Votes, predicting from the model whether the contract must take the vote and why not. */
async function voteOn(
  m: Model,
  r: Real,
  p: Proposal,
  person: number,
  support: boolean,
  withProof: boolean,
  what: string,
) {
  const holders = versionHolders[p.v]!;
  const total = totalOf(p.v);
  const index = holders.findIndex((x) => x.person === person);
  const account = people[person]!;
  const now = await awayFromEdges(r, [p.voteStart, p.voteEnd, r.deadlines[p.v]!]);
  const claimed = m.claimed[p.v]!.has(person);
  const useProof = withProof && index >= 0;
  const call = useProof
    ? () => {
        const leaf = r.trees[p.v]!.leaves[index]!;
        return r.f.plaza.simulate.voteWithProof(
          [p.id, support, index, leaf[4], r.trees[p.v]!.getProof(index)],
          { account },
        );
      }
    : () => r.f.plaza.simulate.vote([p.id, support], { account });
  let expected: string | undefined;
  if (p.settled) expected = 'PlazaProposalSettled';
  else if (now + 1n >= p.voteEnd || decided(p, total)) expected = 'PlazaVotingClosed';
  else if (now + 1n < p.voteStart) expected = 'PlazaVotingNotStarted';
  else if (index < 0 || (!claimed && !useProof)) expected = 'PlazaNoShares';
  else if (!claimed && now + 1n >= r.deadlines[p.v]!) expected = 'PlazaClaimPeriodOver';
  else if (p.votes.has(person)) expected = 'PlazaAlreadyVoted';
  expect(await r.f.plaza.read.hasVoted([p.id, account]), `${what}: record`).toBe(
    p.votes.has(person),
  );
  if (expected !== undefined) return expectRevert(call(), expected, `${what} on ${p.id}`);
  // Any holder can vote on any open proposal of their version, whatever they voted on before.
  const { request } = await call();
  await r.f.send(r.f.client.writeContract(request as never));
  const weight = holders[index]!.amount;
  m.claimed[p.v]!.add(person);
  p.votes.set(person, { support, weight });
  if (support) p.forVotes += weight;
  else p.against += weight;
  const stored = await r.f.plaza.read.getProposal([p.id]);
  expect([stored.forVotes, stored.againstVotes]).toEqual([p.forVotes, p.against]);
  expect(await r.f.plaza.read.hasVoted([p.id, account])).toBe(true);
  await checkLight(m, r);
}
