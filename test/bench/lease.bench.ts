import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCoordinator } from '@plaza/coordinator';
import { createDb, type Db, migrate } from '@plaza/db';
import { createCoordinatorClient } from '@plaza/protocol';
import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import postgres from 'postgres';
import { generatePrivateKey } from 'viem/accounts';
import { createPostgresDatabase } from '../harness/create-postgres-database.ts';
import {
  markHostsReady,
  pgliteRunner,
  postgresRunner,
  type SqlRunner,
} from '../harness/mark-hosts-ready.ts';
import { profileCpu } from './cpu-profile.ts';
import type { LeaseLoadConfig, LeaseLoadResult } from './lease-load.ts';

const HOSTS = 5_000;
const URLS_PER_HOST = 5;
const DEVICES = 200;
const WARMUP_MS = 3_000;
const MEASURE_MS = Number(process.env.BENCH_LEASE_SECONDS ?? 20) * 1000;
/** A device fetches its (up to 4) pages in parallel, with extraction: 1–3 s per lease. */
const FETCH_MS: [number, number] = [1_000, 3_000];
/** The shortest lease the coordinator allows: unsubmitted jobs return to the queue soon. */
const LEASE_TTL_SECONDS = 5;
/** The campaign API's batches stay under PostgreSQL's 65,535 bind parameters per statement. */
const URLS_PER_REQUEST = 5_000;

const testDir = fileURLToPath(new URL('..', import.meta.url));
const loadScript = fileURLToPath(new URL('./lease-load.ts', import.meta.url));

interface LeaseMeasurement extends LeaseLoadResult {
  label: string;
}

/**
 * Lease latency with 200 concurrent simulated devices against a frontier of 25,000 URLs over 5,000
 * hosts, for 20 s after a 3 s warm-up. Each device loops: lease (max 4) → "fetch" for 1–3 s →
 * lease again. It never submits: its jobs expire after 5 s (the shortest lease allowed) and the
 * coordinator's expiry loop returns them to the queue, so work keeps flowing and only the lease
 * path is measured. The coordinator is `startCoordinator` from `@plaza/coordinator` in this
 * process (background loops on; every host's robots.txt is marked fetched beforehand, so no DNS
 * or network is used); the devices run in a child process and time each `POST /v1/leases`.
 *
 * Variants: the embedded database as the coordinator runs it (`lease.p50_ms`, `lease.p99_ms`);
 * the same after `ANALYZE` (`lease.analyzed.*`: PGlite runs no autovacuum, so its planner has no
 * statistics for a freshly loaded frontier); PostgreSQL when `TEST_DATABASE_URL` is set
 * (`lease.postgres.*`, analyzed too, as autovacuum would have done by then). `BENCH_LEASE_TARGETS=pglite,analyzed,postgres` picks variants and
 * `BENCH_LEASE_SECONDS` the measured window; `BENCH_LEASE_SUBMIT=1` makes the devices submit their
 * jobs as fetch failures (HTTP 404) instead of letting them expire; `BENCH_PROFILE=1` prints where
 * the coordinator's CPU went during each run.
 */
export const run: BenchRun = async () => {
  const targets = new Set(
    (process.env.BENCH_LEASE_TARGETS ?? 'pglite,analyzed,postgres').split(',').map((t) => t.trim()),
  );
  const measurements: { prefix: string; result: LeaseMeasurement }[] = [];
  if (targets.has('pglite')) {
    measurements.push({ prefix: 'lease', result: await measure({ label: 'pglite' }) });
  }
  if (targets.has('analyzed')) {
    measurements.push({
      prefix: 'lease.analyzed',
      result: await measure({ label: 'pglite, analyzed', analyze: true }),
    });
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl && targets.has('postgres')) {
    const database = await createPostgresDatabase(serverUrl);
    try {
      measurements.push({
        prefix: 'lease.postgres',
        // autovacuum analyzes a loaded table within a minute or so; start from that steady state.
        result: await measure({ label: 'postgres', databaseUrl: database.url, analyze: true }),
      });
    } finally {
      await database.drop();
    }
  }

  const figures: BenchFigure[] = [];
  for (const { prefix, result } of measurements) {
    const p50 = percentile(result.latencies, 0.5);
    const p99 = percentile(result.latencies, 0.99);
    const perSecond = result.leases / (result.windowMs / 1000);
    console.log(
      `  lease (${result.label}): ${result.leases} leases (${result.emptyLeases} empty), ` +
        `${result.jobs} jobs, ${result.submits} submits, ${perSecond.toFixed(0)} leases/s, ` +
        `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, errors ${JSON.stringify(result.errors)}`,
    );
    figures.push(
      {
        name: `${prefix}.p50_ms`,
        value: round(p50),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
      },
      {
        name: `${prefix}.p99_ms`,
        value: round(p99),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
        target: { op: '<', value: 20 },
      },
      {
        name: `${prefix}.leases_per_s`,
        value: round(perSecond),
        unit: 'leases/s',
        better: 'higher',
        kind: 'measured',
      },
    );
  }
  return figures;
};

async function measure(target: {
  label: string;
  databaseUrl?: string;
  analyze?: boolean;
}): Promise<LeaseMeasurement> {
  const dataDir = await mkdtemp(join(tmpdir(), 'plaza-lease-bench-'));
  const hosts = Array.from(
    { length: HOSTS },
    (_, i) => `shop-${String(i + 1).padStart(5, '0')}.example.net`,
  );
  const urls = hosts.flatMap((host) =>
    Array.from({ length: URLS_PER_HOST }, (_, j) => `https://${host}/catalog/item-${j + 1}`),
  );
  const env = {
    PLAZA_DATA_DIR: dataDir,
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
    PLAZA_HOST: '127.0.0.1',
    PLAZA_PORT: '0',
    PLAZA_LOG_LEVEL: 'silent',
    PLAZA_CHAIN: 'off',
    PLAZA_ADMIN_KEY: `bench-admin-${generatePrivateKey().slice(2, 34)}`,
    PLAZA_LEASE_TTL_SECONDS: String(LEASE_TTL_SECONDS),
    PLAZA_MAX_ATTEMPTS: '20',
  };
  // Test setup before the coordinator opens the database (PGlite allows one process): every host's
  // robots.txt counts as fetched, so its background loop leaves them alone and no DNS is needed.
  await withDatabase(env, (db) => markHostsReady(runnerOf(db, target.databaseUrl), hosts));
  let coordinator = await startCoordinator(env);
  try {
    const admin = createCoordinatorClient({
      baseUrl: coordinator.url,
      adminKey: env.PLAZA_ADMIN_KEY,
    });
    const id = 'lease-bench';
    await admin.createCampaign({
      id,
      name: 'Lease benchmark',
      seeds: urls.slice(0, URLS_PER_REQUEST),
      scope: { hosts: ['*.example.net'] },
      maxPages: urls.length,
      politeness: { minDelayMs: 0 },
      labelSchema: { kind: 'classification', classes: ['product', 'other'] },
    });
    for (let i = URLS_PER_REQUEST; i < urls.length; i += URLS_PER_REQUEST) {
      await admin.addUrls(id, { urls: urls.slice(i, i + URLS_PER_REQUEST) });
    }
    if (target.analyze) {
      await coordinator.stop();
      await withDatabase(env, (db) => runnerOf(db, target.databaseUrl)('analyze', []));
      coordinator = await startCoordinator(env);
    }
    const load = () =>
      runLoad({
        baseUrl: coordinator.url,
        devices: DEVICES,
        warmupMs: WARMUP_MS,
        measureMs: MEASURE_MS,
        maxPerLease: 4,
        fetchMs: FETCH_MS,
        submit: process.env.BENCH_LEASE_SUBMIT === '1',
        seed: 11,
      });
    if (process.env.BENCH_PROFILE !== '1') return { ...(await load()), label: target.label };
    let result: LeaseLoadResult | undefined;
    const profile = await profileCpu(async () => {
      result = await load();
    });
    console.log(`  lease (${target.label}): coordinator CPU during the run\n${profile.table}`);
    return { ...result!, label: target.label };
  } finally {
    await coordinator.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Opens the database the coordinator of `env` will use, migrated, for `work`, then closes it. */
async function withDatabase(
  env: { PLAZA_DATA_DIR: string; DATABASE_URL?: string },
  work: (db: Db) => Promise<unknown>,
): Promise<void> {
  const db = await createDb({ url: env.DATABASE_URL, dataDir: join(env.PLAZA_DATA_DIR, 'db') });
  try {
    await migrate(db);
    await work(db);
  } finally {
    await db.close();
  }
}

function runnerOf(db: Db, databaseUrl: string | undefined): SqlRunner {
  if (db.pglite) return pgliteRunner(db.pglite);
  return async (text, params) => {
    const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    try {
      return await postgresRunner(sql)(text, params);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
}

function runLoad(config: LeaseLoadConfig): Promise<LeaseLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', loadScript], {
      cwd: testDir,
      env: { ...process.env, LEASE_LOAD_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const line = output.split('\n').find((l) => l.startsWith('LEASE_LOAD_RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`The lease load generator exited (${signal ?? code}):\n${output}`));
        return;
      }
      resolve(JSON.parse(line.slice('LEASE_LOAD_RESULT '.length)) as LeaseLoadResult);
    });
  });
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
