import { getContract } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { productionGovernance, productionReserve } from '../src/dataset-defaults.ts';
import { proposalOutcome, versionStatus } from '../src/enums.ts';
import { testUsdAbi, testUsdBytecode } from '../src/generated/test-usd.ts';
import { feeOnTopTokenAbi, feeOnTopTokenBytecode } from './generated/fee-on-top-token.ts';
import { addressOf, revertReason, startTestChain, type TestChain } from './support/chain.ts';
import {
  createPlazaFixture,
  DAY,
  deploy,
  type PlazaFixture,
  roles,
} from './support/plaza-fixture.ts';

/**
 * One probe per finding of the audit (issue 16), each an attack that worked on the contract before
 * the fix (every one of them failed there: the vote was refused with PlazaVoteOutsideWindow, the
 * zero timelock, the cheap reserve and the fee-taking token were accepted, the sweep did not exist,
 * the guardian moved at once, and the second license ran inside the first).
 */

let chain: TestChain;
let f: PlazaFixture;
beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  await chain.snapshot();
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

const A = addressOf('probe-a');
const B = addressOf('probe-b');
const settle = (id: bigint) => f.send(f.plaza.write.settle([id], { account: roles.stranger }));

describe('M-1: spam proposals cannot lock holders out of a vote', () => {
  it('lets a 75 % holder who voted newest-first still vote down the buyer’s real proposal', async () => {
    const id = await f.registerDataset({ reservePrice: 1n });
    const { version, tree } = await f.publishVersion(id, [
      { account: A, amount: 75n },
      { account: B, amount: 25n },
    ]);
    await f.claim(id, version, tree, 0);
    await f.claim(id, version, tree, 1);
    // B, a 25 % holder, proposes a 365-day license for 1 unit, then 129 spam proposals.
    const target = (
      await f.proposeLicense(id, version, { buyer: B, price: 1n, duration: 365 * DAY })
    ).proposalId;
    let newest = target;
    for (let i = 0; i < 129; i++) {
      newest = (await f.proposeLicense(id, version, { buyer: B, price: 1n })).proposalId;
    }
    await f.send(f.plaza.write.vote([target, true], { account: B }));
    // A votes newest first, as the old web app listed them, then on the real one.
    await f.send(f.plaza.write.vote([newest, false], { account: A }));
    await f.send(f.plaza.write.vote([target, false], { account: A }));
    expect(await f.plaza.read.hasVoted([target, A])).toBe(true);
    expect(await f.plaza.read.proposalOutcome([target])).toBe(proposalOutcome.failed);
    await settle(target);
    expect(await f.plaza.read.hasValidLicense([B, id, version])).toBe(false);
  });
});

describe('M-2: the safety net is on', () => {
  it('refuses a dataset without a root timelock', async () => {
    const reason = await revertReason(
      f.plaza.simulate.registerDataset([f.paramsOf({ rootTimelock: 0 })], {
        account: roles.stranger,
      }),
    );
    expect(reason).toEqual({ errorName: 'PlazaInvalidTimelock', args: [0] });
  });

  it('lets the guardian revoke a compromised publisher’s version before anyone can claim or sell it', async () => {
    const id = await f.registerDataset();
    // The publisher's key is stolen: a version that gives the thief everything.
    const thief = addressOf('thief');
    const { version, tree } = await f.publishVersion(id, [{ account: thief, amount: 1n }], {
      activate: false,
    });
    const claim = () =>
      revertReason(
        f.plaza.simulate.claimShares([id, version, 0, thief, 1n, tree.getProof(0)], {
          account: thief,
        }),
      );
    expect((await claim()).errorName).toBe('PlazaVersionNotActive');
    const propose = () =>
      revertReason(
        f.plaza.simulate.proposeLicense(
          [id, version, f.usdAddress, productionReserve, DAY, `0x${'00'.repeat(32)}`],
          { account: roles.buyer },
        ),
      );
    expect((await propose()).errorName).toBe('PlazaVersionNotActive');
    await f.send(f.plaza.write.revokeVersion([id, version], { account: roles.guardian }));
    await chain.warp(2 * DAY);
    expect(await f.plaza.read.versionStatus([id, version])).toBe(versionStatus.revoked);
    expect((await claim()).errorName).toBe('PlazaVersionNotActive');
    expect((await propose()).errorName).toBe('PlazaVersionNotActive');
  });
});

describe('M-3: the recommended defaults stop a minority licensing the data cheaply', () => {
  it('refuses a cheap or long license and fails one that only a 25 % holder supports', async () => {
    const id = await f.registerDataset({
      ...productionGovernance,
      reservePrice: productionReserve,
    });
    const { version, tree } = await f.publishVersion(id, [
      { account: A, amount: 75n },
      { account: B, amount: 25n },
    ]);
    await f.claim(id, version, tree, 1);
    const cheap = await revertReason(
      f.plaza.simulate.proposeLicense(
        [id, version, f.usdAddress, 10n ** 6n, 30 * DAY, `0x${'00'.repeat(32)}`],
        { account: B },
      ),
    );
    expect(cheap.errorName).toBe('PlazaPriceBelowReserve');
    const long = await revertReason(
      f.plaza.simulate.proposeLicense(
        [id, version, f.usdAddress, productionReserve, 365 * DAY, `0x${'00'.repeat(32)}`],
        { account: B },
      ),
    );
    expect(long.errorName).toBe('PlazaInvalidDuration');
    const { proposalId } = await f.proposeLicense(id, version, {
      buyer: B,
      price: productionReserve,
      duration: 90 * DAY,
    });
    // Nobody votes during the delay, not even the proposer.
    const early = await revertReason(f.plaza.simulate.vote([proposalId, true], { account: B }));
    expect(early.errorName).toBe('PlazaVotingNotStarted');
    await chain.warp(productionGovernance.votingDelay);
    await f.send(f.plaza.write.vote([proposalId, true], { account: B }));
    await chain.warp(productionGovernance.votingPeriod);
    // 25 % for, nobody against: below the 40 % quorum, so it fails and the escrow goes back.
    expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.failed);
    await settle(proposalId);
    expect(await f.plaza.read.hasValidLicense([B, id, version])).toBe(false);
  });
});

describe('L-1: each payment token has its own reserve', () => {
  it('does not price an 18-decimal token in 6-decimal units', async () => {
    const eth18 = await deploy(f.client, { abi: testUsdAbi, bytecode: testUsdBytecode });
    const id = await f.registerDataset();
    await f.send(
      f.plaza.write.setPaymentToken([id, eth18, 100n * 10n ** 18n], { account: roles.publisher }),
    );
    const { version } = await f.publishVersion(id, [{ account: A, amount: 1n }]);
    const t = getContract({ address: eth18, abi: testUsdAbi, client: f.client });
    await f.send(t.write.mint([roles.buyer, 10n ** 8n], { account: roles.buyer }));
    await f.send(t.write.approve([f.plazaAddress, 10n ** 8n], { account: roles.buyer }));
    const reason = await revertReason(
      f.plaza.simulate.proposeLicense(
        [id, version, eth18, 100n * 10n ** 6n, DAY, `0x${'00'.repeat(32)}`],
        { account: roles.buyer },
      ),
    );
    expect(reason).toEqual({
      errorName: 'PlazaPriceBelowReserve',
      args: [100n * 10n ** 6n, 100n * 10n ** 18n],
    });
    await f.proposeLicense(id, version, { token: eth18, price: 100n * 10n ** 18n });
  });
});

describe('L-2: no value stuck forever', () => {
  it('sweeps the revenue of shares a too-large total left unclaimable, after the claim deadline', async () => {
    const id = await f.registerDataset();
    const { version, tree } = await f.publishVersion(id, [{ account: A, amount: 50n }], {
      totalShares: 100n,
    });
    await f.claim(id, version, tree, 0);
    const { proposalId } = await f.proposeLicense(id, version, { price: 1_000n * 10n ** 6n });
    await f.send(f.plaza.write.vote([proposalId, true], { account: A }));
    await chain.warp(3 * DAY);
    await settle(proposalId);
    await f.send(f.plaza.write.claimRevenue([id, version, f.usdAddress], { account: A }));
    const deadline = await f.plaza.read.claimDeadline([id, version]);
    await chain.warp(BigInt(deadline) - (await chain.now()));
    await f.send(
      f.plaza.write.sweepUnclaimed([id, version, f.usdAddress], { account: roles.stranger }),
    );
    // A's half went to A, the phantom half to the treasury: nothing left in the contract.
    expect(await f.usd.read.balanceOf([A])).toBe(500n * 10n ** 6n);
    expect(await f.usd.read.balanceOf([roles.treasury])).toBe(500n * 10n ** 6n);
    expect(await f.usd.read.balanceOf([f.plazaAddress])).toBe(0n);
  });

  it('never lets early claimers take shares past a too-small total', async () => {
    const id = await f.registerDataset();
    const { version, tree } = await f.publishVersion(
      id,
      [
        { account: A, amount: 60n },
        { account: B, amount: 60n },
      ],
      { totalShares: 100n },
    );
    await f.claim(id, version, tree, 0);
    const reason = await revertReason(
      f.plaza.simulate.claimShares([id, version, 1, B, 60n, tree.getProof(1)], { account: B }),
    );
    expect(reason).toEqual({
      errorName: 'PlazaClaimExceedsTotal',
      args: [id, version, 60n, 60n, 100n],
    });
  });
});

describe('L-3: fee-on-transfer tokens are refused explicitly', () => {
  it('refuses a token whose sender pays a fee on top (payouts would drain more than credited)', async () => {
    const fop = await deploy(f.client, { abi: feeOnTopTokenAbi, bytecode: feeOnTopTokenBytecode });
    const id = await f.registerDataset({ paymentTokens: [fop], reservePrice: 1n });
    const { version } = await f.publishVersion(id, [{ account: A, amount: 1n }]);
    const t = getContract({ address: fop, abi: feeOnTopTokenAbi, client: f.client });
    await f.send(t.write.mint([roles.buyer, 2_000n], { account: roles.buyer }));
    await f.send(t.write.approve([f.plazaAddress, 1_000n], { account: roles.buyer }));
    const reason = await revertReason(
      f.plaza.simulate.proposeLicense([id, version, fop, 1_000n, DAY, `0x${'00'.repeat(32)}`], {
        account: roles.buyer,
      }),
    );
    expect(reason).toEqual({
      errorName: 'PlazaTransferNotExact',
      args: [fop, 1_000n, 1_000n, 1_010n],
    });
  });
});

describe('L-4: roles move in two steps', () => {
  it('keeps the guardian until the successor accepts', async () => {
    await f.send(f.plaza.write.transferGuardian([roles.stranger], { account: roles.guardian }));
    expect(await f.plaza.read.guardian()).toBe(roles.guardian);
    await f.send(f.plaza.write.acceptGuardian({ account: roles.stranger }));
    expect(await f.plaza.read.guardian()).toBe(roles.stranger);
  });
});

describe('L-5: a buyer’s licenses stack', () => {
  it('runs a second license after the first instead of inside it', async () => {
    const id = await f.registerDataset();
    const { version, tree } = await f.publishVersion(id, [{ account: A, amount: 1n }]);
    await f.claim(id, version, tree, 0);
    const first = await f.proposeLicense(id, version, { duration: 30 * DAY });
    await f.send(f.plaza.write.vote([first.proposalId, true], { account: A }));
    await settle(first.proposalId);
    const start = await chain.now();
    await chain.warp(DAY);
    const second = await f.proposeLicense(id, version, { duration: 30 * DAY });
    await f.send(f.plaza.write.vote([second.proposalId, true], { account: A }));
    await settle(second.proposalId);
    expect(BigInt(await f.plaza.read.licenseExpiry([roles.buyer, id, version]))).toBe(
      start + 60n * BigInt(DAY),
    );
  });
});
