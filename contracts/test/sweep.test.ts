import { zeroAddress } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proposalOutcome, proposalStatus } from '../src/enums.ts';
import type { SharesTree } from '../src/shares-tree.ts';
import { addressOf, revertReason, type TestChain } from './support/chain.ts';
import { A, B, C, createLicenseWorld, E, PRICE } from './support/license-world.ts';
import { DAY, eventsOf, type PlazaFixture, roles } from './support/plaza-fixture.ts';

/** The license world: A–D claimed 9,900 of 10,000 shares; E (100) has not claimed. */
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

const settle = (id: bigint) => f.send(f.plaza.write.settle([id], { account: roles.stranger }));
const sweep = (token = f.usdAddress) =>
  f.send(f.plaza.write.sweepUnclaimed([datasetId, version, token], { account: roles.stranger }));

/** A license approved by A and B (7,000 of 10,000 shares). */
async function sell(price = PRICE) {
  const { proposalId } = await f.proposeLicense(datasetId, version, { price });
  await f.send(f.plaza.write.vote([proposalId, true], { account: A }));
  await f.send(f.plaza.write.vote([proposalId, true], { account: B }));
  await settle(proposalId);
}

async function passDeadline() {
  const deadline = await f.plaza.read.claimDeadline([datasetId, version]);
  await chain.warp(BigInt(deadline) - (await chain.now()));
  return deadline;
}

describe('claim deadline', () => {
  it('closes share claims, by claim or by vote, at the deadline', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    const deadline = await f.plaza.read.claimDeadline([datasetId, version]);
    await chain.warp(BigInt(deadline) - (await chain.now()) - 1n);
    // The second before: still open (E could claim now).
    await f.plaza.simulate.claimShares([datasetId, version, 4, E, 100n, tree.getProof(4)], {
      account: E,
    });
    await chain.warp(1);
    const claim = await revertReason(
      f.plaza.simulate.claimShares([datasetId, version, 4, E, 100n, tree.getProof(4)], {
        account: E,
      }),
    );
    expect(claim).toEqual({
      errorName: 'PlazaClaimPeriodOver',
      args: [datasetId, version, deadline],
    });
    const newer = await f.proposeLicense(datasetId, version);
    const withProof = await revertReason(
      f.plaza.simulate.voteWithProof([newer.proposalId, true, 4, 100n, tree.getProof(4)], {
        account: E,
      }),
    );
    expect(withProof.errorName).toBe('PlazaClaimPeriodOver');
    // Holders who claimed still vote.
    await f.send(f.plaza.write.vote([newer.proposalId, true], { account: C }));
    expect(proposalId).toBeGreaterThan(0n);
  });
});

describe('sweepUnclaimed', () => {
  it('refuses before the deadline, for unknown versions and when nothing is owed', async () => {
    await sell();
    const deadline = await f.plaza.read.claimDeadline([datasetId, version]);
    expect(
      await revertReason(f.plaza.simulate.sweepUnclaimed([datasetId, version, f.usdAddress])),
    ).toEqual({ errorName: 'PlazaClaimPeriodNotOver', args: [datasetId, version, deadline] });
    expect(await f.plaza.read.sweepableRevenue([datasetId, version, f.usdAddress])).toBe(0n);
    expect(
      await revertReason(f.plaza.simulate.sweepUnclaimed([datasetId, 9, f.usdAddress])),
    ).toEqual({ errorName: 'PlazaUnknownVersion', args: [datasetId, 9] });
    await passDeadline();
    await sweep();
    expect(
      (await revertReason(f.plaza.simulate.sweepUnclaimed([datasetId, version, f.usdAddress])))
        .errorName,
    ).toBe('PlazaNothingToClaim');
  });

  it('sends unclaimed shares’ revenue to the destination, again as revenue arrives, never a holder’s', async () => {
    await sell();
    await passDeadline();
    // E's 100 of 10,000 shares were never claimed: 1 % of the revenue.
    expect(await f.plaza.read.sweepableRevenue([datasetId, version, f.usdAddress])).toBe(
      PRICE / 100n,
    );
    const receipt = await sweep();
    expect(eventsOf(receipt, 'UnclaimedRevenueSwept')[0]?.args).toEqual({
      datasetId,
      version,
      token: f.usdAddress,
      to: roles.treasury,
      amount: PRICE / 100n,
    });
    expect(await f.usd.read.balanceOf([roles.treasury])).toBe(PRICE / 100n);
    // A license after the deadline: its unclaimed part is swept too.
    await sell(2n * PRICE);
    await sweep();
    expect(await f.usd.read.balanceOf([roles.treasury])).toBe((3n * PRICE) / 100n);
    expect(await f.plaza.read.sweptRevenue([datasetId, version, f.usdAddress])).toBe(
      (3n * PRICE) / 100n,
    );
    // Every holder who claimed is still paid in full, and nothing is left.
    for (const holder of [A, B, C, addressOf('license-holder-d')]) {
      await f.send(
        f.plaza.write.claimRevenue([datasetId, version, f.usdAddress], { account: holder }),
      );
    }
    expect(await f.usd.read.balanceOf([A])).toBe((3n * PRICE * 4_000n) / 10_000n);
    expect(await f.usd.read.balanceOf([f.plazaAddress])).toBe(0n);
  });

  it('sweeps nothing from a revoked version', async () => {
    const revoked = await f.publishVersion(datasetId, [{ account: A, amount: 1n }], {
      activate: false,
    });
    await f.send(
      f.plaza.write.revokeVersion([datasetId, revoked.version], { account: roles.guardian }),
    );
    const deadline = await f.plaza.read.claimDeadline([datasetId, revoked.version]);
    await chain.warp(BigInt(deadline) - (await chain.now()));
    expect(await f.plaza.read.sweepableRevenue([datasetId, revoked.version, f.usdAddress])).toBe(
      0n,
    );
    const reason = await revertReason(
      f.plaza.simulate.sweepUnclaimed([datasetId, revoked.version, f.usdAddress]),
    );
    expect(reason.errorName).toBe('PlazaNothingToClaim');
  });
});

describe('proposeSweepTo: the holders choose the destination', () => {
  it('moves the version’s sweeps to the destination its holders vote for', async () => {
    const charity = addressOf('charity');
    const receipt = await f.send(
      f.plaza.write.proposeSweepTo([datasetId, version, charity], { account: C }),
    );
    const now = Number(await chain.now());
    const [event] = eventsOf(receipt, 'SweepToProposed');
    expect(event?.args).toMatchObject({
      datasetId,
      version,
      proposer: C,
      destination: charity,
      voteStart: now,
      voteEnd: now + 3 * DAY,
    });
    const id = event!.args.proposalId;
    expect(await f.plaza.read.getProposal([id])).toMatchObject({
      buyer: C,
      token: charity,
      escrow: 0n,
      duration: 0,
    });
    await f.send(f.plaza.write.vote([id, true], { account: A }));
    await f.send(f.plaza.write.vote([id, true], { account: C }));
    const settled = await settle(id);
    expect(eventsOf(settled, 'SweepToApproved')[0]?.args).toEqual({
      proposalId: id,
      datasetId,
      version,
      destination: charity,
    });
    expect(await f.plaza.read.proposalOutcome([id])).toBe(proposalOutcome.approved);
    expect(await f.plaza.read.sweepDestination([datasetId, version])).toBe(charity);
    expect((await f.plaza.read.getVersion([datasetId, version])).sweepTo).toBe(charity);
    await sell();
    await passDeadline();
    await sweep();
    expect(await f.usd.read.balanceOf([charity])).toBe(PRICE / 100n);
    expect(await f.usd.read.balanceOf([roles.treasury])).toBe(0n);
  });

  it('keeps the destination when the vote fails, and takes no escrow', async () => {
    const { proposalId: license } = await f.proposeLicense(datasetId, version);
    const proposed = await f.send(
      f.plaza.write.proposeSweepTo([datasetId, version, roles.stranger], { account: C }),
    );
    const sweepId = eventsOf(proposed, 'SweepToProposed')[0]!.args.proposalId;
    expect(sweepId).toBe(license + 1n);
    await f.send(f.plaza.write.vote([sweepId, false], { account: A }));
    await f.send(f.plaza.write.vote([sweepId, false], { account: addressOf('license-holder-d') }));
    await f.send(
      f.plaza.write.voteWithProof([sweepId, false, 4, 100n, tree.getProof(4)], { account: E }),
    );
    const settled = await settle(sweepId);
    expect(eventsOf(settled, 'SweepToRejected')[0]?.args).toEqual({
      proposalId: sweepId,
      quorumReached: true,
    });
    expect((await f.plaza.read.getProposal([sweepId])).status).toBe(proposalStatus.rejected);
    expect(await f.plaza.read.proposalOutcome([sweepId])).toBe(proposalOutcome.rejected);
    expect(await f.plaza.read.sweepDestination([datasetId, version])).toBe(roles.treasury);
    expect((await f.plaza.read.getProposal([license])).escrow).toBe(PRICE);
  });

  it('is open to the version’s holders only, with a destination', async () => {
    const stranger = await revertReason(
      f.plaza.simulate.proposeSweepTo([datasetId, version, roles.stranger], { account: E }),
    );
    expect(stranger).toEqual({ errorName: 'PlazaNotHolder', args: [datasetId, version, E] });
    const zero = await revertReason(
      f.plaza.simulate.proposeSweepTo([datasetId, version, zeroAddress], { account: A }),
    );
    expect(zero.errorName).toBe('PlazaZeroAddress');
    const pending = await f.publishVersion(datasetId, [{ account: A, amount: 1n }], {
      activate: false,
    });
    const closed = await revertReason(
      f.plaza.simulate.proposeSweepTo([datasetId, pending.version, roles.stranger], {
        account: A,
      }),
    );
    expect(closed.errorName).toBe('PlazaVersionNotActive');
    const unknown = await revertReason(
      f.plaza.simulate.proposeSweepTo([77n, 1, roles.stranger], { account: A }),
    );
    expect(unknown.errorName).toBe('PlazaUnknownDataset');
  });
});
