import type { BenchFigure, BenchRun, FigureBaseline } from '@plaza/test-kit/bench';
import { startTestChain } from '../test/support/chain.ts';
import { runGasExtras } from '../test/support/gas-extras.ts';
import { gasBudgets, gasFigures, runGasScenario } from '../test/support/gas-scenario.ts';
import { createPlazaFixture } from '../test/support/plaza-fixture.ts';

/**
 * Measures the gas of every budgeted operation on anvil (gasUsed from receipts) with 10 and with
 * 100,000 holders, and of the defences' own paths (license proposals, votes past a share slot's 160
 * proposals, sweeps). Gas is exact and deterministic: every figure is `measured`. The external
 * anchors are quoted (../shared/field-notes.md), not run here; the in-house baselines (settle, vote,
 * first revenue claim) are measured in the same run.
 */
export const run: BenchRun = async () => {
  const chain = await startTestChain();
  try {
    const f = await createPlazaFixture(chain);
    await chain.snapshot();
    const small = await runGasScenario(f, 10);
    await chain.revert();
    const large = await runGasScenario(f, 100_000);
    await chain.revert();
    const extras = await runGasExtras(f);
    const g = gasFigures(large, small);
    const figure = (
      name: string,
      value: bigint,
      budget?: number,
      baseline?: FigureBaseline,
    ): BenchFigure => ({
      name,
      value: Number(value),
      unit: 'gas',
      better: 'lower',
      kind: 'measured',
      ...(baseline === undefined ? {} : { baseline: { source: 'quoted', ...baseline } }),
      ...(budget === undefined ? {} : { target: { op: '<=', value: budget } }),
    });
    const figures: BenchFigure[] = [
      figure('gas.claim_shares', g.claimShares, gasBudgets.claimShares.budget, {
        name: 'Uniswap merkle-distributor claim',
        value: 78_000,
      }),
      figure('gas.vote', g.vote, gasBudgets.vote.budget, {
        name: 'OZ Governor castVote',
        value: 66_000,
      }),
      figure('gas.vote_with_proof', g.voteWithProof, gasBudgets.voteWithProof.budget),
      figure('gas.settle_10_holders', g.settle10, gasBudgets.settle.budget, {
        name: '0xSplits distribute, 10 holders',
        value: 67_000,
      }),
      figure('gas.settle_100000_holders', g.settle100k, gasBudgets.settle.budget, {
        // Not a run: 0xSplits is built for < 500 recipients; ~6.7k gas each, extrapolated.
        name: '0xSplits distribute, 100000 holders (extrapolated at ~6.7k gas per recipient)',
        value: 670_000_000,
      }),
      figure('gas.claim_revenue', g.claimRevenue, gasBudgets.claimRevenue.budget, {
        name: 'OZ PaymentSplitter release',
        value: 56_000,
      }),
      figure('gas.claim_revenue_first', g.claimRevenueFirst, gasBudgets.claimRevenueFirst.budget),
      figure('gas.claim_revenue_first_new_wallet', g.claimRevenueFirstNewWallet),
      figure('gas.propose_license_first', g.proposeLicenseFirst, undefined, {
        name: 'settle (its slots are warmed here)',
        value: Number(g.settle100k),
        source: 'measured',
      }),
      figure('gas.propose_license', g.proposeLicense, undefined, {
        name: 'settle',
        value: Number(g.settle100k),
        source: 'measured',
      }),
      figure('gas.vote_fresh_word', extras.voteFreshWord, undefined, {
        name: 'vote (proposals 1-160)',
        value: Number(g.vote),
        source: 'measured',
      }),
      figure('gas.vote_same_word', extras.voteSameWord, undefined, {
        name: 'vote (proposals 1-160)',
        value: Number(g.vote),
        source: 'measured',
      }),
      figure('gas.propose_sweep_to', extras.proposeSweepTo),
      figure('gas.sweep_unclaimed', extras.sweepUnclaimed, undefined, {
        name: 'claim revenue, first time',
        value: Number(g.claimRevenueFirst),
        source: 'measured',
      }),
    ];
    const missed = figures.filter((x) => x.target !== undefined && x.value > x.target.value);
    if (missed.length > 0)
      throw new Error(`Over the gas budget: ${missed.map((x) => x.name).join(', ')}.`);
    return figures;
  } finally {
    await chain.stop();
  }
};
