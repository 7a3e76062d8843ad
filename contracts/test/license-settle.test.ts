import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proposalOutcome, proposalStatus } from '../src/enums.ts';
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

describe('settle', () => {
  it('approves early on an absolute majority: license, revenue and LicenseApproved', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version, { duration: 30 * DAY });
    await vote(proposalId, A, true);
    expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.voting);
    await vote(proposalId, B, true);
    expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.passed);
    const receipt = await settle(proposalId);
    const now = Number(await chain.now());
    const acc = 1n + (PRICE << 128n) / 10_000n;
    expect(eventsOf(receipt, 'LicenseApproved')[0]?.args).toEqual({
      proposalId,
      buyer: roles.buyer,
      startsAt: now,
      expiresAt: now + 30 * DAY,
      revenue: PRICE,
      fee: 0n,
      revenuePerShare: acc,
    });
    expect(await f.plaza.read.revenuePerShare([datasetId, version, f.usdAddress])).toBe(acc);
    expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.approved);
    expect(await f.plaza.read.getLicense([proposalId])).toEqual({
      buyer: roles.buyer,
      datasetId,
      version,
      termsHash: terms,
      startsAt: now,
      expiresAt: now + 30 * DAY,
    });
    expect(await f.plaza.read.hasValidLicense([roles.buyer, datasetId, version])).toBe(true);
    expect(await f.plaza.read.hasValidLicense([roles.stranger, datasetId, version])).toBe(false);
    expect(await f.plaza.read.licenseExpiry([roles.buyer, datasetId, version])).toBe(
      now + 30 * DAY,
    );
    await chain.warp(30 * DAY);
    expect(await f.plaza.read.hasValidLicense([roles.buyer, datasetId, version])).toBe(false);
  });

  it('approves at the deadline with quorum and more for than against', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    await vote(proposalId, C, true); // exactly the 20 % quorum
    const early = await revertReason(
      f.plaza.simulate.settle([proposalId], { account: roles.stranger }),
    );
    const { voteEnd } = await f.plaza.read.getProposal([proposalId]);
    expect(early).toEqual({ errorName: 'PlazaVotingNotEnded', args: [proposalId, voteEnd] });
    await chain.warp(3 * DAY);
    expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.passed);
    const receipt = await settle(proposalId);
    expect(eventsOf(receipt, 'LicenseApproved')).toHaveLength(1);
    expect((await f.plaza.read.getProposal([proposalId])).status).toBe(proposalStatus.approved);
  });

  const refunds: [string, [`0x${string}`, boolean][], boolean, boolean][] = [
    [
      'rejected at the deadline',
      [
        [C, true],
        [B, false],
      ],
      true,
      true,
    ],
    [
      'tied at the deadline',
      [
        [B, true],
        [C, false],
        [D, false],
        [E, false],
      ],
      true,
      true,
    ],
    ['expired without quorum', [[D, true]], true, false],
    ['expired with no vote at all', [], true, false],
    [
      'rejected early by half of all shares',
      [
        [A, false],
        [D, false],
        [E, false],
      ],
      false,
      true,
    ],
  ];
  it.each(refunds)(
    'refunds the buyer when %s',
    async (_, votes, waitForDeadline, quorumReached) => {
      const { proposalId } = await f.proposeLicense(datasetId, version);
      for (const [voter, support] of votes) {
        if (voter === E) {
          await f.send(
            f.plaza.write.voteWithProof([proposalId, support, 4, 100n, tree.getProof(4)], {
              account: E,
            }),
          );
        } else {
          await vote(proposalId, voter, support);
        }
      }
      if (waitForDeadline) await chain.warp(3 * DAY);
      expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.failed);
      const receipt = await settle(proposalId);
      expect(eventsOf(receipt, 'LicenseRefunded')[0]?.args).toEqual({
        proposalId,
        buyer: roles.buyer,
        amount: PRICE,
        quorumReached,
        pushed: true,
      });
      expect(await f.usd.read.balanceOf([roles.buyer])).toBe(PRICE);
      expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.refunded);
      expect(await f.plaza.read.revenuePerShare([datasetId, version, f.usdAddress])).toBe(1n);
      expect(await f.plaza.read.hasValidLicense([roles.buyer, datasetId, version])).toBe(false);
      expect((await f.plaza.read.getLicense([proposalId])).expiresAt).toBe(0);
    },
  );

  it('settles exactly once, and reverts for unknown proposals', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    await chain.warp(3 * DAY);
    await settle(proposalId);
    expect(
      await revertReason(f.plaza.simulate.settle([proposalId], { account: roles.stranger })),
    ).toEqual({
      errorName: 'PlazaProposalSettled',
      args: [proposalId],
    });
    expect(await revertReason(f.plaza.simulate.settle([5n], { account: roles.stranger }))).toEqual({
      errorName: 'PlazaUnknownProposal',
      args: [5n],
    });
    expect(await f.plaza.read.proposalOutcome([5n])).toBe(proposalOutcome.none);
  });

  it('takes the protocol fee as a credit for the fee recipient', async () => {
    const feeDataset = await f.registerDataset({ feeBps: 250, feeRecipient: roles.feeRecipient });
    const published = await f.publishVersion(feeDataset, licenseHolders);
    await f.claim(feeDataset, published.version, published.tree, 0);
    await f.claim(feeDataset, published.version, published.tree, 1);
    const { proposalId } = await f.proposeLicense(feeDataset, published.version);
    await vote(proposalId, A, true);
    await vote(proposalId, B, true);
    const receipt = await settle(proposalId);
    const fee = (PRICE * 250n) / 10_000n;
    expect(eventsOf(receipt, 'CreditAccrued')[0]?.args).toEqual({
      account: roles.feeRecipient,
      token: f.usdAddress,
      amount: fee,
    });
    expect(eventsOf(receipt, 'LicenseApproved')[0]?.args).toMatchObject({
      revenue: PRICE - fee,
      fee,
    });
    expect(await f.plaza.read.creditOf([roles.feeRecipient, f.usdAddress])).toBe(fee);
    const withdrawn = await f.send(
      f.plaza.write.withdrawCredit([f.usdAddress], { account: roles.feeRecipient }),
    );
    expect(eventsOf(withdrawn, 'CreditWithdrawn')[0]?.args.amount).toBe(fee);
    expect(await f.usd.read.balanceOf([roles.feeRecipient])).toBe(fee);
  });

  it('stacks a buyer’s licenses to one version: each starts when the previous one ends (L-5)', async () => {
    const long = (await f.proposeLicense(datasetId, version, { duration: 100 * DAY })).proposalId;
    const short = (await f.proposeLicense(datasetId, version, { duration: 10 * DAY })).proposalId;
    const other = (
      await f.proposeLicense(datasetId, version, { duration: 5 * DAY, buyer: roles.stranger })
    ).proposalId;
    for (const id of [long, short, other]) {
      await vote(id, A, true);
      await vote(id, B, true);
    }
    await settle(long);
    const start = Number(await chain.now());
    await chain.warp(DAY);
    const receipt = await settle(short);
    // Both bought time: the short license runs after the long one, not inside it.
    expect(eventsOf(receipt, 'LicenseApproved')[0]?.args).toMatchObject({
      startsAt: start + 100 * DAY,
      expiresAt: start + 110 * DAY,
    });
    expect(await f.plaza.read.getLicense([short])).toMatchObject({
      startsAt: start + 100 * DAY,
      expiresAt: start + 110 * DAY,
    });
    expect(await f.plaza.read.licenseExpiry([roles.buyer, datasetId, version])).toBe(
      start + 110 * DAY,
    );
    // Another buyer's license is its own.
    await settle(other);
    const otherStart = Number(await chain.now());
    expect(await f.plaza.read.licenseExpiry([roles.stranger, datasetId, version])).toBe(
      otherStart + 5 * DAY,
    );
    await chain.warp(109 * DAY - 2);
    expect(await f.plaza.read.hasValidLicense([roles.buyer, datasetId, version])).toBe(true);
    await chain.warp(2);
    expect(await f.plaza.read.hasValidLicense([roles.buyer, datasetId, version])).toBe(false);
  });

  it('starts a license at settlement once the previous one has ended (no back-dating)', async () => {
    const first = (await f.proposeLicense(datasetId, version, { duration: 10 * DAY })).proposalId;
    await vote(first, A, true);
    await vote(first, B, true);
    await settle(first);
    await chain.warp(20 * DAY);
    const second = (await f.proposeLicense(datasetId, version, { duration: 10 * DAY })).proposalId;
    await vote(second, A, true);
    await vote(second, B, true);
    await settle(second);
    const now = Number(await chain.now());
    expect(await f.plaza.read.getLicense([second])).toMatchObject({
      startsAt: now,
      expiresAt: now + 10 * DAY,
    });
  });
});
