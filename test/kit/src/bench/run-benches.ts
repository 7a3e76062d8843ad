import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchFigure, FIGURE_KINDS } from './figure.ts';
import { currentCommit, provenanceNow } from './provenance.ts';

/** A benchmark that threw, or returned figures that are not figures. */
export interface BenchFailure {
  bench: string;
  error: string;
}

/** What a package's runner writes to `bench/results/<package>.json`. */
export interface PackageResults {
  package: string;
  figures: BenchFigure[];
  failures: BenchFailure[];
}

/** Options of {@link runBenches}. */
export interface RunBenchesOptions {
  /** The results file's name, e.g. `coordinator` → `bench/results/coordinator.json`. */
  packageName: string;
  /** The folder holding the package's `*.bench.ts` modules (`new URL('./', import.meta.url)`). */
  benchDir: URL;
  /** Benchmarks to run by name (`neardup` or `neardup.bench.ts`); all when empty. */
  only?: readonly string[];
  /** Where the results file goes. @default the repository's `bench/results/` */
  resultsDir?: URL;
  /** A benchmark still running after this long is killed and reported. @default 30 minutes */
  timeoutMs?: number;
}

const repoRoot = new URL('../../../../', import.meta.url);
/** tsx's loader: benchmarks are TypeScript, run by a plain `node --import` child. */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Runs a package's benchmarks one after the other, each in a child process of its own with a time
 * limit, so that one failing, crashing or hanging benchmark is reported and the others still run. Every figure gets its provenance (commit, date,
 * machine, load average at its benchmark's start) and is checked: a finite value and a `kind`.
 * Writes `bench/results/<package>.json`: a full run replaces it; a run of named benchmarks
 * replaces only their figures. Resolves with what it wrote; the process should exit non-zero when
 * `failures` is not empty.
 *
 * @example
 * const results = await runBenches({ packageName: 'coordinator', benchDir: new URL('./', import.meta.url), only: process.argv.slice(2) });
 * process.exitCode = results.failures.length > 0 ? 1 : 0;
 */
export async function runBenches(options: RunBenchesOptions): Promise<PackageResults> {
  const rootPath = fileURLToPath(repoRoot);
  const requested = (options.only ?? []).map((arg) => basename(arg).replace(/(\.bench)?\.ts$/, ''));
  const available = (await readdir(options.benchDir))
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const unknown = requested.filter((name) => !available.includes(`${name}.bench.ts`));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}.`);
  }
  const files = requested.length > 0 ? requested.map((name) => `${name}.bench.ts`) : available;
  const commit = currentCommit(rootPath);

  const figures: BenchFigure[] = [];
  const failures: BenchFailure[] = [];
  const ran: string[] = [];
  for (const file of files) {
    const bench = relative(rootPath, fileURLToPath(new URL(file, options.benchDir)));
    ran.push(bench);
    const provenance = provenanceNow(commit, bench);
    console.log(
      `\n── ${bench} (${provenance.machine.cpus} CPUs, load average ${provenance.machine.loadAverage})`,
    );
    const started = performance.now();
    try {
      const produced = await runInChild(
        new URL(file, options.benchDir),
        options.timeoutMs ?? 30 * 60_000,
      );
      const problems = produced.flatMap(checkFigure);
      if (problems.length > 0) throw new Error(problems.join(' '));
      figures.push(...produced.map((figure) => ({ ...figure, provenance })));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${bench}: ${produced.length} figures in ${seconds} s`);
      printTable(produced);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${bench} FAILED: ${message}`);
      failures.push({ bench, error: firstLine(message) });
    }
  }

  const resultsDir = options.resultsDir ?? new URL('bench/results/', repoRoot);
  const resultsFile = new URL(`${options.packageName}.json`, resultsDir);
  await mkdir(resultsDir, { recursive: true });
  const previous = requested.length > 0 ? await readResults(resultsFile) : undefined;
  const results: PackageResults = {
    package: options.packageName,
    figures: [
      ...(previous?.figures.filter((f) => !ran.includes(f.provenance?.bench ?? '')) ?? []),
      ...figures,
    ].sort((a, b) => a.name.localeCompare(b.name)),
    failures: [...(previous?.failures.filter((f) => !ran.includes(f.bench)) ?? []), ...failures],
  };
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nWrote ${results.figures.length} figures to ${relative(rootPath, fileURLToPath(resultsFile))}` +
      (failures.length > 0 ? `; ${failures.length} benchmark(s) failed` : ''),
  );
  return results;
}

/**
 * Runs one benchmark module in a child Node process with the same loader (tsx) as this one, and
 * resolves with its figures; rejects with its error, or when it is still running after
 * `timeoutMs` (its whole process group is killed).
 */
async function runInChild(moduleUrl: URL, timeoutMs: number): Promise<BenchFigure[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'plaza-bench-'));
  const resultFile = join(scratch, 'result.json');
  try {
    const child = spawn(
      process.execPath,
      [
        '--import',
        tsxLoader,
        fileURLToPath(new URL('./run-one.ts', import.meta.url)),
        moduleUrl.href,
        resultFile,
      ],
      { stdio: 'inherit', detached: true },
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (status) => resolve(status));
    });
    clearTimeout(timer);
    killGroup(child.pid); // whatever it started and left behind (browsers, servers)
    if (timedOut) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s`);
    let answer: { figures?: BenchFigure[]; error?: string };
    try {
      answer = JSON.parse(await readFile(resultFile, 'utf8'));
    } catch {
      throw new Error(`its process exited with ${code} before writing a result`);
    }
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.figures ?? [];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs {@link runBenches} from a package's `bench/run.ts` and sets the exit code. */
export async function benchMain(packageName: string, benchDir: URL): Promise<void> {
  const results = await runBenches({ packageName, benchDir, only: process.argv.slice(2) });
  process.exitCode = results.failures.length > 0 ? 1 : 0;
}

function checkFigure(figure: BenchFigure): string[] {
  const problems: string[] = [];
  const name = typeof figure.name === 'string' && figure.name !== '' ? figure.name : '(unnamed)';
  if (!Number.isFinite(figure.value))
    problems.push(`${name}: value ${figure.value} is not finite.`);
  if (!FIGURE_KINDS.includes(figure.kind)) {
    problems.push(`${name}: kind ${String(figure.kind)} is not one of ${FIGURE_KINDS.join(', ')}.`);
  }
  if (figure.better !== 'higher' && figure.better !== 'lower') {
    problems.push(`${name}: better must be 'higher' or 'lower'.`);
  }
  return problems;
}

async function readResults(file: URL): Promise<PackageResults | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as PackageResults;
    return Array.isArray(parsed.figures) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 500);
}

function printTable(figures: readonly BenchFigure[]): void {
  const rows = figures.map((f) => [
    f.name,
    Number.isInteger(f.value) ? String(f.value) : f.value.toPrecision(4),
    f.unit,
    f.kind,
    f.baseline
      ? `${f.baseline.name}: ${Number.isInteger(f.baseline.value) ? f.baseline.value : f.baseline.value.toPrecision(4)}`
      : '',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 4));
  for (const row of rows) {
    console.log(row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]! + 2) : cell)).join(''));
  }
}
