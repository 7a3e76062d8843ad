import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import { checkIngestInvariants, extraItems } from '../harness/check-ingest-invariants.ts';
import { createPostgresDatabase } from '../harness/create-postgres-database.ts';
import { type GeneratePagesOptions, generatePages } from '../harness/generate-pages.ts';
import { startRoundRobinFront } from '../harness/round-robin-front.ts';
import { seedSiteCampaign, startCoordinatorCluster } from '../harness/start-coordinator-cluster.ts';
import type { ScaleoutLoadConfig, ScaleoutLoadOutput } from './scaleout-load.ts';

const DEVICES = Number(process.env.BENCH_SCALEOUT_DEVICES ?? 500);
const MEASURE_MS = Number(process.env.BENCH_SCALEOUT_SECONDS ?? 20) * 1000;
/** The devices ramp up (first leases, connection pools) before the window opens. */
const WARMUP_MS = 5_000;
/** Coordinator processes of each run, on one PostgreSQL: throughput at 1, 2 and 3. */
const PROCESS_COUNTS = [1, 2, 3] as const;

/**
 * The simulated web: 20,000 pages of ~2 KB over 4,000 hosts, 10 % exact and 5 % near duplicates.
 * Devices do not fetch anything: a page is looked up by URL and its text submitted, so the only
 * limits are the coordinators, PostgreSQL and the devices' signing. 4,000 hosts keep every device
 * busy (one job per host at a time, up to 4 jobs a lease), and 20,000 URLs outlast a 60 s run on
 * 2 cores by far; the bench says so when the frontier ran dry.
 */
const SITE: GeneratePagesOptions = {
  hosts: 4_000,
  urlsPerHost: 5,
  exactDuplicateRate: 0.1,
  nearDuplicateRate: 0.05,
  chars: 2_000,
  seed: 2027,
};

const testDir = fileURLToPath(new URL('..', import.meta.url));
const loadScript = fileURLToPath(new URL('./scaleout-load.ts', import.meta.url));

/** What one configuration measured. */
interface ScaleoutMeasurement {
  label: string;
  contributionsPerSecond: number;
  p50: number;
  p99: number;
  doubleLeases: number;
  duplicateItems: number;
  lostReceipts: number;
  urlsStoredTwice: number;
  queuedLeft: number;
}

/**
 * Scale-out on PostgreSQL: 1, 2 and 3 `plaza start` processes on one database behind a
 * round-robin front (`test/harness/round-robin-front.ts`), 500 simulated devices (real keys and
 * signatures, their own process) looping lease → sign → submit as fast as they are answered, for
 * a 20 s window after a 5 s warm-up, each run on a fresh database. With no pause between requests
 * the coordinators run at capacity: the throughput is what the deployment sustains, and the
 * latency is mostly time queued behind the other 499 devices (a closed loop: p50 ≈ devices ÷
 * requests per second). Figures: contributions acknowledged per second at each process count
 * (the one-process run is the baseline of the others), p50/p99 of every device request started
 * in the window, and the guarantees over all runs, checked against the database and the devices'
 * own records: URLs leased to two devices at once, content stored as two items, receipts a device
 * holds that the database lacks. Every process, PostgreSQL and the load generator share this
 * machine's cores (`scaleout.cores`): on 2 cores more processes cannot add CPU, only show that
 * nothing breaks and what the coordination costs. `BENCH_SCALEOUT_SECONDS` and
 * `BENCH_SCALEOUT_DEVICES` shorten or shrink it. Skipped without `TEST_DATABASE_URL`.
 */
export const run: BenchRun = async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    console.log(
      '  scaleout: skipped: TEST_DATABASE_URL is not set (point it at a PostgreSQL server).',
    );
    return [];
  }
  const started = performance.now();
  const site = generatePages(SITE);
  console.log(
    `  scaleout: ${site.pages.length} pages over ${site.hosts.length} hosts generated in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s; ${availableParallelism()} cores`,
  );
  const runs: ScaleoutMeasurement[] = [];
  for (const processes of PROCESS_COUNTS) {
    runs.push(
      await measure({
        label: processes === 1 ? 'one coordinator' : `${processes} coordinators`,
        processes,
        measureMs: MEASURE_MS,
        serverUrl,
        site,
      }),
    );
  }
  const [one, two, three] = runs as [ScaleoutMeasurement, ScaleoutMeasurement, ScaleoutMeasurement];
  const versus = (value: number) => ({ name: `${one.label} (same run)`, value });
  const total = (pick: (m: ScaleoutMeasurement) => number) => runs.reduce((n, m) => n + pick(m), 0);
  const rate = (name: string, m: ScaleoutMeasurement, baseline: boolean): BenchFigure => ({
    name,
    kind: 'measured',
    value: round(m.contributionsPerSecond),
    unit: 'contributions/s',
    better: 'higher',
    ...(baseline ? { baseline: versus(round(one.contributionsPerSecond)) } : {}),
  });
  return [
    rate('scaleout.contributions_per_s', three, true),
    rate('scaleout.contributions_per_s_2_processes', two, true),
    rate('scaleout.contributions_per_s_1_process', one, false),
    {
      name: 'scaleout.cores',
      kind: 'measured',
      value: availableParallelism(),
      unit: 'cores',
      better: 'higher',
    },
    {
      name: 'scaleout.p50_ms',
      kind: 'measured',
      value: round(three.p50),
      unit: 'ms',
      better: 'lower',
      baseline: versus(round(one.p50)),
    },
    {
      name: 'scaleout.p99_ms',
      kind: 'measured',
      value: round(three.p99),
      unit: 'ms',
      better: 'lower',
      baseline: versus(round(one.p99)),
    },
    ...(
      [
        ['double_leases', 'leases', (m: ScaleoutMeasurement) => m.doubleLeases],
        ['duplicate_items', 'items', (m: ScaleoutMeasurement) => m.duplicateItems],
        ['lost_receipts', 'receipts', (m: ScaleoutMeasurement) => m.lostReceipts],
      ] as const
    ).map(
      ([name, unit, pick]): BenchFigure => ({
        name: `scaleout.${name}`,
        kind: 'measured',
        value: total(pick),
        unit,
        better: 'lower',
        target: { op: '<=', value: 0 },
      }),
    ),
  ];
};

async function measure(params: {
  label: string;
  processes: number;
  measureMs: number;
  serverUrl: string;
  site: ReturnType<typeof generatePages>;
}): Promise<ScaleoutMeasurement> {
  const { label } = params;
  const database = await createPostgresDatabase(params.serverUrl);
  const scratch = await mkdtemp(join(tmpdir(), 'plaza-scaleout-'));
  try {
    let stage = performance.now();
    const lap = (what: string) => {
      const now = performance.now();
      console.log(`  ${label}: ${what} in ${((now - stage) / 1000).toFixed(1)} s`);
      stage = now;
    };
    const cluster = await startCoordinatorCluster({
      databaseUrl: database.url,
      processes: params.processes,
      env: { PLAZA_DB_POOL: '10', PLAZA_MAX_ATTEMPTS: '10' },
    });
    try {
      lap(`${params.processes} coordinator process(es) started`);
      await seedSiteCampaign({
        baseUrl: cluster.processes[0]!.url,
        adminKey: cluster.adminKey,
        sql: database.sql,
        id: 'scaleout',
        site: params.site,
      });
      // A steady frontier has statistics; a freshly loaded one has none until autovacuum runs.
      await database.sql`analyze`;
      lap(`${params.site.pages.length} URLs queued`);
      const front = await startRoundRobinFront({
        backends: cluster.processes.map((p) => p.url),
      });
      let output: ScaleoutLoadOutput;
      try {
        const outFile = join(scratch, 'load.json');
        await runLoad({
          baseUrl: front.url,
          devices: DEVICES,
          durationMs: WARMUP_MS + params.measureMs,
          site: SITE,
          outFile,
          label,
          seed: 17,
        });
        output = JSON.parse(await readFile(outFile, 'utf8')) as ScaleoutLoadOutput;
        console.log(
          `  ${label}: requests answered per process ${front.answered.join('/')}, ` +
            `request errors ${JSON.stringify(output.requestErrors)} ` +
            `${JSON.stringify(output.errorMessages)}, ` +
            `item errors ${JSON.stringify(output.itemErrors)}`,
        );
      } finally {
        await front.close();
      }
      lap('load done');

      const windowStart = WARMUP_MS;
      const windowEnd = WARMUP_MS + params.measureMs;
      const inWindow = (atMs: number) => atMs >= windowStart && atMs < windowEnd;
      const acknowledged = output.receipts.filter(([, held]) => inWindow(held.atMs)).length;
      const latencies = output.requests.filter((r) => inWindow(r.atMs)).map((r) => r.ms);
      const violations = await checkIngestInvariants(database.sql, {
        receipts: new Map(output.receipts),
        leases: output.leases,
      });
      const [queued] = await database.sql<{ n: number }[]>`
        select count(*)::int as n from frontier_urls where status = 'queued'`;
      const measurement: ScaleoutMeasurement = {
        label,
        contributionsPerSecond: acknowledged / (params.measureMs / 1000),
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        doubleLeases: violations.doubleLeases.length,
        duplicateItems: extraItems(violations.duplicateItems),
        urlsStoredTwice: violations.urlsStoredTwice.length,
        lostReceipts: violations.lostReceipts.length,
        queuedLeft: queued!.n,
      };
      lap('checked');
      console.log(
        `  ${label}: ${acknowledged} contributions acknowledged in ${params.measureMs / 1000} s ` +
          `(${measurement.contributionsPerSecond.toFixed(1)}/s), ${latencies.length} requests, ` +
          `p50 ${measurement.p50.toFixed(1)} ms, p99 ${measurement.p99.toFixed(1)} ms; ` +
          `double leases ${measurement.doubleLeases}, duplicate items ${measurement.duplicateItems}, ` +
          `lost receipts ${measurement.lostReceipts}, URLs stored twice ${measurement.urlsStoredTwice}; ` +
          `${measurement.queuedLeft} URLs still queued`,
      );
      if (measurement.queuedLeft === 0) {
        console.log(
          `  ${label}: WARNING the frontier ran dry: devices waited for work, so the throughput ` +
            'is a lower bound. Raise SITE.hosts or urlsPerHost in scaleout.bench.ts.',
        );
      }
      return measurement;
    } finally {
      await cluster.stop();
    }
  } finally {
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  }
}

function runLoad(config: ScaleoutLoadConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', loadScript], {
      cwd: testDir,
      env: { ...process.env, SCALEOUT_LOAD_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`The scale-out load generator exited (${signal ?? code}).`));
    });
  });
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
