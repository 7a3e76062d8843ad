import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { startCoordinator } from '../src/main.ts';

const exec = promisify(execFile);
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/plaza.mjs');
/** The old way: transpile the TypeScript CLI with tsx on every call. */
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const tsxMain = join(root, 'src/cli/main.ts');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Wall time of one `node …args` process, start to exit, in ms. */
async function timeOnce(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await exec(process.execPath, args, { env, cwd: root });
  return performance.now() - started;
}

/** Alternates the ways call by call, so load on the machine weighs on each alike; medians. */
async function compare(ways: string[][], env: NodeJS.ProcessEnv): Promise<number[]> {
  const times = ways.map(() => [] as number[]);
  for (const way of ways) await timeOnce(way, env); // builds dist/cli when stale, warms caches
  for (let i = 0; i < RUNS; i++) {
    for (const [k, way] of ways.entries()) times[k]?.push(await timeOnce(way, env));
  }
  return times.map(median);
}

/**
 * `cli.start_ms`: wall time from spawning `plaza --help` to its exit (the bundled CLI in
 * dist/cli through bin/plaza.mjs, staleness check included), next to the old path (tsx
 * transpiling src/cli/main.ts per call) and `node -e 0` (the floor: Node's own start) in the
 * same run, medians of alternating calls.
 * `cli.status_ms`: the same for `plaza status --json` against a running coordinator (an HTTP
 * round trip and config parsing on top).
 */
export const run: BenchRun = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'plaza-cli-bench-'));
  const coordinator = await startCoordinator({
    PLAZA_DATA_DIR: dataDir,
    PLAZA_PORT: '0',
    PLAZA_LOG_LEVEL: 'silent',
    PLAZA_BACKGROUND: 'false',
    PLAZA_CHAIN: 'off',
  });
  try {
    const env = { PATH: process.env.PATH, PLAZA_DATA_DIR: dataDir, PLAZA_URL: coordinator.url };
    const [help = 0, helpTsx = 0, bare = 0] = await compare(
      [
        [bin, '--help'],
        [tsx, tsxMain, '--help'],
        ['-e', '0'],
      ],
      env,
    );
    const [status = 0, statusTsx = 0] = await compare(
      [
        [bin, 'status', '--json'],
        [tsx, tsxMain, 'status', '--json'],
      ],
      env,
    );
    const round = (ms: number) => Math.round(ms);
    console.log(
      `plaza --help: ${round(help)} ms built, ${round(helpTsx)} ms with tsx, node alone ${round(bare)} ms`,
    );
    console.log(`plaza status: ${round(status)} ms built, ${round(statusTsx)} ms with tsx`);
    return [
      {
        name: 'cli.start_ms',
        value: round(help),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
        baseline: { name: 'tsx per call', value: round(helpTsx) },
        target: { op: '<', value: 500 },
      },
      {
        name: 'cli.node_start_ms',
        value: round(bare),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
      },
      {
        name: 'cli.status_ms',
        value: round(status),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
        baseline: { name: 'tsx per call', value: round(statusTsx) },
      },
    ] satisfies BenchFigure[];
  } finally {
    await coordinator.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};
