import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchRun } from './figure.ts';

/**
 * Runs the cross-package benchmarks: every `*.bench.ts` in this folder, or those named on the
 * command line (`tsx bench/run.ts ingest`), prints their figures and merges them into
 * `bench/results/test.json` at the repository root. A bench owns the figures named after it
 * (`ingest.bench.ts` → `ingest.*`): those of a bench that ran are replaced, others are kept.
 */
async function main(): Promise<void> {
  const benchDir = new URL('./', import.meta.url);
  const resultsDir = new URL('../../bench/results/', import.meta.url);
  const resultsFile = new URL('test.json', resultsDir);

  const requested = process.argv
    .slice(2)
    .map((arg) => basename(arg).replace(/(\.bench)?\.ts$/, ''));
  const available = (await readdir(benchDir)).filter((file) => file.endsWith('.bench.ts')).sort();
  const unknown = requested.filter((name) => !available.includes(`${name}.bench.ts`));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}.`);
  }
  const files = requested.length > 0 ? requested.map((name) => `${name}.bench.ts`) : available;

  const figures: BenchFigure[] = [];
  const owned = files.map((file) => `${file.replace(/\.bench\.ts$/, '')}.`);
  for (const file of files) {
    const started = performance.now();
    const module = (await import(new URL(file, benchDir).href)) as { run?: BenchRun };
    if (typeof module.run !== 'function') throw new Error(`${file} does not export run.`);
    const produced = await module.run();
    figures.push(...produced);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${file}: ${produced.length} figures in ${seconds} s`);
  }

  printTable(figures);

  await mkdir(resultsDir, { recursive: true });
  const previous = await readPrevious(resultsFile);
  const names = new Set(figures.map((figure) => figure.name));
  const kept = previous.filter(
    (figure) => !names.has(figure.name) && !owned.some((prefix) => figure.name.startsWith(prefix)),
  );
  const merged = [...kept, ...figures];
  merged.sort((a, b) => a.name.localeCompare(b.name));
  await writeFile(resultsFile, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`\nWrote ${merged.length} figures to ${fileURLToPath(resultsFile)}`);
}

async function readPrevious(file: URL): Promise<BenchFigure[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(parsed) ? (parsed as BenchFigure[]) : [];
  } catch {
    return [];
  }
}

function meetsTarget(figure: BenchFigure): boolean | undefined {
  const target = figure.target;
  if (target === undefined) return undefined;
  switch (target.op) {
    case '>=':
      return figure.value >= target.value;
    case '<=':
      return figure.value <= target.value;
    case '>':
      return figure.value > target.value;
    case '<':
      return figure.value < target.value;
  }
}

function printTable(figures: readonly BenchFigure[]): void {
  const rows = figures.map((figure) => {
    const ok = meetsTarget(figure);
    return [
      figure.name,
      `${figure.value} ${figure.unit}`,
      figure.baseline ? `${figure.baseline.value} (${figure.baseline.name})` : '',
      figure.target ? `${figure.target.op} ${figure.target.value}` : '',
      ok === undefined ? '' : ok ? 'ok' : 'MISS',
    ];
  });
  const header = ['figure', 'value', 'baseline', 'target', ''];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}`);
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

await main();
