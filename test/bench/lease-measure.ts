/**
 * One variant of the lease benchmark (lease.bench.ts): a coordinator on a frontier of 25,000 URLs
 * over 5,000 hosts (hosts marked ready, optional old history), 200 simulated devices leasing for
 * the window alone, then again while pre-signed contributions are submitted at full speed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCoordinator, startCoordinator } from '@plaza/coordinator';
import { createCoordinatorClient } from '@plaza/protocol';
import { generatePrivateKey } from 'viem/accounts';
import { createSimulatedDevice, type SimulatedDevice } from '../harness/create-simulated-device.ts';
import { generatePages } from '../harness/generate-pages.ts';
import { markHostsReady } from '../harness/mark-hosts-ready.ts';
import {
  createSiteCampaign,
  type SubmitRun,
  type Submitter,
  signBodies,
  startSender,
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
export interface LeaseMeasurement {
  label: string;
  idle: LeaseLoadResult;
  busy: (LeaseLoadResult & { ingest: SubmitRun }) | null;
}

/** What one measurement runs against, and with what beside the lease load. */
export interface Variant {
  label: string;
  /** `PLAZA_LEASE_QUEUE_SIZE`; 0 runs the lease statement per request (the baseline). */
  queueSize?: number;
  databaseUrl?: string;
  analyze?: boolean;
  ingest: boolean;
  history?: { devices: number; jobs: number };
}

/** Measures one variant: the lease load alone, then (when `ingest`) beside ingest at full speed. */
export async function measure(variant: Variant): Promise<LeaseMeasurement> {
  const dataDir = await mkdtemp(join(tmpdir(), 'plaza-lease-bench-'));
  const { hosts, urls } = frontierUrls();
  const site = variant.ingest
    ? generatePages({ hosts: INGEST_CONTRIBUTIONS, nearDuplicateRate: 0.3, chars: 4000, seed: 7 })
    : null;
  const env = leaseBenchEnv(variant, dataDir);
  // Test setup before the coordinator opens the database (PGlite allows one process): every host's
  // robots.txt counts as fetched, so its background loop leaves them alone and no DNS is needed.
  await withDatabase(env, async (db) => {
    const run = runnerOf(db, variant.databaseUrl);
    await markHostsReady(run, [...hosts, ...(site?.hosts ?? [])]);
    if (variant.history) await seedHistory(run, variant.history);
  });
  let coordinator = await startCoordinator(env);
  try {
    await seedLeaseCampaign(coordinator.url, env.PLAZA_ADMIN_KEY, urls);
    // The ingest devices register and their campaign is created through the API; their jobs are
    // granted for an hour by SQL while the coordinator is stopped (PGlite has one process), so
    // their batches stay valid beside the lease load's 5-second leases.
    const ingestDevices = site
      ? await registerIngestDevices(coordinator.url, env.PLAZA_ADMIN_KEY, site)
      : [];
    await coordinator.stop();
    const granted = await grantIngestJobs(env, variant, site, ingestDevices);
    coordinator = await startCoordinator(env);
    const submitters = site
      ? await Promise.all(
          ingestDevices.map(async (device, i) => ({
            token: device.token,
            bodies: await signBodies(device, granted[i]!, site, 50),
          })),
        )
      : null;
    return await measureWindows(coordinator, variant.label, submitters);
  } finally {
    await coordinator.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

type Site = ReturnType<typeof generatePages>;
type Submitters = Submitter[];

/** The frontier: `URLS_PER_HOST` URLs on each of `HOSTS` hosts. */
function frontierUrls(): { hosts: string[]; urls: string[] } {
  const hosts = Array.from(
    { length: HOSTS },
    (_, i) => `shop-${String(i + 1).padStart(5, '0')}.example.net`,
  );
  const urls = hosts.flatMap((host) =>
    Array.from({ length: URLS_PER_HOST }, (_, j) => `https://${host}/catalog/item-${j + 1}`),
  );
  return { hosts, urls };
}

/** The coordinator's environment for a variant: its database, no chain, the shortest lease. */
function leaseBenchEnv(variant: Variant, dataDir: string) {
  return {
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
}

/** Creates the lease campaign with the frontier's URLs, `URLS_PER_REQUEST` per request. */
async function seedLeaseCampaign(baseUrl: string, adminKey: string, urls: readonly string[]) {
  const admin = createCoordinatorClient({ baseUrl, adminKey });
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
}

/** Registers the 4 ingest devices and creates the ingest campaign over `site`. */
async function registerIngestDevices(
  baseUrl: string,
  adminKey: string,
  site: Site,
): Promise<SimulatedDevice[]> {
  const devices = await Promise.all(
    Array.from({ length: 4 }, () => createSimulatedDevice({ baseUrl })),
  );
  await createSiteCampaign({ baseUrl, adminKey, site, id: 'ingest-load' });
  return devices;
}

/**
 * With the coordinator stopped, grants each ingest device its share of the site's jobs for an
 * hour, and analyzes the database when the variant asks. Returns the jobs per device.
 */
async function grantIngestJobs(
  env: ReturnType<typeof leaseBenchEnv>,
  variant: Variant,
  site: Site | null,
  devices: readonly SimulatedDevice[],
): Promise<{ jobId: string; url: string }[][]> {
  const granted: { jobId: string; url: string }[][] = [];
  await withDatabase(env, async (db) => {
    const run = runnerOf(db, variant.databaseUrl);
    const perDevice = site ? Math.ceil(site.pages.length / devices.length) : 0;
    for (const device of devices) {
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
  return granted;
}

/** The lease load alone, then (with submitters) again beside ingest at full speed after a warm-up. */
async function measureWindows(
  coordinator: RunningCoordinator,
  label: string,
  submitters: Submitters | null,
): Promise<LeaseMeasurement> {
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
  report(label, 'alone', idle);
  if (!submitters) return { label, idle, busy: null };
  const ingestUrl = `${coordinator.url}/v1/contributions`;
  await submitBodies(ingestUrl, takeWarmup(submitters));
  const sender = await startSender(ingestUrl, submitters);
  const [busyLoad, ingest] = await Promise.all([load(), sender.send()]).finally(() =>
    sender.close(),
  );
  report(label, 'with ingest', busyLoad);
  console.log(
    `  lease (${label}): ingest beside it: ${ingest.contributions} contributions in ` +
      `${ingest.seconds.toFixed(1)} s (${(ingest.contributions / ingest.seconds).toFixed(0)}/s); ` +
      `the lease window was ${(WARMUP_MS + MEASURE_MS) / 1000} s`,
  );
  return { label, idle, busy: { ...busyLoad, ingest } };
}
