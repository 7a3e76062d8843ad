import { readBody } from '@plaza/test-kit/http';
import { seededRandom } from '@plaza/test-kit/random';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp } from '#testing/create-test-app.ts';
import { articleHtml } from '#testing/fake-page-fetcher.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { startFakeWeb } from '#testing/start-fake-web.ts';
import { loadConfig } from '../src/config.ts';
import { createPageFetcher } from '../src/crawl/create-page-fetcher.ts';
import { refreshHosts } from '../src/frontier/refresh-hosts.ts';
import { runVerificationRound } from '../src/verify/run-verification-round.ts';

/**
 * Re-fetch throughput of the whole verification round on PGlite: `pages` contributions on as
 * many hosts (politeness never waits), every one checked (`verifyRate: 1`), pages served through
 * a local forward proxy; a fifth of them lightly edited since they were submitted.
 */
export async function measureThroughput(mode: 'http' | 'browser', pages: number) {
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
