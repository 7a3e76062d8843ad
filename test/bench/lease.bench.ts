import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCoordinator } from '@plaza/coordinator';
import { createCoordinatorClient } from '@plaza/protocol';
import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import { generatePrivateKey } from 'viem/accounts';
import { createPostgresDatabase } from '../harness/create-postgres-database.ts';
import { createSimulatedDevice } from '../harness/create-simulated-device.ts';
import { generatePages } from '../harness/generate-pages.ts';
import { markHostsReady } from '../harness/mark-hosts-ready.ts';
import {
  createSiteCampaign,
  type SubmitRun,
  signBodies,
  submitBodies,
  takeWarmup,
} from './ingest-workload.ts';
import { report, runLoad, runnerOf, withDatabase } from './lease-harness.ts';
import type { LeaseLoadResult } from './lease-load.ts';
import { grantJobs, seedHistory } from './lease-seed.ts';

const HOSTS = 5_000;
const URLS_PER_HOST = 5;
const DEVICES = 200;
const WARMUP_MS = 3_000;
const MEASURE_MS = Number(process.env.BENCH_LEASE_SECONDS ?? 20) * 1000;
const INGEST_CONTRIBUTIONS = Number(process.env.BENCH_LEASE_INGEST_CONTRIBUTIONS ?? 10_000);
/** A device fetches its (up to 4) pages in parallel, with extraction: 1–3 s per lease. */
const FETCH_MS: [number, number] = [1_000, 3_000];
/** The campaign API's batches stay under PostgreSQL's 65,535 bind parameters per statement. */
const URLS_PER_REQUEST = 5_000;

/** One variant: the lease load alone, then (`ingest`) with ingest at full speed beside it. */
interface LeaseMeasurement {
  label: string;
  idle: LeaseLoadResult;
  busy: (LeaseLoadResult & { ingest: SubmitRun }) | null;
}

interface Variant {
  label: string;
  /** `PLAZA_LEASE_QUEUE_SIZE`; 0 runs the lease statement per request (the baseline). */
  queueSize?: number;
  databaseUrl?: string;
  analyze?: boolean;
  ingest: boolean;
  history?: { devices: number; jobs: number };
}

/**
 * Lease latency with 200 concurrent simulated devices against a frontier of 25,000 URLs over 5,000
 * hosts. Each device loops: lease (max 4) → "fetch" for 1–3 s → lease again, leaving its jobs to
 * expire after 5 s (the shortest lease) so work keeps flowing. The coordinator is `startCoordinator` from
 * `@plaza/coordinator` in this process (background loops on, hosts' robots.txt marked fetched
 * beforehand); the devices run in a child process and time each `POST /v1/leases` for 20 s after
 * a 3 s warm-up.
 *
 * Each variant measures two windows on one coordinator: the lease load alone (the baseline), then
 * the same while this process submits 10,000 pre-signed contributions of ~4 KB (4 devices,
 * batches of 50, their jobs granted for an hour by SQL in setup) as fast as the coordinator takes
 * them: ingest at full speed. Variants:
 * `lease.*` (PGlite as the coordinator runs it, target p99 < 50 ms), `lease.postgres.*` (with
 * `TEST_DATABASE_URL`, analyzed as autovacuum would have, target < 20 ms), and
 * `lease.p99_ms_100k_devices_1m_jobs`: the lease load alone on a database holding 100,000 devices
 * and 1,000,000 old jobs (PostgreSQL when available, else PGlite). Leases come from the ready
 * queue (the default); `baseline` adds `lease.statement_per_lease.*` and
 * `lease.postgres.statement_per_lease.*`, the same measurements with `PLAZA_LEASE_QUEUE_SIZE=0`
 * (one lease statement per request, as before the queue), in the same run. `BENCH_LEASE_TARGETS`
 * picks variants (`pglite,postgres,history,baseline`), `BENCH_LEASE_SECONDS` the window.
 */
export const run: BenchRun = async () => {
  const targets = new Set(
    (process.env.BENCH_LEASE_TARGETS ?? 'pglite,postgres,history,baseline')
      .split(',')
      .map((t) => t.trim()),
  );
  const serverUrl = process.env.TEST_DATABASE_URL;
  const figures: BenchFigure[] = [];
  if (targets.has('pglite')) {
    const m = await measure({ label: 'pglite', ingest: true });
    figures.push(...busyFigures('lease', m, 50));
    if (targets.has('baseline')) {
      const b = await measure({ label: 'pglite, statement per lease', ingest: true, queueSize: 0 });
      figures.push(...busyFigures('lease.statement_per_lease', b, null));
    }
  }
  if (serverUrl && targets.has('postgres')) {
    const m = await withPostgres(serverUrl, (url) =>
      measure({ label: 'postgres', databaseUrl: url, analyze: true, ingest: true }),
    );
    figures.push(...busyFigures('lease.postgres', m, 20));
    if (targets.has('baseline')) {
      const b = await withPostgres(serverUrl, (url) =>
        measure({
          label: 'postgres, statement per lease',
          databaseUrl: url,
          analyze: true,
          ingest: true,
          queueSize: 0,
        }),
      );
      figures.push(...busyFigures('lease.postgres.statement_per_lease', b, null));
    }
  }
  if (targets.has('history')) {
    const history = { devices: 100_000, jobs: 1_000_000 };
    const m = serverUrl
      ? await withPostgres(serverUrl, (url) =>
          measure({
            label: 'postgres, 100k devices, 1M jobs',
            databaseUrl: url,
            analyze: true,
            ingest: false,
            history,
          }),
        )
      : await measure({
          label: 'pglite, 100k devices, 1M jobs',
          analyze: true,
          ingest: false,
          history,
        });
    figures.push({
      name: 'lease.p99_ms_100k_devices_1m_jobs',
      kind: 'measured',
      value: round(percentile(m.idle.latencies, 0.99)),
      unit: 'ms',
      better: 'lower',
      target: { op: '<', value: 20 },
    });
  }
  return figures;
};

async function withPostgres<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const database = await createPostgresDatabase(serverUrl);
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
}

function busyFigures(prefix: string, m: LeaseMeasurement, target: number | null): BenchFigure[] {
  const busy = m.busy!;
  const alone = `the same lease load without ingest (same run)`;
  const at = (r: LeaseLoadResult, q: number) => round(percentile(r.latencies, q));
  const ingestRate = busy.ingest.contributions / busy.ingest.seconds;
  return [
    {
      name: `${prefix}.p50_ms`,
      kind: 'measured',
      value: at(busy, 0.5),
      unit: 'ms',
      better: 'lower',
      baseline: { name: alone, value: at(m.idle, 0.5) },
    },
    {
      name: `${prefix}.p99_ms`,
      kind: 'measured',
      value: at(busy, 0.99),
      unit: 'ms',
      better: 'lower',
      baseline: { name: alone, value: at(m.idle, 0.99) },
      ...(target === null ? {} : { target: { op: '<' as const, value: target } }),
    },
    {
      name: `${prefix}.leases_per_s`,
      kind: 'measured',
      value: round(busy.leases / (busy.windowMs / 1000)),
      unit: 'leases/s',
      better: 'higher',
      baseline: { name: alone, value: round(m.idle.leases / (m.idle.windowMs / 1000)) },
    },
    {
      name: `${prefix}.ingest_during_leases_per_s`,
      kind: 'measured',
      value: round(ingestRate),
      unit: 'contributions/s',
      better: 'higher',
    },
  ];
}

async function measure(variant: Variant): Promise<LeaseMeasurement> {
  const dataDir = await mkdtemp(join(tmpdir(), 'plaza-lease-bench-'));
  const hosts = Array.from(
    { length: HOSTS },
    (_, i) => `shop-${String(i + 1).padStart(5, '0')}.example.net`,
  );
  const urls = hosts.flatMap((host) =>
    Array.from({ length: URLS_PER_HOST }, (_, j) => `https://${host}/catalog/item-${j + 1}`),
  );
  const site = variant.ingest
    ? generatePages({ hosts: INGEST_CONTRIBUTIONS, nearDuplicateRate: 0.3, chars: 4000, seed: 7 })
    : null;
  const env = {
    PLAZA_DATA_DIR: dataDir,
    ...(variant.databaseUrl ? { DATABASE_URL: variant.databaseUrl } : {}),
    PLAZA_HOST: '127.0.0.1',
    PLAZA_PORT: '0',
    PLAZA_LOG_LEVEL: 'silent',
    PLAZA_CHAIN: 'off',
    PLAZA_ADMIN_KEY: `bench-admin-${generatePrivateKey().slice(2, 34)}`,
    // The shortest lease allowed: unsubmitted jobs return to the queue soon, so work keeps flowing.
    PLAZA_LEASE_TTL_SECONDS: '5',
    PLAZA_MAX_ATTEMPTS: '20',
    ...(variant.queueSize === undefined
      ? {}
      : { PLAZA_LEASE_QUEUE_SIZE: String(variant.queueSize) }),
  };
  // Test setup before the coordinator opens the database (PGlite allows one process): every host's
  // robots.txt counts as fetched, so its background loop leaves them alone and no DNS is needed.
  await withDatabase(env, async (db) => {
    const run = runnerOf(db, variant.databaseUrl);
    await markHostsReady(run, [...hosts, ...(site?.hosts ?? [])]);
    if (variant.history) await seedHistory(run, variant.history);
  });
  let coordinator = await startCoordinator(env);
  try {
    const admin = createCoordinatorClient({
      baseUrl: coordinator.url,
      adminKey: env.PLAZA_ADMIN_KEY,
    });
    await admin.createCampaign({
      id: 'lease-bench',
      name: 'Lease benchmark',
      seeds: urls.slice(0, URLS_PER_REQUEST),
      scope: { hosts: ['*.example.net'] },
      maxPages: urls.length,
      politeness: { minDelayMs: 0 },
      labelSchema: { kind: 'classification', classes: ['product', 'other'] },
    });
    for (let i = URLS_PER_REQUEST; i < urls.length; i += URLS_PER_REQUEST) {
      await admin.addUrls('lease-bench', { urls: urls.slice(i, i + URLS_PER_REQUEST) });
    }
    // The ingest devices register and their campaign is created through the API; their jobs are
    // granted for an hour by SQL while the coordinator is stopped (PGlite has one process), so
    // their batches stay valid beside the lease load's 5-second leases.
    const ingestDevices = site
      ? await Promise.all(
          Array.from({ length: 4 }, () => createSimulatedDevice({ baseUrl: coordinator.url })),
        )
      : [];
    if (site) {
      await createSiteCampaign({
        baseUrl: coordinator.url,
        adminKey: env.PLAZA_ADMIN_KEY,
        site,
        id: 'ingest-load',
      });
    }
    await coordinator.stop();
    const granted: { jobId: string; url: string }[][] = [];
    await withDatabase(env, async (db) => {
      const run = runnerOf(db, variant.databaseUrl);
      const perDevice = site ? Math.ceil(site.pages.length / ingestDevices.length) : 0;
      for (const device of ingestDevices) {
        granted.push(
          await grantJobs(run, {
            campaignId: 'ingest-load',
            device: device.address,
            count: perDevice,
          }),
        );
      }
      if (variant.analyze) await run('analyze', []);
    });
    coordinator = await startCoordinator(env);
    const submitters = site
      ? await Promise.all(
          ingestDevices.map(async (device, i) => ({
            token: device.token,
            bodies: await signBodies(device, granted[i]!, site, 50),
          })),
        )
      : null;
    const load = () =>
      runLoad({
        baseUrl: coordinator.url,
        devices: DEVICES,
        warmupMs: WARMUP_MS,
        measureMs: MEASURE_MS,
        maxPerLease: 4,
        fetchMs: FETCH_MS,
        submit: false,
        seed: 11,
      });
    const idle = await load();
    report(variant.label, 'alone', idle);
    if (!submitters) return { label: variant.label, idle, busy: null };
    const ingestUrl = `${coordinator.url}/v1/contributions`;
    await submitBodies(ingestUrl, takeWarmup(submitters));
    const [busyLoad, ingest] = await Promise.all([load(), submitBodies(ingestUrl, submitters)]);
    report(variant.label, 'with ingest', busyLoad);
    console.log(
      `  lease (${variant.label}): ingest beside it: ${ingest.contributions} contributions in ` +
        `${ingest.seconds.toFixed(1)} s (${(ingest.contributions / ingest.seconds).toFixed(0)}/s); ` +
        `the lease window was ${(WARMUP_MS + MEASURE_MS) / 1000} s`,
    );
    return { label: variant.label, idle, busy: { ...busyLoad, ingest } };
  } finally {
    await coordinator.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
