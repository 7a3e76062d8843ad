import { availableParallelism } from 'node:os';
import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import { createPostgresDatabase } from '../harness/create-postgres-database.ts';
import { type GeneratedSite, generatePages } from '../harness/generate-pages.ts';
import { startInProcessCoordinator } from '../harness/start-in-process-coordinator.ts';
import { type CpuBreakdown, profileCpu } from './cpu-profile.ts';
import {
  prepareIngestWorkload,
  type SubmitRun,
  type Submitter,
  startSender,
  submitBodies,
  takeWarmup,
} from './ingest-workload.ts';
import { startPlainInsertServer } from './plain-insert-server.ts';

const CONTRIBUTIONS = Number(process.env.BENCH_INGEST_CONTRIBUTIONS ?? 10_000);
const BATCH = 50;
const SUBMITTERS = Number(process.env.BENCH_INGEST_SUBMITTERS ?? 4);
/** Runs of each configuration; the median is reported. */
const TRIALS = Number(process.env.BENCH_INGEST_TRIALS ?? 3);
const NEAR_DUPLICATE_RATE = 0.3;
const TEXT_CHARS = 4000;

/** One configuration's run: the submissions timed, and where the CPU went when profiled. */
interface IngestRun extends SubmitRun {
  label: string;
  profile: CpuBreakdown | null;
}

/**
 * Ingest through the real HTTP batch API: 10,000 generated contributions of ~4 KB, 30 % of them
 * near-duplicates (Jaccard ≈ 0.92) of another, one URL per host. Everything a device does is done
 * before the clock starts: the campaign, leasing every job, building and signing the batches (50
 * items each) and serializing their bodies; then each of the 4 devices sends one batch to warm up
 * the worker threads. The clock covers only the submissions: 4 devices send their batches at once,
 * each one after the other, from a child process (`submit-load.ts`). The coordinator is its own app
 * served from this process on loopback.
 *
 * Each configuration runs `BENCH_INGEST_TRIALS` (3) times on a fresh database and reports the median
 * run; every trial's figures are printed.
 *
 * Runs, in one process, one after the other: PGlite as the coordinator runs it (durable: every
 * commit waits for fsync) → `ingest.throughput`, `ingest.pglite.cpu_ms_per_contribution`; the same
 * with fsync off (PGlite's own default) as its baseline, the price of durability. With
 * `TEST_DATABASE_URL`: PostgreSQL → `ingest.postgres.throughput`, `ingest.cpu_ms_per_contribution`
 * (this process's CPU, every thread, per contribution; neither PostgreSQL's nor the sender's CPU
 * is in it), and the same request bodies sent to a plain hono + postgres.js endpoint that only
 * stores them (`plain-insert-server.ts`) → `ingest.vs_plain_insert`. `BENCH_PROFILE=1` samples the
 * HTTP thread's CPU too.
 */
export const run: BenchRun = async () => {
  const site = generatePages({
    hosts: CONTRIBUTIONS,
    nearDuplicateRate: NEAR_DUPLICATE_RATE,
    chars: TEXT_CHARS,
    seed: 42,
  });
  const shouldProfile = process.env.BENCH_PROFILE === '1';
  const durable = await trials('PGlite', () =>
    measurePlaza(site, { label: 'PGlite', shouldProfile }),
  );
  const relaxed = await trials('PGlite, fsync off', () =>
    measurePlaza(site, { label: 'PGlite, fsync off', durable: false }),
  );
  const figures: BenchFigure[] = [
    throughput('ingest.throughput', durable, relaxed),
    ...latency('ingest', durable),
    {
      name: 'ingest.pglite.cpu_ms_per_contribution',
      kind: 'measured',
      value: round(durable.cpuMsPerContribution, 2),
      unit: 'ms',
      better: 'lower',
    },
    {
      name: 'ingest.near_duplicate_recall',
      kind: 'measured',
      value: round((durable.outcomes.get('near_duplicate') ?? 0) / site.expected.nearDuplicates, 3),
      unit: 'fraction',
      better: 'higher',
    },
    ...profileFigures('ingest', durable),
  ];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) figures.push(...(await measurePostgres(site, serverUrl, shouldProfile)));
  console.log(`  ingest: ${availableParallelism()} cores; other processes may share them`);
  return figures;
};

async function measurePostgres(
  site: GeneratedSite,
  serverUrl: string,
  shouldProfile: boolean,
): Promise<BenchFigure[]> {
  const plains: SubmitRun[] = [];
  const plaza = await trials('PostgreSQL', async () => {
    const { plaza, plain } = await measurePostgresOnce(site, serverUrl, shouldProfile);
    plains.push(plain);
    return plaza;
  });
  const baseline = medianOf('plain insert', plains);
  const plainName = 'plain hono + postgres.js insert of the same bodies (same run)';
  return [
    throughput('ingest.postgres.throughput', plaza, baseline, plainName),
    ...latency('ingest.postgres', plaza),
    {
      name: 'ingest.vs_plain_insert',
      kind: 'measured',
      value: round(perSecond(plaza) / perSecond(baseline), 3),
      unit: 'ratio',
      better: 'higher',
      baseline: { name: plainName, value: Math.round(perSecond(baseline)) },
      target: { op: '>=', value: 0.3 },
    },
    {
      name: 'ingest.cpu_ms_per_contribution',
      kind: 'measured',
      value: round(plaza.cpuMsPerContribution, 2),
      unit: 'ms',
      better: 'lower',
      baseline: { name: plainName, value: round(baseline.cpuMsPerContribution, 2) },
      target: { op: '<=', value: 1.2 },
    },
    ...profileFigures('ingest.postgres', plaza),
  ];
}

/** One PostgreSQL trial: the plain insert of the bodies, then Plaza, each on a fresh database. */
async function measurePostgresOnce(
  site: GeneratedSite,
  serverUrl: string,
  shouldProfile: boolean,
): Promise<{ plaza: IngestRun; plain: SubmitRun }> {
  const database = await createPostgresDatabase(serverUrl);
  const plainDatabase = await createPostgresDatabase(serverUrl);
  try {
    let plain: SubmitRun | null = null;
    const plaza = await measurePlaza(site, {
      label: 'PostgreSQL',
      databaseUrl: database.url,
      shouldProfile,
      // The same bodies, to the endpoint that only stores them: first, on its own database.
      beforePlaza: async (submitters) => {
        const server = await startPlainInsertServer(plainDatabase.url);
        try {
          const copies = submitters.map((s) => ({ token: s.token, bodies: [...s.bodies] }));
          await submitBodies(server.url, takeWarmup(copies), 'plain');
          plain = await submitBodies(server.url, copies, 'plain');
          console.log(`  plain insert: ${perSecond(plain).toFixed(0)} contributions/s`);
        } finally {
          await server.close();
        }
      },
    });
    if (!plain) throw new Error('The plain insert baseline did not run.');
    return { plaza, plain };
  } finally {
    await database.drop();
    await plainDatabase.drop();
  }
}

/**
 * Runs `measureOnce` `TRIALS` times, one after the other, and returns the median run (by
 * throughput) with the median CPU per contribution: on a shared 2-core machine one run's
 * throughput varies by a third from one to the next.
 */
async function trials<T extends SubmitRun>(label: string, measureOnce: () => Promise<T>) {
  const runs: T[] = [];
  for (let trial = 0; trial < TRIALS; trial++) runs.push(await measureOnce());
  return medianOf(label, runs);
}

/** The median of `runs` by throughput, carrying the median CPU per contribution. */
function medianOf<T extends SubmitRun>(label: string, runs: readonly T[]): T {
  const middle = <V>(values: readonly V[]): V => values[(values.length - 1) >> 1]!;
  const byRate = [...runs].sort((a, b) => perSecond(a) - perSecond(b));
  const cpu = runs.map((r) => r.cpuMsPerContribution).sort((a, b) => a - b);
  console.log(
    `  ${label}: ${runs.map((r) => perSecond(r).toFixed(0)).join(', ')} contributions/s and ` +
      `${runs.map((r) => r.cpuMsPerContribution.toFixed(2)).join(', ')} ms CPU each over ` +
      `${runs.length} trials; the medians are reported`,
  );
  return { ...middle(byRate), cpuMsPerContribution: middle(cpu) };
}

async function measurePlaza(
  site: GeneratedSite,
  options: {
    label: string;
    databaseUrl?: string;
    durable?: boolean;
    shouldProfile?: boolean;
    beforePlaza?: (submitters: Submitter[]) => Promise<void>;
  },
): Promise<IngestRun> {
  let stage = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    console.log(`  ${options.label}: ${what} in ${((now - stage) / 1000).toFixed(1)} s`);
    stage = now;
  };
  const coordinator = await startInProcessCoordinator({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.durable === false ? { durable: false } : {}),
    env: { PLAZA_LEASE_TTL_SECONDS: '3600' },
  });
  try {
    const submitters = await prepareIngestWorkload({
      baseUrl: coordinator.url,
      adminKey: coordinator.adminKey,
      run: coordinator.run,
      site,
      id: 'ingest-bench',
      devices: SUBMITTERS,
      batch: BATCH,
    });
    lap(`leased ${site.pages.length} jobs and signed their batches`);
    await options.beforePlaza?.(submitters);
    const url = `${coordinator.url}/v1/contributions`;
    const warmup = await submitBodies(url, takeWarmup(submitters));
    const sender = await startSender(url, submitters);
    let result: SubmitRun | undefined;
    const timed = async () => {
      result = await sender.send();
    };
    let profile: CpuBreakdown | null = null;
    try {
      if (options.shouldProfile) profile = await profileCpu(timed);
      else await timed();
    } finally {
      await sender.close();
    }
    const run = result!;
    lap(`submitted ${run.contributions} contributions (after ${warmup.contributions} to warm up)`);
    console.log(
      `  ${options.label}: ${perSecond(run).toFixed(0)} contributions/s, ` +
        `${run.cpuMsPerContribution.toFixed(2)} ms CPU each; outcomes ${JSON.stringify(
          Object.fromEntries(run.outcomes),
        )}`,
    );
    if (profile) console.log(profile.table);
    return { ...run, label: options.label, profile };
  } finally {
    await coordinator.close();
  }
}

function throughput(
  name: string,
  run: SubmitRun,
  baseline: SubmitRun,
  baselineName = 'PGlite with fsync off (same run)',
): BenchFigure {
  return {
    name,
    kind: 'measured',
    value: Math.round(perSecond(run)),
    unit: 'contributions/s',
    better: 'higher',
    baseline: { name: baselineName, value: Math.round(perSecond(baseline)) },
    target: { op: '>=', value: 1000 },
  };
}

function latency(prefix: string, run: SubmitRun): BenchFigure[] {
  return ([0.5, 0.99] as const).map((q) => ({
    name: `${prefix}.batch_p${q * 100}_ms`,
    kind: 'measured',
    value: round(percentile(run.batchMs, q)),
    unit: 'ms',
    better: 'lower',
  }));
}

function profileFigures(prefix: string, run: IngestRun): BenchFigure[] {
  return [...(run.profile?.shares ?? [])].map(([category, share]) => ({
    name: `${prefix}.cpu_share.${category}`,
    kind: 'measured',
    value: round(share, 3),
    unit: 'fraction',
    better: 'lower',
  }));
}

function perSecond(run: SubmitRun): number {
  return run.contributions / run.seconds;
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
