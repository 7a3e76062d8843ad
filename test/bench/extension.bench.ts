import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { CheerioCrawler, Configuration, ProxyConfiguration } from 'crawlee';
import { launchExtensionBrowser } from '../harness/browser.ts';
import type { FixtureSite } from '../harness/fixture-internet.ts';
import { startFixtureInternetThread } from '../harness/fixture-internet-thread.ts';
import { articleSite } from '../harness/fixture-sites.ts';
import {
  type ExtensionCoordinator,
  markFixtureHostsReady,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

const HOSTS = Number(process.env.BENCH_EXTENSION_HOSTS ?? 64);
const PAGES_PER_HOST = Number(process.env.BENCH_EXTENSION_PAGES_PER_HOST ?? 6);
const CONCURRENCY = 4;

/** `n` article sites of `pages` articles each, on hosts `site-NN.<domain>`. */
function sites(domain: string, n: number, pages: number, seed: number): FixtureSite[] {
  return Array.from({ length: n }, (_, i) => {
    const site = articleSite({
      host: `site-${String(i).padStart(2, '0')}.${domain}`,
      count: pages,
      seed: seed + i * 1000,
      chars: 4000,
    });
    // The articles only: index pages are small and would flatter both sides.
    delete site.pages['/'];
    return site;
  });
}

const urlsOf = (list: FixtureSite[]) =>
  list.flatMap((site) => Object.keys(site.pages).map((path) => `http://${site.host}${path}`));

async function campaign(coordinator: ExtensionCoordinator, id: string, list: FixtureSite[]) {
  await markFixtureHostsReady(coordinator, list);
  await coordinator.createCampaign({
    id,
    name: id,
    seeds: urlsOf(list),
    scope: { hosts: list.map((s) => s.host) },
    maxPages: 100_000,
    politeness: { minDelayMs: 0 },
    labelSchema: { kind: 'classification', classes: ['a', 'b'] },
  });
}

/** How many of the campaign's URLs are in each frontier status (queued, leased, done, failed, refused). */
async function frontierStatus(
  coordinator: ExtensionCoordinator,
  id: string,
): Promise<Record<string, number>> {
  const rows = await coordinator.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from frontier_urls where campaign_id = $1 group by status',
    [id],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Whether nothing is left to lease or submit: every URL is done, failed or refused. */
const drained = (status: Record<string, number>) =>
  (status.queued ?? 0) === 0 && (status.leased ?? 0) === 0;

/**
 * Waits until the campaign's frontier has drained, whatever became of each page (a page that
 * fails or is refused ends too), and returns the final status counts.
 */
async function waitForDrain(
  coordinator: ExtensionCoordinator,
  id: string,
  timeoutMs: number,
): Promise<Record<string, number>> {
  let status: Record<string, number> = {};
  await waitFor(
    async () => {
      status = await frontierStatus(coordinator, id);
      return drained(status);
    },
    {
      timeoutMs,
      what: `the ${id} campaign's frontier to drain`,
      everyMs: 50,
      explain: () => status,
    },
  );
  return status;
}

/**
 * Pages per second of one extension at concurrency 4 with politeness off, next to crawlee's
 * CheerioCrawler at the same concurrency on the same fixture in the same run.
 *
 * The fixture internet serves 64 hosts × 6 generated articles (~5 KB of HTML each) through its
 * proxy; both crawlers fetch through it. The extension (the production Chrome build in headless
 * Chromium) is timed from the moment it is pointed at the coordinator until the coordinator has
 * stored every page: lease, egress-checked fetch, robots.txt, parse and extraction in the
 * offscreen document, keccak of the body, EIP-712 batch signature, submission, receipts. A small
 * warm-up campaign runs first (registration, offscreen document, JIT). CheerioCrawler is timed
 * from `run()` to its end: fetch and parse (`$('title')`), nothing stored.
 *
 * The fixture internet runs on its own thread, so the in-process coordinator's ingest never delays
 * a page. `BENCH_EXTENSION_HOSTS` and `BENCH_EXTENSION_PAGES_PER_HOST` size the fixture;
 * `BENCH_EXTENSION_DEBUG=1` prints the coordinator's request timeline during the measured run.
 */
export const run: BenchRun = async () => {
  const warmup = sites('warmup.example.com', 4, 2, 90_000);
  const measured = sites('bench.example.com', HOSTS, PAGES_PER_HOST, 10_000);
  const baseline = sites('crawlee.example.net', HOSTS, PAGES_PER_HOST, 10_000);
  const internet = await startFixtureInternetThread([...warmup, ...measured, ...baseline]);
  const coordinator = await startExtensionCoordinator();
  const browser = await launchExtensionBrowser({
    proxyUrl: internet.proxyUrl,
    bypass: [`127.0.0.1:${coordinator.port}`, '127.0.0.1:8787'],
  });
  try {
    await campaign(coordinator, 'warmup', warmup);
    await browser.setSettings({ coordinatorUrl: coordinator.url, concurrency: CONCURRENCY });
    await waitForDrain(coordinator, 'warmup', 300_000);

    const total = urlsOf(measured).length;
    await browser.setSettings({ paused: true });
    await campaign(coordinator, 'measured', measured);
    const started = performance.now();
    await browser.setSettings({ paused: false });
    const status = await waitForDrain(coordinator, 'measured', 600_000);
    const extensionSeconds = (performance.now() - started) / 1000;
    const stored = status.done ?? 0;
    console.log(`extension: every page accounted for: ${JSON.stringify(status)} of ${total}`);
    if (process.env.BENCH_EXTENSION_DEBUG) {
      const t0 = Date.now() - extensionSeconds * 1000;
      console.log(
        coordinator.requests
          .filter((r) => r.at >= t0 && r.path !== '/v1/campaigns')
          .map((r) => `${r.path.slice(4, 6)}@${((r.at - t0) / 1000).toFixed(2)}+${r.ms}`)
          .join(' '),
      );
    }
    // Pages stored per second; a page that failed or was refused took time and stored nothing.
    const extensionRate = stored / extensionSeconds;
    await browser.setSettings({ paused: true });

    let crawled = 0;
    const crawler = new CheerioCrawler(
      {
        minConcurrency: CONCURRENCY,
        maxConcurrency: CONCURRENCY,
        maxRequestRetries: 0,
        proxyConfiguration: new ProxyConfiguration({ proxyUrls: [internet.proxyUrl] }),
        requestHandler: async ({ $ }) => {
          if ($('title').text().length > 0) crawled++;
        },
      },
      new Configuration({ persistStorage: false, logLevel: 1 }),
    );
    const crawleeStarted = performance.now();
    await crawler.run(urlsOf(baseline));
    const crawleeSeconds = (performance.now() - crawleeStarted) / 1000;
    if (crawled === 0) throw new Error(`CheerioCrawler crawled none of ${total} pages.`);
    const crawleeRate = crawled / crawleeSeconds;

    console.log(
      `extension: ${stored} of ${total} pages stored in ${extensionSeconds.toFixed(2)} s; ` +
        `CheerioCrawler: ${crawled} of ${total} pages in ${crawleeSeconds.toFixed(2)} s`,
    );
    const round = (n: number) => Math.round(n * 10) / 10;
    return [
      {
        name: 'extension.pages_per_s',
        value: round(extensionRate),
        unit: 'pages/s',
        better: 'higher',
        kind: 'measured',
        baseline: { name: 'crawlee CheerioCrawler (same run)', value: round(crawleeRate) },
        target: { op: '>=', value: round(0.5 * crawleeRate) },
        note: `${stored} of ${total} pages stored; the frontier's final statuses: ${JSON.stringify(status)}`,
      },
      {
        name: 'extension.pages_not_stored',
        value: total - stored,
        unit: 'pages',
        better: 'lower',
        kind: 'measured',
      },
    ] satisfies BenchFigure[];
  } finally {
    await browser.close();
    await coordinator.close();
    await internet.close();
  }
};
