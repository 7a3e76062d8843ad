// `pnpm bench`: runs every package's benchmarks from an empty results folder, goes on when one
// package's run fails (each runner already goes on past a failing benchmark), then collects
// bench/results.json and bench/REPORT.md from this run alone. Exits 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { collectBench } from './collect-bench.mjs';

const packages = ['@plaza/contracts', '@plaza/coordinator', '@plaza/extension', '@plaza/test'];
const only = process.argv.slice(2);
const selected = only.length ? packages.filter((p) => only.some((o) => p.endsWith(o))) : packages;

rmSync(new URL('../bench/results/', import.meta.url), { recursive: true, force: true });
const crashed = [];
for (const name of selected) {
  console.log(`\n════ ${name}`);
  const run = spawnSync('pnpm', ['--filter', name, 'run', 'bench'], { stdio: 'inherit' });
  if (run.status !== 0 && !recordedFailures(name)) {
    crashed.push({ name, status: run.status ?? run.signal });
  }
}
const { failures } = collectBench({
  extraFailures: crashed.map((c) => ({
    bench: c.name,
    error: `its benchmark run exited with ${c.status} (failures its runner recorded are listed too)`,
  })),
});
process.exitCode = failures > 0 ? 1 : 0;

/** Whether the package's runner wrote its results with failures in them (it ran to the end). */
function recordedFailures(name) {
  const file = new URL(`../bench/results/${name.replace('@plaza/', '')}.json`, import.meta.url);
  if (!existsSync(file)) return false;
  return (JSON.parse(readFileSync(file, 'utf8')).failures ?? []).length > 0;
}
