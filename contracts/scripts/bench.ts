import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestChain } from '../test/support/chain.ts';
import { runGasExtras } from '../test/support/gas-extras.ts';
import { gasBudgets, gasFigures, runGasScenario } from '../test/support/gas-scenario.ts';
import { createPlazaFixture } from '../test/support/plaza-fixture.ts';

/** One figure of the benchmark results (the shape `bench/results.json` collects). */
interface BenchFigure {
  name: string;
  value: number;
  unit: 'gas';
  better: 'lower';
  /** Gas from receipts on anvil: always measured. */
  kind: 'measured';
  baseline?: { name: string; value: number };
  target?: { op: '<='; value: number };
}

const resultsPath = fileURLToPath(new URL('../../bench/results/contracts.json', import.meta.url));

/**
 * Measures the gas of every budgeted operation on anvil (gasUsed from receipts) with 10 and with
 * 100,000 holders, and of the defences' own paths (proposals, votes past a share slot's 160 proposals,
 * sweeps), writes `bench/results/contracts.json` and prints a table.
 */
async function main(): Promise<void> {
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
      baseline?: { name: string; value: number },
    ): BenchFigure => ({
      name,
      value: Number(value),
      unit: 'gas',
      better: 'lower',
      kind: 'measured',
      ...(baseline === undefined ? {} : { baseline }),
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
        name: '0xSplits distribute, 100000 holders',
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
      }),
      figure('gas.propose_license', g.proposeLicense, undefined, {
        name: 'settle',
        value: Number(g.settle100k),
      }),
      figure('gas.vote_fresh_word', extras.voteFreshWord, undefined, {
        name: 'vote (proposals 1-160)',
        value: Number(g.vote),
      }),
      figure('gas.vote_same_word', extras.voteSameWord, undefined, {
        name: 'vote (proposals 1-160)',
        value: Number(g.vote),
      }),
      figure('gas.propose_sweep_to', extras.proposeSweepTo),
      figure('gas.sweep_unclaimed', extras.sweepUnclaimed, undefined, {
        name: 'claim revenue, first time',
        value: Number(g.claimRevenueFirst),
      }),
    ];
    mkdirSync(dirname(resultsPath), { recursive: true });
    writeFileSync(resultsPath, `${JSON.stringify(figures, null, 2)}\n`);
    printTable(figures);
    console.log(`\nwrote ${resultsPath}`);
    const missed = figures.filter((x) => x.target !== undefined && x.value > x.target.value);
    if (missed.length > 0) {
      console.error(`over budget: ${missed.map((x) => x.name).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await chain.stop();
  }
}

function printTable(figures: BenchFigure[]): void {
  const rows = figures.map((x) => [
    x.name,
    x.value.toLocaleString('en-US'),
    x.target === undefined ? '' : `<= ${x.target.value.toLocaleString('en-US')}`,
    x.baseline === undefined
      ? ''
      : `${x.baseline.name}: ${x.baseline.value.toLocaleString('en-US')}`,
  ]);
  const header = ['figure', 'gas', 'budget', 'anchor'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

await main();
