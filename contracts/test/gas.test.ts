import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChain, type TestChain } from './support/chain.ts';
import { type GasExtrasResult, runGasExtras } from './support/gas-extras.ts';
import {
  type GasScenarioResult,
  gasBudgets,
  gasFigures,
  gasSnapshots,
  runGasScenario,
  scenarioHolders,
} from './support/gas-scenario.ts';
import { createPlazaFixture, type PlazaFixture, roles } from './support/plaza-fixture.ts';

let chain: TestChain;
let f: PlazaFixture;
let small: GasScenarioResult;
let large: GasScenarioResult;
let extras: GasExtrasResult;

beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  await chain.snapshot();
  small = await runGasScenario(f, 10);
  await chain.revert();
  extras = await runGasExtras(f);
  await chain.revert();
  large = await runGasScenario(f, 100_000);
}, 300_000);
afterAll(() => chain.stop());

describe('a 100,000-leaf shares tree', () => {
  it('takes claims at the first, middle and last index, each with a full-depth proof', async () => {
    const { holders } = scenarioHolders(100_000);
    for (const i of [0, 50_000, 99_999]) {
      expect(await f.plaza.read.sharesOf([1n, 1, holders[i]!.account])).toBe(holders[i]!.amount);
    }
    expect(large.proofLengths).toEqual([17, 17, 17]);
    const claimed = (await f.plaza.read.getVersion([1n, 1])).claimedShares;
    // first, middle, last, the whale (vote with proof) — nothing else.
    const whale = holders[25_000]!.amount;
    expect(claimed).toBe(
      holders[0]!.amount + holders[50_000]!.amount + holders[99_999]!.amount + whale,
    );
  });
});

describe('gas budgets (within 5 % of the snapshot, never past the budget)', () => {
  const cases: [keyof typeof gasBudgets, (figures: ReturnType<typeof gasFigures>) => bigint][] = [
    ['claimShares', (g) => g.claimShares],
    ['vote', (g) => g.vote],
    ['voteWithProof', (g) => g.voteWithProof],
    ['settle', (g) => g.settle100k],
    ['claimRevenue', (g) => g.claimRevenue],
    ['claimRevenueFirst', (g) => g.claimRevenueFirst],
  ];
  it.each(cases)('%s', (name, pick) => {
    const measured = Number(pick(gasFigures(large, small)));
    const { budget, measured: snapshot } = gasBudgets[name];
    expect(measured).toBeLessThanOrEqual(budget);
    expect(Math.abs(measured - snapshot) / snapshot).toBeLessThanOrEqual(0.05);
  });

  it('settles for the same gas with 10 and with 100,000 holders', () => {
    expect(small.settle).toBe(large.settle);
  });

  it('costs the same to vote and to claim revenue whatever the number of holders', () => {
    expect(small.vote).toBe(large.vote);
    expect(small.claimRevenue).toBe(large.claimRevenue);
    expect(small.claimRevenueFirst).toBe(large.claimRevenueFirst);
  });

  it('settles with a protocol fee within the budget, from the first fee on', async () => {
    const holders = [{ account: scenarioHolders(2).holders[0]!.account, amount: 10n }];
    const id = await f.registerDataset({ feeBps: 250, feeRecipient: roles.feeRecipient });
    const { version, tree } = await f.publishVersion(id, holders);
    await f.claim(id, version, tree, 0);
    const gas: bigint[] = [];
    for (let i = 0; i < 2; i++) {
      // An hour apart, as on a real chain: under automine, blocks can share a timestamp, and then the
      // second license's expiry equals the first's and is not rewritten.
      await chain.warp(3600);
      const { proposalId } = await f.proposeLicense(id, version);
      await f.send(f.plaza.write.vote([proposalId, true], { account: holders[0]!.account }));
      gas.push(
        (await f.send(f.plaza.write.settle([proposalId], { account: roles.stranger }))).gasUsed,
      );
    }
    expect(gas[0]).toBe(gas[1]);
    expect(Number(gas[0])).toBeLessThanOrEqual(gasBudgets.settle.budget);
  });

  it('costs exactly the snapshot on the paths the defences add (proposals, votes past 160, sweeps)', () => {
    const g = gasFigures(large, small);
    expect({
      proposeLicenseFirst: g.proposeLicenseFirst,
      proposeLicense: g.proposeLicense,
      ...extras,
    }).toEqual(gasSnapshots);
    // Proposing pre-pays settlement's storage, so settling stays flat; a vote past the share slot's
    // 160 proposals costs one fresh slot per holder per 256 proposals, otherwise about the same.
    expect(small.proposeLicenseFirst).toBe(large.proposeLicenseFirst);
    expect(extras.voteSameWord - large.vote).toBeLessThan(2_500n);
  });

  it('grows a claim only by the proof (about 0.7k gas per level)', () => {
    const perLevel =
      Number(large.claimSharesMiddle - small.claimSharesMiddle) / (17 - small.proofLengths[1]);
    expect(perLevel).toBeGreaterThan(500);
    expect(perLevel).toBeLessThan(800);
  });
});
