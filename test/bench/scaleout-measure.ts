/**
 * One configuration of the scale-out benchmark (scaleout.bench.ts): coordinator processes on a
 * fresh PostgreSQL database behind a round-robin front, the device load in its own process, and
 * the window's throughput, latency and ingest invariants.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from '@plaza/test-kit/bench';
import { checkIngestInvariants, extraItems } from '../harness/check-ingest-invariants.ts';
import {
  createPostgresDatabase,
  type PostgresDatabase,
} from '../harness/create-postgres-database.ts';
import type { GeneratePagesOptions, generatePages } from '../harness/generate-pages.ts';
import { startRoundRobinFront } from '../harness/round-robin-front.ts';
import {
  type CoordinatorCluster,
  seedSiteCampaign,
  startCoordinatorCluster,
} from '../harness/start-coordinator-cluster.ts';
import type { ScaleoutLoadConfig, ScaleoutLoadOutput } from './scaleout-load.ts';

const DEVICES = Number(process.env.BENCH_SCALEOUT_DEVICES ?? 500);
/** The devices ramp up (first leases, connection pools) before the window opens. */
const WARMUP_MS = 5_000;
/**
 * The simulated web: 20,000 pages of ~2 KB over 4,000 hosts, 10 % exact and 5 % near duplicates.
 * Devices do not fetch anything: a page is looked up by URL and its text submitted, so the only
 * limits are the coordinators, PostgreSQL and the devices' signing. 4,000 hosts keep every device
 * busy (one job per host at a time, up to 4 jobs a lease), and 20,000 URLs outlast a 60 s run on
 * 2 cores by far; the bench says so when the frontier ran dry.
 */
export const SITE: GeneratePagesOptions = {
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
export interface ScaleoutMeasurement {
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

/** Parameters of one scale-out measurement. */
interface MeasureParams {
  label: string;
  processes: number;
  measureMs: number;
  serverUrl: string;
  site: ReturnType<typeof generatePages>;
}

/**
 * One configuration on a fresh database: the cluster started, the site's campaign seeded and
 * analyzed, the device load run through a round-robin front, then the window's figures and the
 * ingest invariants checked.
 */
export async function measure(params: MeasureParams): Promise<ScaleoutMeasurement> {
  const { label } = params;
  const database = await createPostgresDatabase(params.serverUrl);
  const scratch = await mkdtemp(join(tmpdir(), 'plaza-scaleout-'));
  try {
    const lap = createLapTimer(label);
    const cluster = await startCoordinatorCluster({
      databaseUrl: database.url,
      processes: params.processes,
      // Behind the round-robin front, as the README advises behind a balancer: longer than the
      // front keeps a connection idle, so it never reuses one a coordinator is closing.
      env: { PLAZA_DB_POOL: '10', PLAZA_MAX_ATTEMPTS: '10', PLAZA_KEEP_ALIVE_SECONDS: '65' },
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
      const output = await runLoadThroughFront(cluster, label, params.measureMs, scratch);
      lap('load done');
      const measurement = await checkWindow(database, output, label, params.measureMs);
      lap('checked');
      return measurement;
    } finally {
      await cluster.stop();
    }
  } finally {
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Logs how long each stage of a measurement took, from the previous lap. */
function createLapTimer(label: string): (what: string) => void {
  let stage = performance.now();
  return (what) => {
    const now = performance.now();
    console.log(`  ${label}: ${what} in ${((now - stage) / 1000).toFixed(1)} s`);
    stage = now;
  };
}

/** Runs the device load (its own process) through a round-robin front over the cluster. */
async function runLoadThroughFront(
  cluster: CoordinatorCluster,
  label: string,
  measureMs: number,
  scratch: string,
): Promise<ScaleoutLoadOutput> {
  const front = await startRoundRobinFront({
    backends: cluster.processes.map((p) => p.url),
  });
  try {
    const outFile = join(scratch, 'load.json');
    await runLoad({
      baseUrl: front.url,
      devices: DEVICES,
      durationMs: WARMUP_MS + measureMs,
      site: SITE,
      outFile,
      label,
      seed: 17,
    });
    const output = JSON.parse(await readFile(outFile, 'utf8')) as ScaleoutLoadOutput;
    console.log(
      `  ${label}: requests answered per process ${front.answered.join('/')}, ` +
        `request errors ${JSON.stringify(output.requestErrors)} ` +
        `${JSON.stringify(output.errorMessages)}, ` +
        `item errors ${JSON.stringify(output.itemErrors)}`,
    );
    return output;
  } finally {
    await front.close();
  }
}

/**
 * The window's figures (receipts and request latencies after the warm-up) and the ingest
 * invariants checked on the database; logs them, and warns when the frontier ran dry.
 */
async function checkWindow(
  database: PostgresDatabase,
  output: ScaleoutLoadOutput,
  label: string,
  measureMs: number,
): Promise<ScaleoutMeasurement> {
  const windowStart = WARMUP_MS;
  const windowEnd = WARMUP_MS + measureMs;
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
    contributionsPerSecond: acknowledged / (measureMs / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    doubleLeases: violations.doubleLeases.length,
    duplicateItems: extraItems(violations.duplicateItems),
    urlsStoredTwice: violations.urlsStoredTwice.length,
    lostReceipts: violations.lostReceipts.length,
    queuedLeft: queued!.n,
  };
  console.log(
    `  ${label}: ${acknowledged} contributions acknowledged in ${measureMs / 1000} s ` +
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
}

/** Runs the scale-out load generator (scaleout-load.ts) in a child process. */
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
