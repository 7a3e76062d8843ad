import { encodeFunctionData, maxUint96 } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proposalOutcome, proposalStatus } from '../src/enums.ts';
import { reentrantTokenAbi, reentrantTokenBytecode } from './generated/reentrant-token.ts';
import { revertReason, type TestChain } from './support/chain.ts';
import { createLicenseWorld, licenseHolders, PRICE, terms } from './support/license-world.ts';
import { DAY, deploy, eventsOf, type PlazaFixture, roles } from './support/plaza-fixture.ts';

let chain: TestChain;
let f: PlazaFixture;
let datasetId: bigint;
let version: number;

beforeAll(async () => {
  ({ chain, f, datasetId, version } = await createLicenseWorld());
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

const settle = (id: bigint) => f.send(f.plaza.write.settle([id], { account: roles.stranger }));

describe('proposeLicense', () => {
  it('escrows the price, stores the proposal and emits LicenseProposed', async () => {
    const before = await f.usd.read.balanceOf([f.plazaAddress]);
    const { proposalId, receipt } = await f.proposeLicense(datasetId, version, {
      duration: 10 * DAY,
    });
    const now = Number(await chain.now());
    expect(proposalId).toBe(1n);
    expect(await f.usd.read.balanceOf([f.plazaAddress])).toBe(before + PRICE);
    expect(await f.usd.read.balanceOf([roles.buyer])).toBe(0n);
    expect(eventsOf(receipt, 'LicenseProposed')[0]?.args).toEqual({
      proposalId,
      datasetId,
      version,
      buyer: roles.buyer,
      token: f.usdAddress,
      escrow: PRICE,
      duration: 10 * DAY,
      voteStart: now,
      voteEnd: now + 3 * DAY,
      termsHash: terms,
      seq: 1,
    });
    expect(await f.plaza.read.getProposal([proposalId])).toEqual({
      forVotes: 0n,
      againstVotes: 0n,
      voteEnd: now + 3 * DAY,
      status: proposalStatus.open,
      quorumBps: 2_000,
      totalShares: 10_000n,
      datasetId,
      version,
      seq: 1,
      votingPeriod: 3 * DAY,
      buyer: roles.buyer,
      duration: 10 * DAY,
      expiresAt: 0,
      feeBps: 0,
      token: f.usdAddress,
      escrow: PRICE,
      termsHash: terms,
    });
    expect(await f.plaza.read.proposalCount()).toBe(1n);
    expect(await f.plaza.read.proposalOutcome([proposalId])).toBe(proposalOutcome.voting);
    expect((await f.plaza.read.getVersion([datasetId, version])).proposalCount).toBe(1);
    // The slots settlement writes are warmed, and read as "nothing yet".
    expect(await f.plaza.read.revenuePerShare([datasetId, version, f.usdAddress])).toBe(1n);
    expect(await f.plaza.read.licenseExpiry([roles.buyer, datasetId, version])).toBe(0);
    expect(await f.plaza.read.hasValidLicense([roles.buyer, datasetId, version])).toBe(false);
    const second = await f.proposeLicense(datasetId, version);
    expect((await f.plaza.read.getProposal([second.proposalId])).seq).toBe(2);
  });

  it('reverts on every invalid argument', async () => {
    await f.send(f.usd.write.mint([roles.buyer, PRICE], { account: roles.buyer }));
    await f.send(f.usd.write.approve([f.plazaAddress, PRICE], { account: roles.buyer }));
    const pending = await f.publishVersion(datasetId, licenseHolders, { activate: false });
    const propose = (args: {
      id?: bigint;
      v?: number;
      token?: `0x${string}`;
      price?: bigint;
      duration?: number;
    }) =>
      revertReason(
        f.plaza.simulate.proposeLicense(
          [
            args.id ?? datasetId,
            args.v ?? version,
            args.token ?? f.usdAddress,
            args.price ?? PRICE,
            args.duration ?? DAY,
            terms,
          ],
          { account: roles.buyer },
        ),
      );
    expect(await propose({ id: 99n })).toEqual({ errorName: 'PlazaUnknownDataset', args: [99n] });
    expect(await propose({ v: pending.version })).toEqual({
      errorName: 'PlazaVersionNotActive',
      args: [datasetId, pending.version],
    });
    expect(await propose({ v: 77 })).toEqual({
      errorName: 'PlazaVersionNotActive',
      args: [datasetId, 77],
    });
    expect(await propose({ token: f.plazaAddress })).toEqual({
      errorName: 'PlazaTokenNotAllowed',
      args: [datasetId, f.plazaAddress],
    });
    expect(await propose({ duration: 0 })).toEqual({
      errorName: 'PlazaInvalidDuration',
      args: [0, 365 * DAY],
    });
    expect(await propose({ duration: 365 * DAY + 1 })).toEqual({
      errorName: 'PlazaInvalidDuration',
      args: [365 * DAY + 1, 365 * DAY],
    });
    expect(await propose({ price: 100n * 10n ** 6n - 1n })).toEqual({
      errorName: 'PlazaPriceBelowReserve',
      args: [100n * 10n ** 6n - 1n, 100n * 10n ** 6n],
    });
    expect((await propose({ price: PRICE + 1n })).errorName).toBe('ERC20InsufficientAllowance');
  });

  it('refuses a token whose balances do not move by exactly the price (here: Plaza’s grows)', async () => {
    const token = await deploy(f.client, {
      abi: reentrantTokenAbi,
      bytecode: reentrantTokenBytecode,
    });
    await f.send(
      f.plaza.write.setPaymentToken([datasetId, token, 1n], { account: roles.publisher }),
    );
    const t = { address: token, abi: reentrantTokenAbi } as const;
    await f.send(
      f.client.writeContract({
        ...t,
        functionName: 'mint',
        args: [roles.buyer, PRICE],
        account: roles.buyer,
      }),
    );
    await f.send(
      f.client.writeContract({
        ...t,
        functionName: 'approve',
        args: [f.plazaAddress, PRICE],
        account: roles.buyer,
      }),
    );
    // During transferFrom the token mints 2^96 to Plaza: a balance that grows on its own (rebasing).
    const mint = encodeFunctionData({
      abi: reentrantTokenAbi,
      functionName: 'mint',
      args: [f.plazaAddress, maxUint96 + 1n],
    });
    await f.send(
      f.client.writeContract({
        ...t,
        functionName: 'arm',
        args: [token, mint],
        account: roles.buyer,
      }),
    );
    const reason = await revertReason(
      f.plaza.simulate.proposeLicense([datasetId, version, token, PRICE, DAY, terms], {
        account: roles.buyer,
      }),
    );
    expect(reason).toEqual({
      errorName: 'PlazaTransferNotExact',
      args: [token, PRICE, maxUint96 + 1n + PRICE, PRICE],
    });
  });

  it('keeps settling a proposal whose token was removed afterwards', async () => {
    const { proposalId } = await f.proposeLicense(datasetId, version);
    await f.send(
      f.plaza.write.setPaymentToken([datasetId, f.plazaAddress, 1n], {
        account: roles.publisher,
      }),
    );
    await f.send(
      f.plaza.write.setPaymentToken([datasetId, f.usdAddress, 0n], { account: roles.publisher }),
    );
    await chain.warp(3 * DAY);
    await settle(proposalId);
    expect(await f.usd.read.balanceOf([roles.buyer])).toBe(PRICE);
  });
});
