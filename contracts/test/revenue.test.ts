import { getContract } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testUsdAbi, testUsdBytecode } from '../src/generated/test-usd.ts';
import type { SharesTree } from '../src/shares-tree.ts';
import { addressOf, revertReason, startTestChain, type TestChain } from './support/chain.ts';
import {
  createPlazaFixture,
  deploy,
  eventsOf,
  type PlazaFixture,
  roles,
} from './support/plaza-fixture.ts';

let chain: TestChain;
let f: PlazaFixture;
let datasetId: bigint;
let version: number;
let tree: SharesTree;

const [A, B, C] = ['a', 'b', 'c'].map((l) => addressOf(`revenue-holder-${l}`)) as [
  `0x${string}`,
  `0x${string}`,
  `0x${string}`,
];
const holders = [
  { account: A, amount: 6_000n },
  { account: B, amount: 3_000n },
  { account: C, amount: 1_000n },
];
const TOTAL = 10_000n;
const PRICE = 1_234_567n;

beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  datasetId = await f.registerDataset({ reservePrice: 1n });
  ({ version, tree } = await f.publishVersion(datasetId, holders));
  await f.claim(datasetId, version, tree, 0);
  await f.claim(datasetId, version, tree, 1);
  await chain.snapshot();
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

/** Proposes a license on (dataset, version), passes it with A's majority and settles it. */
async function sell(
  price: bigint,
  options: { v?: number; token?: `0x${string}`; id?: bigint } = {},
) {
  const { proposalId } = await f.proposeLicense(options.id ?? datasetId, options.v ?? version, {
    price,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  await f.send(f.plaza.write.vote([proposalId, true], { account: A }));
  await f.send(f.plaza.write.settle([proposalId], { account: roles.stranger }));
}

const owed = (shares: bigint, acc: bigint) => (shares * acc) >> 128n;
const claim = (account: `0x${string}`, v = version, token = f.usdAddress) =>
  f.send(f.plaza.write.claimRevenue([datasetId, v, token], { account }));

describe('claimRevenue', () => {
  it('pays floor(shares × revenuePerShare / 2^128) once and emits RevenueClaimed', async () => {
    await sell(PRICE);
    const acc = await f.plaza.read.revenuePerShare([datasetId, version, f.usdAddress]);
    expect(acc).toBe(1n + (PRICE << 128n) / TOTAL);
    const expected = owed(6_000n, acc);
    expect(expected).toBe((PRICE * 6_000n) / TOTAL);
    expect(await f.plaza.read.claimableRevenue([datasetId, version, f.usdAddress, A])).toBe(
      expected,
    );
    const receipt = await claim(A);
    expect(eventsOf(receipt, 'RevenueClaimed')[0]?.args).toEqual({
      datasetId,
      version,
      account: A,
      token: f.usdAddress,
      amount: expected,
    });
    expect(await f.usd.read.balanceOf([A])).toBe(expected);
    expect(await f.plaza.read.revenueReleased([datasetId, version, f.usdAddress, A])).toBe(
      expected,
    );
    expect(await f.plaza.read.claimableRevenue([datasetId, version, f.usdAddress, A])).toBe(0n);
    const again = await revertReason(
      f.plaza.simulate.claimRevenue([datasetId, version, f.usdAddress], { account: A }),
    );
    expect(again.errorName).toBe('PlazaNothingToClaim');
  });

  it('pays only what accrued since the last claim', async () => {
    await sell(PRICE);
    await claim(B);
    const first = await f.usd.read.balanceOf([B]);
    await sell(2n * PRICE);
    await claim(B);
    const acc = await f.plaza.read.revenuePerShare([datasetId, version, f.usdAddress]);
    expect(await f.usd.read.balanceOf([B])).toBe(owed(3_000n, acc));
    expect(await f.usd.read.balanceOf([B])).toBeGreaterThan(first);
  });

  it('reverts with PlazaNothingToClaim for non-holders and before any revenue', async () => {
    expect(
      (
        await revertReason(
          f.plaza.simulate.claimRevenue([datasetId, version, f.usdAddress], { account: A }),
        )
      ).errorName,
    ).toBe('PlazaNothingToClaim');
    await sell(PRICE);
    expect(
      (
        await revertReason(
          f.plaza.simulate.claimRevenue([datasetId, version, f.usdAddress], {
            account: roles.stranger,
          }),
        )
      ).errorName,
    ).toBe('PlazaNothingToClaim');
    // C has not claimed its shares yet: nothing to pay until it does.
    expect(
      (
        await revertReason(
          f.plaza.simulate.claimRevenue([datasetId, version, f.usdAddress], { account: C }),
        )
      ).errorName,
    ).toBe('PlazaNothingToClaim');
  });

  it('pays a late claimer everything since publication', async () => {
    await sell(PRICE);
    await sell(PRICE);
    await f.claim(datasetId, version, tree, 2);
    await claim(C);
    const acc = await f.plaza.read.revenuePerShare([datasetId, version, f.usdAddress]);
    expect(await f.usd.read.balanceOf([C])).toBe(owed(1_000n, acc));
    expect(await f.usd.read.balanceOf([C])).toBe((2n * PRICE * 1_000n) / TOTAL);
  });

  it('keeps each version’s revenue to that version’s holders', async () => {
    // v1: A holds everything; v2: A and B half each. Revenue on v2 must not reach v1's A twice.
    const solo = await f.registerDataset({ reservePrice: 1n });
    const v1 = await f.publishVersion(solo, [{ account: A, amount: 100n }]);
    const v2 = await f.publishVersion(solo, [
      { account: A, amount: 50n },
      { account: B, amount: 50n },
    ]);
    await f.claim(solo, v1.version, v1.tree, 0);
    await f.claim(solo, v2.version, v2.tree, 0);
    await f.claim(solo, v2.version, v2.tree, 1);
    const { proposalId } = await f.proposeLicense(solo, v2.version, { price: 1_000n });
    await f.send(f.plaza.write.vote([proposalId, true], { account: A }));
    await f.send(f.plaza.write.vote([proposalId, true], { account: B }));
    await f.send(f.plaza.write.settle([proposalId], { account: roles.stranger }));
    expect(await f.plaza.read.claimableRevenue([solo, v1.version, f.usdAddress, A])).toBe(0n);
    expect(await f.plaza.read.claimableRevenue([solo, v2.version, f.usdAddress, A])).toBe(500n);
    expect(await f.plaza.read.claimableRevenue([solo, v2.version, f.usdAddress, B])).toBe(500n);
  });

  it('keeps one accumulator per token', async () => {
    const eur = await deploy(f.client, { abi: testUsdAbi, bytecode: testUsdBytecode });
    await f.send(f.plaza.write.setPaymentToken([datasetId, eur, 1n], { account: roles.publisher }));
    await sell(PRICE);
    await sell(5_000n, { token: eur });
    expect(await f.plaza.read.claimableRevenue([datasetId, version, eur, A])).toBe(3_000n);
    await claim(A, version, eur);
    await claim(A);
    const eurToken = getContract({ address: eur, abi: testUsdAbi, client: f.client });
    expect(await eurToken.read.balanceOf([A])).toBe(3_000n);
    expect(await f.usd.read.balanceOf([A])).toBe((PRICE * 6_000n) / TOTAL);
  });
});

describe('claimRevenueMany', () => {
  it('pays several versions in one transfer and skips versions with nothing owed', async () => {
    const v2 = await f.publishVersion(datasetId, holders);
    const v3 = await f.publishVersion(datasetId, holders);
    await f.claim(datasetId, v2.version, v2.tree, 0);
    await f.claim(datasetId, v3.version, v3.tree, 0);
    await sell(PRICE);
    await sell(3n * PRICE, { v: v2.version });
    const refs = [version, v2.version, v3.version].map((v) => ({ datasetId, version: v }));
    const receipt = await f.send(
      f.plaza.write.claimRevenueMany([f.usdAddress, refs], { account: A }),
    );
    const events = eventsOf(receipt, 'RevenueClaimed');
    expect(events.map((e) => e.args.version)).toEqual([version, v2.version]);
    const expected = (PRICE * 6_000n) / TOTAL + (3n * PRICE * 6_000n) / TOTAL;
    expect(await f.usd.read.balanceOf([A])).toBe(expected);
    const transfers = receipt.logs.filter(
      (log) => log.address.toLowerCase() === f.usdAddress.toLowerCase(),
    );
    expect(transfers).toHaveLength(1);
  });

  it('reverts with PlazaNothingToClaim when nothing is owed or the list is empty', async () => {
    const none = await revertReason(
      f.plaza.simulate.claimRevenueMany([f.usdAddress, [{ datasetId, version }]], { account: A }),
    );
    expect(none.errorName).toBe('PlazaNothingToClaim');
    const empty = await revertReason(
      f.plaza.simulate.claimRevenueMany([f.usdAddress, []], { account: A }),
    );
    expect(empty.errorName).toBe('PlazaNothingToClaim');
  });
});

describe('withdrawCredit', () => {
  it('reverts with PlazaNothingToClaim without credit', async () => {
    const reason = await revertReason(
      f.plaza.simulate.withdrawCredit([f.usdAddress], { account: roles.stranger }),
    );
    expect(reason.errorName).toBe('PlazaNothingToClaim');
    expect(await f.plaza.read.creditOf([roles.stranger, f.usdAddress])).toBe(0n);
  });
});

describe('solvency', () => {
  it('never owes holders more than was credited; dust stays under one unit per holder', async () => {
    const prices = [1n, 7n, 999_999n, 3n, 12_345_678n, 2n];
    for (const price of prices) await sell(price);
    await f.claim(datasetId, version, tree, 2);
    let paid = 0n;
    for (const account of [A, B, C]) {
      await claim(account);
      paid += await f.usd.read.balanceOf([account]);
    }
    const credited = prices.reduce((a, b) => a + b, 0n);
    expect(paid).toBeLessThanOrEqual(credited);
    expect(credited - paid).toBeLessThanOrEqual(BigInt(holders.length + prices.length));
    expect(await f.usd.read.balanceOf([f.plazaAddress])).toBe(credited - paid);
  });
});
