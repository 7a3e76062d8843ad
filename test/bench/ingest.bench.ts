import {
  createCoordinatorClient,
  type SubmitContributionsRequest,
  type SubmitContributionsResponse,
} from '@plaza/protocol';
import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import { createPostgresDatabase } from '../harness/create-postgres-database.ts';
import { createSimulatedDevice } from '../harness/create-simulated-device.ts';
import { type GeneratedSite, generatePages } from '../harness/generate-pages.ts';
import { markHostsReady } from '../harness/mark-hosts-ready.ts';
import { startInProcessCoordinator } from '../harness/start-in-process-coordinator.ts';
import { type CpuBreakdown, profileCpu } from './cpu-profile.ts';

const CONTRIBUTIONS = Number(process.env.BENCH_INGEST_CONTRIBUTIONS ?? 10_000);
const BATCH = 50;
const SUBMITTERS = 4;
const NEAR_DUPLICATE_RATE = 0.3;
const TEXT_CHARS = 4000;
/** The campaign API's batches stay under PostgreSQL's 65,535 bind parameters per statement. */
const URLS_PER_REQUEST = 5_000;

/**
 * Ingest through the real HTTP batch API on the embedded database (PGlite): 10,000 generated
 * contributions of ~4 KB, 30 % of them near-duplicates (Jaccard ≈ 0.92) of another, one URL per
 * host. Everything a device does is done before the clock starts: the campaign, leasing every
 * job, building and signing the batches (50 items each) and serializing their bodies. The clock
 * covers only the submissions: 4 devices send their batches at once, each one after the other.
 * The coordinator is its own app served from this process on loopback.
 *
 * When `TEST_DATABASE_URL` is set, the same run on PostgreSQL gives `ingest.postgres.throughput`.
 * Set `BENCH_PROFILE=1` to sample the CPU during the submissions (this process runs the
 * coordinator too) and report where the time went as `ingest.cpu_share.*` and
 * `ingest.postgres.cpu_share.*` (the profiler slows the run a little).
 */
export const run: BenchRun = async () => {
  const site = generatePages({
    hosts: CONTRIBUTIONS,
    nearDuplicateRate: NEAR_DUPLICATE_RATE,
    chars: TEXT_CHARS,
    seed: 42,
  });
  const figures = await measureIngest(site, {
    prefix: 'ingest',
    shouldProfile: process.env.BENCH_PROFILE === '1',
  });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const database = await createPostgresDatabase(serverUrl);
    try {
      const postgres = await measureIngest(site, {
        prefix: 'ingest.postgres',
        databaseUrl: database.url,
        shouldProfile: process.env.BENCH_PROFILE === '1',
      });
      figures.push(
        ...postgres.filter((f) => /^ingest\.postgres\.(throughput|cpu_share\.)/.test(f.name)),
      );
    } finally {
      await database.drop();
    }
  }
  return figures;
};

async function measureIngest(
  site: GeneratedSite,
  options: { prefix: string; databaseUrl?: string; shouldProfile: boolean },
): Promise<BenchFigure[]> {
  const { prefix } = options;
  let stage = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    console.log(`  ${prefix}: ${what} in ${((now - stage) / 1000).toFixed(1)} s`);
    stage = now;
  };
  const coordinator = await startInProcessCoordinator({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    env: { PLAZA_LEASE_TTL_SECONDS: '3600' },
  });
  try {
    await markHostsReady(coordinator.run, site.hosts);
    const admin = createCoordinatorClient({
      baseUrl: coordinator.url,
      adminKey: coordinator.adminKey,
    });
    const urls = site.pages.map((page) => page.url);
    const { frontier } = await admin.createCampaign({
      id: 'ingest-bench',
      name: 'Ingest benchmark',
      seeds: urls.slice(0, URLS_PER_REQUEST),
      scope: { hosts: ['*.example.com'] },
      maxPages: urls.length,
      politeness: { minDelayMs: 0 },
      labelSchema: { kind: 'classification', classes: ['news', 'other'] },
    });
    let queued = frontier.added;
    for (let i = URLS_PER_REQUEST; i < urls.length; i += URLS_PER_REQUEST) {
      queued += (await admin.addUrls('ingest-bench', { urls: urls.slice(i, i + URLS_PER_REQUEST) }))
        .added;
    }
    if (queued !== urls.length)
      throw new Error(`Only ${queued} of ${urls.length} URLs were queued.`);
    lap(`created the campaign with ${queued} URLs`);

    const perDevice = Math.ceil(urls.length / SUBMITTERS);
    const submitters: { token: string; bodies: string[] }[] = [];
    for (let d = 0; d < SUBMITTERS; d++) {
      const device = await createSimulatedDevice({ baseUrl: coordinator.url });
      const jobs: { jobId: string; url: string }[] = [];
      while (jobs.length < perDevice) {
        const { lease } = await device.lease({ max: Math.min(32, perDevice - jobs.length) });
        if (lease.jobs.length === 0) break;
        jobs.push(...lease.jobs);
      }
      const bodies: string[] = [];
      for (let i = 0; i < jobs.length; i += BATCH) {
        const items = jobs.slice(i, i + BATCH).map((job) => {
          const page = site.byUrl.get(job.url);
          if (!page) throw new Error(`No page for leased URL ${job.url}.`);
          return device.contribution(job, { text: page.text, title: page.title, fetchedAt: 1 });
        });
        const body: SubmitContributionsRequest = await device.sign(items);
        bodies.push(JSON.stringify(body));
      }
      submitters.push({ token: device.token, bodies });
    }
    const batches = submitters.reduce((n, s) => n + s.bodies.length, 0);
    lap(`leased every job and signed ${batches} batches`);

    const outcomes = new Map<string, number>();
    const batchMs: number[] = [];
    const submitAll = () =>
      Promise.all(
        submitters.map(async ({ token, bodies }) => {
          for (const body of bodies) {
            const sent = performance.now();
            const response = await fetch(`${coordinator.url}/v1/contributions`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body,
            });
            const answer = (await response.json()) as SubmitContributionsResponse;
            batchMs.push(performance.now() - sent);
            if (!response.ok) throw new Error(`Batch refused: ${JSON.stringify(answer)}`);
            for (const result of answer.results) {
              const key = result.ok ? result.receipt.outcome : result.error.code;
              outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            }
          }
        }),
      );
    const started = performance.now();
    let profile: CpuBreakdown | null = null;
    if (options.shouldProfile) profile = await profileCpu(submitAll);
    else await submitAll();
    const seconds = (performance.now() - started) / 1000;
    lap(`submitted ${urls.length} contributions`);

    const received = [...outcomes.values()].reduce((a, b) => a + b, 0);
    const nearDuplicates = outcomes.get('near_duplicate') ?? 0;
    console.log(
      `  ${prefix}: ${(urls.length / seconds).toFixed(0)} contributions/s; outcomes ${JSON.stringify(
        Object.fromEntries(outcomes),
      )}`,
    );
    if (received !== urls.length) throw new Error(`Got ${received} results, not ${urls.length}.`);
    if (nearDuplicates < site.expected.nearDuplicates * 0.95) {
      throw new Error(
        `Only ${nearDuplicates} of ${site.expected.nearDuplicates} near-duplicates were caught.`,
      );
    }

    const figures: BenchFigure[] = [
      {
        name: `${prefix}.throughput`,
        value: Math.round(urls.length / seconds),
        unit: 'contributions/s',
        better: 'higher',
        kind: 'measured',
        target: { op: '>=', value: 1000 },
      },
      {
        name: `${prefix}.batch_p50_ms`,
        value: round(percentile(batchMs, 0.5)),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
      },
      {
        name: `${prefix}.batch_p99_ms`,
        value: round(percentile(batchMs, 0.99)),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
      },
      {
        name: `${prefix}.near_duplicate_recall`,
        value: round(nearDuplicates / site.expected.nearDuplicates, 3),
        unit: 'fraction',
        better: 'higher',
        kind: 'measured',
      },
    ];
    if (profile) {
      console.log(profile.table);
      for (const [category, share] of profile.shares) {
        figures.push({
          name: `${prefix}.cpu_share.${category}`,
          value: round(share, 3),
          unit: 'fraction',
          better: 'lower',
          kind: 'measured',
        });
      }
    }
    return figures;
  } finally {
    await coordinator.close();
  }
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
