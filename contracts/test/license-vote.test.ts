import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proposalOutcome } from '../src/enums.ts';
import type { SharesTree } from '../src/shares-tree.ts';
import { revertReason, type TestChain } from './support/chain.ts';
import {
  A,
  B,
  C,
  createLicenseWorld,
  D,
  E,
  licenseHolders,
  PRICE,
  terms,
} from './support/license-world.ts';
import { DAY, eventsOf, type PlazaFixture, roles } from './support/plaza-fixture.ts';

let chain: TestChain;
let f: PlazaFixture;
let datasetId: bigint;
let version: number;
let tree: SharesTree;

beforeAll(async () => {
  ({ chain, f, datasetId, version, tree } = await createLicenseWorld());
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

const vote = (id: bigint, voter: `0x${string}`, support: boolean) =>
  f.send(f.plaza.write.vote([id, support], { account: voter }));
const settle = (id: bigint) => f.send(f.plaza.write.settle([id], { account: roles.stranger }));

describe('vote', () => {
  it('adds the holder weight to one side and emits VoteCast', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    const receipt = await vote(proposalId, B, true);
    expect(eventsOf(receipt, 'VoteCast')[0]?.args).toEqual({
      proposalId,
      voter: B,
      support: true,
      weight: 3_000n,
    });
    await vote(proposalId, C, false);
    const p = await f.plaza.read.getProposal([proposalId]);
    expect([p.forVotes, p.againstVotes]).toEqual([3_000n, 2_000n]);
    expect(await f.plaza.read.hasVoted([proposalId, B])).toBe(true);
    expect(await f.plaza.read.hasVoted([proposalId, A])).toBe(false);
    expect(await f.plaza.read.hasVoted([99n, A])).toBe(false);
  });

  it('reverts for unknown proposals, non-licenseHolders, unclaimed licenseHolders and second votes', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    const v = (id: bigint, account: `0x${string}`) =>
      revertReason(f.plaza.simulate.vote([id, true], { account }));
    expect(await v(42n, A)).toEqual({ errorName: 'PlazaUnknownProposal', args: [42n] });
    expect(await v(proposalId, roles.stranger)).toEqual({
      errorName: 'PlazaNoShares',
      args: [proposalId, roles.stranger],
    });
    expect((await v(proposalId, E)).errorName).toBe('PlazaNoShares');
    await vote(proposalId, C, true);
    expect(await v(proposalId, C)).toEqual({
      errorName: 'PlazaAlreadyVoted',
      args: [proposalId, C],
    });
    const against = await revertReason(f.plaza.simulate.vote([proposalId, false], { account: C }));
    expect(against.errorName).toBe('PlazaAlreadyVoted');
  });

  it('counts only shares in the pinned version', async () => {
    const v2 = await f.publishVersion(datasetId, licenseHolders);
    const { proposalId } = await f.proposeLicense(datasetId, v2.version);
    const reason = await revertReason(f.plaza.simulate.vote([proposalId, true], { account: A }));
    expect(reason.errorName).toBe('PlazaNoShares');
  });

  it('closes at the deadline, on an absolute majority and once settled', async () => {
    const late = (await f.proposeLicense(datasetId, version)).proposalId;
    const decided = (await f.proposeLicense(datasetId, version)).proposalId;
    await vote(decided, A, false);
    await vote(decided, D, false);
    await f.send(
      f.plaza.write.voteWithProof([decided, false, 4, 100n, tree.getProof(4)], { account: E }),
    );
    // 5,000 of 10,000 against: it can no longer pass, so voting is over.
    expect(await revertReason(f.plaza.simulate.vote([decided, true], { account: B }))).toEqual({
      errorName: 'PlazaVotingClosed',
      args: [decided],
    });
    await settle(decided);
    expect(await revertReason(f.plaza.simulate.vote([decided, true], { account: B }))).toEqual({
      errorName: 'PlazaProposalSettled',
      args: [decided],
    });
    await chain.warp(3 * DAY);
    expect(
      (await revertReason(f.plaza.simulate.vote([late, true], { account: B }))).errorName,
    ).toBe('PlazaVotingClosed');
  });

  it('records every vote exactly, in any order, across the share slot and the vote words', async () => {
    const count = 420; // 160 in the holder's slot, then words of 256: 161-416 and 417-672.
    await f.send(f.usd.write.mint([roles.buyer, PRICE * BigInt(count)], { account: roles.buyer }));
    await f.send(
      f.usd.write.approve([f.plazaAddress, PRICE * BigInt(count)], { account: roles.buyer }),
    );
    const ids: bigint[] = [];
    for (let i = 0; i < count; i++) {
      const receipt = await f.send(
        f.plaza.write.proposeLicense([datasetId, version, f.usdAddress, PRICE, DAY, terms], {
          account: roles.buyer,
        }),
      );
      ids.push(eventsOf(receipt, 'LicenseProposed')[0]!.args.proposalId);
    }
    const id = (seq: number) => ids[seq - 1]!;
    // Newest first, then the oldest: every proposal keeps its own record.
    const order = [420, 417, 416, 161, 160, 2, 1, 300];
    for (const seq of order) await vote(id(seq), C, seq % 2 === 0);
    for (const seq of order) {
      expect(await f.plaza.read.hasVoted([id(seq), C]), `seq ${seq}`).toBe(true);
      expect(
        (await revertReason(f.plaza.simulate.vote([id(seq), true], { account: C }))).errorName,
      ).toBe('PlazaAlreadyVoted');
    }
    // Neighbours in the same slot or word are untouched.
    for (const seq of [3, 159, 162, 415, 418, 419]) {
      expect(await f.plaza.read.hasVoted([id(seq), C]), `seq ${seq}`).toBe(false);
    }
    await vote(id(419), C, true);
    // Another holder's record is its own.
    await vote(id(1), B, true);
    expect((await f.plaza.read.getProposal([id(1)])).forVotes).toBe(3_000n);
    expect((await f.plaza.read.getProposal([id(2)])).forVotes).toBe(2_000n);
  });
});

describe('voting delay', () => {
  it('opens the vote only after the dataset’s delay: pending, then voting', async () => {
    const delayed = await f.registerDataset({ votingDelay: DAY });
    const v = await f.publishVersion(delayed, licenseHolders);
    await f.claim(delayed, v.version, v.tree, 0);
    const { proposalId, receipt } = await f.proposeLicense(delayed, v.version);
    const now = Number(await chain.now());
    expect(eventsOf(receipt, 'LicenseProposed')[0]?.args).toMatchObject({
      voteStart: now + DAY,
      voteEnd: now + DAY + 3 * DAY,
    });
    expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.pending);
    expect(await revertReason(f.plaza.simulate.vote([proposalId, true], { account: A }))).toEqual({
      errorName: 'PlazaVotingNotStarted',
      args: [proposalId, now + DAY],
    });
    const withProof = await revertReason(
      f.plaza.simulate.voteWithProof([proposalId, true, 1, 3_000n, v.tree.getProof(1)], {
        account: B,
      }),
    );
    expect(withProof.errorName).toBe('PlazaVotingNotStarted');
    const early = await revertReason(
      f.plaza.simulate.settle([proposalId], { account: roles.stranger }),
    );
    expect(early.errorName).toBe('PlazaVotingNotEnded');
    await chain.warp(DAY);
    expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.voting);
    await vote(proposalId, A, true);
    expect(await f.plaza.read.hasVoted([proposalId, A])).toBe(true);
  });
});

describe('voteWithProof', () => {
  it('claims the shares and votes in one call', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    const receipt = await f.send(
      f.plaza.write.voteWithProof([proposalId, true, 4, 100n, tree.getProof(4)], { account: E }),
    );
    expect(eventsOf(receipt, 'SharesClaimed')[0]?.args.amount).toBe(100n);
    expect(eventsOf(receipt, 'VoteCast')[0]?.args).toEqual({
      proposalId,
      voter: E,
      support: true,
      weight: 100n,
    });
    expect(await f.plaza.read.sharesOf([datasetId, version, E])).toBe(100n);
    expect((await f.plaza.read.getVersion([datasetId, version])).claimedShares).toBe(10_000n);
  });

  it('just votes when the shares are already claimed', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    const receipt = await f.send(
      f.plaza.write.voteWithProof([proposalId, false, 0, 1n, []], { account: A }),
    );
    expect(eventsOf(receipt, 'SharesClaimed')).toHaveLength(0);
    expect((await f.plaza.read.getProposal([proposalId])).againstVotes).toBe(4_000n);
  });

  it('reverts on a bad proof, a closed vote or an unknown proposal, before claiming', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    const bad = await revertReason(
      f.plaza.simulate.voteWithProof([proposalId, true, 4, 101n, tree.getProof(4)], { account: E }),
    );
    expect(bad.errorName).toBe('PlazaInvalidProof');
    const unknown = await revertReason(
      f.plaza.simulate.voteWithProof([9n, true, 4, 100n, tree.getProof(4)], { account: E }),
    );
    expect(unknown.errorName).toBe('PlazaUnknownProposal');
    await chain.warp(3 * DAY);
    const closed = await revertReason(
      f.plaza.simulate.voteWithProof([proposalId, true, 4, 100n, tree.getProof(4)], { account: E }),
    );
    expect(closed.errorName).toBe('PlazaVotingClosed');
    expect(await f.plaza.read.sharesOf([datasetId, version, E])).toBe(0n);
  });
});
