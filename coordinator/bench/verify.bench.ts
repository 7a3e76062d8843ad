import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { chromiumPath } from '@plaza/test-kit/env';
import { loadConfig } from '../src/config.ts';
import { createPageFetcher } from '../src/crawl/create-page-fetcher.ts';
import { refreshHosts } from '../src/frontier/refresh-hosts.ts';
import { generateArticle, seededRandom } from '../src/testing/articles.ts';
import { createTestApp } from '../src/testing/create-test-app.ts';
import { articleHtml } from '../src/testing/fake-page-fetcher.ts';
import { readBody } from '../src/testing/read-body.ts';
import { registerTestDevice, seedCampaign } from '../src/testing/seed.ts';
import { startFakeWeb } from '../src/testing/start-fake-web.ts';
import { runVerificationRound } from '../src/verify/run-verification-round.ts';
import { verificationPolicy } from '../src/verify/verification-policy.ts';
import { type CatchSeries, renderVerifyChart } from './verify-chart.ts';
import { simulateDevice, simulateSwarm } from './verify-simulation.ts';

/** Pages re-fetched per throughput run. */
const CHEERIO_PAGES = 240;
const PLAYWRIGHT_PAGES = 40;
/** Honest pages that fail a re-fetch anyway in the simulation (changed beyond recognition). */
const HONEST_FAIL_RATE = 0.005;
const CONTRIBUTIONS = 100;

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/**
 * Verification: throughput of the real pipeline (claim, crawlee re-fetch through a local proxy,
 * extraction, comparison, recording) in pages per second for CheerioCrawler and PlaywrightCrawler;
 * a fifth of the pages changed a little since they were submitted, and the share of those honest
 * checks that failed is reported. Then the simulation (1,000 contributions from 10
 * devices, 2 fabricating 10 %) run 2,000 times under the coordinator's own policy functions, and
 * the probability of catching a cheater against the sample rate next to 1 − (1 − p·f)^n, charted
 * in bench/charts/verify-catch-rate.svg.
 */
export const run: BenchRun = async () => {
  const figures: BenchFigure[] = [];
  const cheerio = await measureThroughput('http', CHEERIO_PAGES);
  figures.push(
    {
      name: 'verify.pages_per_s.cheerio',
      value: round(cheerio.pagesPerS, 1),
      unit: 'pages/s',
      better: 'higher',
      kind: 'measured',
    },
    {
      name: 'verify.check_false_positive_rate',
      value: round(cheerio.honestFailed),
      unit: 'ratio',
      better: 'lower',
      kind: 'simulated',
      target: { op: '<=', value: 0.01 },
    },
  );
  if (existsSync(chromiumPath())) {
    const playwright = await measureThroughput('browser', PLAYWRIGHT_PAGES);
    figures.push({
      name: 'verify.pages_per_s.playwright',
      value: round(playwright.pagesPerS, 1),
      unit: 'pages/s',
      better: 'higher',
      kind: 'measured',
    });
  } else {
    console.log(`verify: no Chromium at ${chromiumPath()}, Playwright throughput skipped`);
  }

  const policy = verificationPolicy(loadConfig({}));
  const swarm = simulateSwarm({
    runs: 2000,
    devices: 10,
    cheaters: 2,
    perDevice: CONTRIBUTIONS,
    fabricationRate: 0.1,
    honestFailRate: HONEST_FAIL_RATE,
    verifyRate: 0.03,
    policy,
  });
  const times = [...swarm.timeToQuarantine].sort((a, b) => a - b);
  const lagged = simulateSwarm({
    runs: 2000,
    devices: 10,
    cheaters: 2,
    perDevice: CONTRIBUTIONS,
    fabricationRate: 0.1,
    honestFailRate: HONEST_FAIL_RATE,
    verifyRate: 0.03,
    policy,
    lag: 30,
    seed: 2,
  });
  const theory3 = 1 - (1 - 0.03 * 0.1) ** CONTRIBUTIONS;
  figures.push(
    {
      name: 'verify.detection_rate',
      value: round(swarm.cheatersQuarantined / swarm.cheaters),
      unit: 'ratio',
      better: 'higher',
      kind: 'simulated',
      baseline: {
        name: 'sampling 3 % alone, theory 1 − (1 − p·f)^n',
        value: round(theory3),
        source: 'modelled',
      },
      target: { op: '>=', value: 0.9 },
    },
    {
      name: 'verify.false_positive_rate',
      value: round(swarm.honestQuarantined / swarm.honest),
      unit: 'ratio',
      better: 'lower',
      kind: 'simulated',
      target: { op: '<=', value: 0.01 },
    },
    {
      name: 'verify.fabricated_excluded_rate',
      value: round(swarm.fabricatedExcluded / swarm.fabricated),
      unit: 'ratio',
      better: 'higher',
      kind: 'simulated',
    },
    {
      name: 'verify.time_to_quarantine_p50',
      value: times[Math.floor(times.length / 2)] ?? CONTRIBUTIONS,
      unit: 'contributions',
      better: 'lower',
      kind: 'simulated',
    },
    {
      name: 'verify.detection_rate.lag30',
      value: round(lagged.cheatersQuarantined / lagged.cheaters),
      unit: 'ratio',
      better: 'higher',
      kind: 'simulated',
    },
  );
  console.log(
    `verify: simulation of 2,000 × (10 devices × ${CONTRIBUTIONS}, 2 cheaters at 10 %): ` +
      `${swarm.cheatersQuarantined}/${swarm.cheaters} cheaters quarantined, ` +
      `${swarm.honestQuarantined}/${swarm.honest} honest devices (honest pages failing ${HONEST_FAIL_RATE}), ` +
      `${swarm.fabricatedExcluded}/${swarm.fabricated} fabricated pages earn nothing, ` +
      `quarantine after p50 ${times[Math.floor(times.length / 2)]} / p90 ${times[Math.floor(times.length * 0.9)]} contributions`,
  );

  const { series, maxError } = catchCurves(policy);
  figures.push({
    name: 'verify.sampling_vs_theory_max_error',
    value: round(maxError),
    unit: 'abs',
    better: 'lower',
    kind: 'simulated',
    target: { op: '<=', value: 0.03 },
  });
  const charts = new URL('../../bench/charts/', import.meta.url);
  await mkdir(charts, { recursive: true });
  await writeFile(
    new URL('verify-catch-rate.svg', charts),
    renderVerifyChart(series, CONTRIBUTIONS),
  );
  return figures;
};

/** Catch probability within 100 contributions against p, for f = 0.05, 0.1, 0.2. */
function catchCurves(policy: ReturnType<typeof verificationPolicy>) {
  const rates = [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];
  const random = seededRandom(7);
  let maxError = 0;
  const series: CatchSeries[] = [0.05, 0.1, 0.2].map((f) => {
    const curve = (mode: 'sample' | 'policy', runs: number) =>
      rates.map((p) => {
        let caught = 0;
        for (let r = 0; r < runs; r++) {
          const outcome = simulateDevice({
            n: CONTRIBUTIONS,
            failRate: f,
            verifyRate: p,
            policy,
            random,
            mode,
          });
          if (outcome.quarantined) caught++;
        }
        return { p, caught: caught / runs };
      });
    const sampled = curve('sample', 4000);
    for (const point of sampled) {
      const theory = 1 - (1 - point.p * f) ** CONTRIBUTIONS;
      maxError = Math.max(maxError, Math.abs(point.caught - theory));
    }
    return { f, sampled, policy: curve('policy', 2000) };
  });
  for (const s of series) {
    console.log(
      `verify: f=${s.f} caught within ${CONTRIBUTIONS} at p=0.03: sampling ${s.sampled[3]!.caught.toFixed(3)} ` +
        `(theory ${(1 - (1 - 0.03 * s.f) ** CONTRIBUTIONS).toFixed(3)}), policy ${s.policy[3]!.caught.toFixed(3)}`,
    );
  }
  return { series, maxError };
}

/**
 * Re-fetch throughput of the whole verification round on PGlite: `pages` contributions on as
 * many hosts (politeness never waits), every one checked (`verifyRate: 1`), pages served through
 * a local forward proxy; a fifth of them lightly edited since they were submitted.
 */
async function measureThroughput(mode: 'http' | 'browser', pages: number) {
  const t = await createTestApp();
  const urls = Array.from({ length: pages }, (_, i) => `http://v${i}.example.com/story`);
  const texts = new Map(urls.map((url, i) => [url, generateArticle(50_000 + i, 500)]));
  const web = await startFakeWeb();
  const random = seededRandom(11);
  let edited = 0;
  for (const [url, text] of texts) {
    let served = text;
    if (random() < 0.2) {
      edited++;
      const words = served.split(' ');
      // Four words changed here and there and a line added (a date, a counter, a correction):
      // still the same page (5-word-shingle Jaccard about 0.9).
      for (let k = 0; k < 4; k++) words[Math.floor(random() * words.length)] = 'changed';
      served = `Updated this morning.\n\n${words.join(' ')}`;
    }
    web.pages.set(url, { body: articleHtml(`Story ${url}`, served) });
  }
  try {
    await seedCampaign(t, {
      id: 'bench',
      seeds: urls,
      scope: { hosts: ['*.example.com'] },
      verifyRate: 1,
      needsBrowser: mode === 'browser',
    });
    // seedCampaign read robots.txt of 16 hosts; read the others' too.
    while ((await refreshHosts(t.deps, 100)).checked > 0) {}
    const device = await registerTestDevice(t);
    for (;;) {
      const jobs: { jobId: string; url: string }[] = (await readBody(device.lease({ max: 32 })))
        .lease.jobs;
      if (jobs.length === 0) break;
      const items = jobs.map((job) => device.contribution(job, { text: texts.get(job.url)! }));
      await device.submit(await device.batch(items));
    }
    const fetchPages = createPageFetcher({
      config: loadConfig({ PLAZA_CRAWL_PROXY_URL: web.proxyUrl, PLAZA_LOG_LEVEL: 'silent' }),
      resolver: t.deps.resolver,
    });
    // Load crawlee (and start a browser once) before the clock starts.
    await fetchPages([{ key: 'warm-up', url: urls[0]! }], mode);
    const started = performance.now();
    let fetched = 0;
    let failed = 0;
    while (fetched < pages) {
      const result = await runVerificationRound(t.deps, { fetchPages });
      if (result.fetched === 0) throw new Error(`verify bench stalled at ${fetched} of ${pages}`);
      fetched += result.fetched;
      failed += result.failed;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `verify: ${mode} ${pages} pages in ${seconds.toFixed(2)} s (${(pages / seconds).toFixed(1)} pages/s); ` +
        `${failed} of ${pages} honest checks failed (${edited} pages edited)`,
    );
    return { pagesPerS: pages / seconds, honestFailed: failed / pages };
  } finally {
    await web.close();
    await t.close();
  }
}
