import { readBody } from '@plaza/test-kit/http';
import { seededRandom } from '@plaza/test-kit/random';
import { sql } from 'drizzle-orm';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp } from '#testing/create-test-app.ts';
import { articleHtml } from '#testing/fake-page-fetcher.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { startFakeWeb } from '#testing/start-fake-web.ts';
import { loadConfig } from '../src/config.ts';
import { createPageFetcher } from '../src/crawl/create-page-fetcher.ts';
import { refreshHosts } from '../src/frontier/refresh-hosts.ts';
import { runVerificationRound } from '../src/verify/run-verification-round.ts';

/** Parameters of {@link runVerificationPipeline}. */
export interface PipelineParams {
  devices: number;
  cheaters: number;
  /** Contributions each device makes unless quarantined first. */
  perDevice: number;
  /** Share of a cheater's pages it fabricates (another article in place of the page's text). */
  fabricationRate: number;
  /** Share of pages an honest device fetched that are lightly edited before the re-fetch. */
  editRate: number;
  /** Share of honest pages replaced by other content before the re-fetch (a changed page). */
  replaceRate: number;
  /** Jobs a device leases at a time. */
  leaseMax: number;
  seed: number;
}

/** What the run measured, per device kind and per contribution. */
export interface PipelineResult {
  cheaters: number;
  cheatersQuarantined: number;
  honest: number;
  honestQuarantined: number;
  fabricated: number;
  /** Fabricated contributions whose check failed or that were revoked at the quarantine. */
  fabricatedExcluded: number;
  honestChecks: number;
  honestChecksFailed: number;
  contributions: number;
  seconds: number;
}

interface DeviceRun {
  device: Awaited<ReturnType<typeof registerTestDevice>>;
  isCheater: boolean;
  submitted: number;
  isStopped: boolean;
}

/**
 * The verification pipeline end to end, in one process: a coordinator on PGlite with its default
 * policy (`verifyRate` 0.03, every contribution of a new device checked), simulated devices that
 * lease, sign and submit through the HTTP API, pages served by a local forward proxy and re-fetched
 * by the coordinator's crawlee `CheerioCrawler`, extracted and compared as in production. Cheaters
 * put another article in place of a share of their pages (as the policy simulation models);
 * honest devices submit what they fetched, and some pages change afterwards (lightly edited, or
 * replaced). Devices submit one lease's worth each in turn, a verification round runs after every
 * turn, and the rounds run on until no check is left once the devices are done.
 */
export async function runVerificationPipeline(params: PipelineParams): Promise<PipelineResult> {
  const t = await createTestApp();
  const web = await startFakeWeb();
  const random = seededRandom(params.seed);
  const total = params.devices * params.perDevice;
  // One page per host: politeness never makes a device or a check wait.
  const urls = Array.from({ length: total }, (_, i) => `http://p${i}.example.com/story`);
  const texts = new Map(
    urls.map((url, i) => [url, generateArticle(params.seed * 100_000 + i, 300)]),
  );
  for (const [url, text] of texts) web.pages.set(url, { body: articleHtml(`Story ${url}`, text) });
  const started = performance.now();
  try {
    await seedCampaign(t, {
      id: 'verify',
      seeds: urls,
      scope: { hosts: ['*.example.com'] },
      maxPages: urls.length,
      politeness: { minDelayMs: 0 },
    });
    while ((await refreshHosts(t.deps, 200)).checked > 0) {}
    const fetchPages = createPageFetcher({
      config: loadConfig({ PLAZA_CRAWL_PROXY_URL: web.proxyUrl, PLAZA_LOG_LEVEL: 'silent' }),
      resolver: t.deps.resolver,
    });
    const runs: DeviceRun[] = [];
    for (let d = 0; d < params.devices; d++) {
      runs.push({
        device: await registerTestDevice(t),
        isCheater: d < params.cheaters,
        submitted: 0,
        isStopped: false,
      });
    }
    const fabricatedJobs = new Set<string>();
    while (runs.some((run) => !run.isStopped)) {
      for (const run of runs) {
        if (run.isStopped) continue;
        const max = Math.min(params.leaseMax, params.perDevice - run.submitted);
        const answer = await run.device.lease({ max });
        if (answer.status === 403) {
          run.isStopped = true; // quarantined: refused from now on
          continue;
        }
        const jobs: { jobId: string; url: string }[] = (await readBody(answer)).lease.jobs;
        if (jobs.length === 0) {
          run.isStopped = true;
          continue;
        }
        const items = jobs.map((job) => {
          const fabricate = run.isCheater && random() < params.fabricationRate;
          if (fabricate) fabricatedJobs.add(job.jobId);
          const text = fabricate
            ? generateArticle(900_000_000 + fabricatedJobs.size, 300)
            : texts.get(job.url)!;
          return run.device.contribution(job, { text });
        });
        const submitted = await run.device.submit(await run.device.batch(items));
        if (submitted.status === 403) {
          run.isStopped = true;
          continue;
        }
        if (submitted.status !== 200) {
          throw new Error(`submission failed: ${submitted.status} ${await submitted.text()}`);
        }
        run.submitted += items.length;
        if (run.submitted >= params.perDevice) run.isStopped = true;
        if (!run.isCheater) changePages(jobs, texts, web.pages, params, random);
      }
      await runVerificationRound(t.deps, { fetchPages });
    }
    // Drain: every queued check is run.
    for (let round = 0; round < 1000; round++) {
      const result = await runVerificationRound(t.deps, { fetchPages });
      if (result.fetched === 0 && result.queued === 0 && (await pendingChecks(t)) === 0) break;
    }
    return {
      ...(await tally(t, runs, fabricatedJobs)),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await web.close();
    await t.close();
  }
}

/** After an honest submission, some pages change on the web before their re-fetch. */
function changePages(
  jobs: readonly { url: string }[],
  texts: ReadonlyMap<string, string>,
  pages: Map<string, { body?: string | Uint8Array }>,
  params: PipelineParams,
  random: () => number,
): void {
  for (const { url } of jobs) {
    const roll = random();
    if (roll < params.replaceRate) {
      const other = generateArticle(700_000_000 + Math.floor(random() * 1e6), 300);
      pages.set(url, { body: articleHtml('Moved on', other) });
    } else if (roll < params.replaceRate + params.editRate) {
      const words = texts.get(url)!.split(' ');
      // A few words changed and a line added (a date, a counter, a correction): the same page.
      for (let k = 0; k < 4; k++) words[Math.floor(random() * words.length)] = 'changed';
      pages.set(url, {
        body: articleHtml(`Story ${url}`, `Updated this morning.\n\n${words.join(' ')}`),
      });
    }
  }
}

async function pendingChecks(t: Awaited<ReturnType<typeof createTestApp>>): Promise<number> {
  const [row] = await t.deps.db.rows<{ n: number }>(
    sql`select
      (select count(*) from contributions where verification in ('new', 'pending'))::int
      + (select count(*) from verification_checks where state = 'pending')::int as n`,
  );
  return row?.n ?? 0;
}

async function tally(
  t: Awaited<ReturnType<typeof createTestApp>>,
  runs: readonly DeviceRun[],
  fabricatedJobs: ReadonlySet<string>,
): Promise<Omit<PipelineResult, 'seconds'>> {
  const devices = await t.deps.db.rows<{ address: string; status: string }>(
    sql`select address, status from devices`,
  );
  const status = new Map(devices.map((d) => [d.address.toLowerCase(), d.status]));
  const isQuarantined = (run: DeviceRun) =>
    status.get(run.device.address.toLowerCase()) === 'quarantined';
  const rows = await t.deps.db.rows<{
    job_id: string;
    device_address: string;
    verification: string;
  }>(sql`select job_id, device_address, verification from contributions`);
  const honest = new Set(
    runs.filter((r) => !r.isCheater).map((r) => r.device.address.toLowerCase()),
  );
  const checks = await t.deps.db.rows<{ device_address: string; state: string }>(
    sql`select device_address, state from verification_checks where state in ('confirmed', 'failed')`,
  );
  const honestChecks = checks.filter((c) => honest.has(c.device_address.toLowerCase()));
  const fabricatedRows = rows.filter((r) => fabricatedJobs.has(r.job_id));
  return {
    cheaters: runs.filter((r) => r.isCheater).length,
    cheatersQuarantined: runs.filter((r) => r.isCheater && isQuarantined(r)).length,
    honest: honest.size,
    honestQuarantined: runs.filter((r) => !r.isCheater && isQuarantined(r)).length,
    fabricated: fabricatedRows.length,
    fabricatedExcluded: fabricatedRows.filter((r) => ['failed', 'revoked'].includes(r.verification))
      .length,
    honestChecks: honestChecks.length,
    honestChecksFailed: honestChecks.filter((c) => c.state === 'failed').length,
    contributions: rows.length,
  };
}
