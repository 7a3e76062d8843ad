import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import {
  type FixtureInternet,
  type FixtureResponse,
  type FixtureSite,
  startFixtureInternet,
} from '../harness/fixture-internet.ts';
import { articleSite } from '../harness/fixture-sites.ts';
import {
  type ExtensionCoordinator,
  markFixtureHostsReady,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

/** Answers after `PAGE_DELAY_MS`, so a lease's pages are in flight long enough to be cut. */
const PAGE_DELAY_MS = 700;
const KILLS = 3;
const HOSTS = 6;
const PAGES_PER_HOST = 3;

let inFlight = 0;
let completed = 0;
/** The same page, answered late (or never, when the worker dies first). */
function delayed(page: FixtureResponse): FixtureResponse {
  const body = page.body ?? '';
  return {
    status: page.status,
    headers: {
      ...page.headers,
      'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
    },
    stream: (res: ServerResponse, signal: AbortSignal) => {
      inFlight++;
      const timer = setTimeout(() => {
        inFlight--;
        completed++;
        res.end(body);
      }, PAGE_DELAY_MS);
      signal.addEventListener('abort', () => {
        if (res.writableEnded) return;
        clearTimeout(timer);
        inFlight--;
      });
    },
  };
}

const sites: FixtureSite[] = Array.from({ length: HOSTS }, (_, h) => {
  const site = articleSite({
    host: `kill${h}.example.com`,
    count: PAGES_PER_HOST,
    seed: 1000 + 10 * h,
  });
  const pages: Record<string, FixtureResponse> = {};
  for (const [path, page] of Object.entries(site.pages)) pages[path] = delayed(page);
  return { ...site, pages };
});
const urls = sites.flatMap((site) =>
  Array.from({ length: PAGES_PER_HOST }, (_, i) => `http://${site.host}/articles/${i + 1}`),
);

let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let browser: ExtensionBrowser;
let sweeper: ReturnType<typeof setInterval> | undefined;

beforeAll(async () => {
  internet = await startFixtureInternet(sites);
  coordinator = await startExtensionCoordinator({
    internet,
    // Leases long enough for the extension to take a job (it skips jobs within 20 s of the end),
    // short enough that the jobs a dead worker held come back soon; attempts for every kill.
    env: { PLAZA_LEASE_TTL_SECONDS: '30', PLAZA_MAX_ATTEMPTS: '10' },
  });
  await markFixtureHostsReady(coordinator, sites);
  await coordinator.createCampaign({
    id: 'killed',
    name: 'Killed mid-batch',
    seeds: urls,
    scope: { hosts: sites.map((s) => s.host) },
    politeness: { minDelayMs: 0 },
    labelSchema: { kind: 'classification', classes: ['a', 'b'] },
  });
  // The coordinator's lease-expiry loop, as `runLoops` runs it.
  sweeper = setInterval(() => void coordinator.expireLeases().catch(() => {}), 1_000);
  browser = await launchExtensionBrowser({
    proxyUrl: internet.proxyUrl,
    bypass: [`127.0.0.1:${coordinator.port}`],
  });
});

afterAll(async () => {
  clearInterval(sweeper);
  await browser?.close();
  await coordinator?.close();
  await internet?.close();
});

const count = async (sql: string) => (await coordinator.query<{ n: number }>(sql))[0]!.n;
/** The fixture sites' pages the proxy was asked for (not Chromium's own traffic, not robots.txt). */
const fixtureHosts = new Set(sites.map((site) => site.host));
const pageFetches = () =>
  internet.requests.filter(
    (r) =>
      r.method === 'GET' &&
      fixtureHosts.has(new URL(r.url).hostname) &&
      !r.url.endsWith('/robots.txt'),
  );

describe('service worker killed mid-batch', () => {
  it('loses no page and sends none twice when the worker dies while a lease is fetched', async () => {
    const waker = await browser.openPage('tabs/activity.html');
    // A runtime message wakes a stopped worker at once (as the popup's kick does); Chrome's
    // alarm would do it within a minute.
    const wake = () =>
      waker.evaluate(
        `chrome.runtime.sendMessage({ target: 'worker', type: 'kick' }).catch(() => null)`,
      );
    await browser.setSettings({ coordinatorUrl: coordinator.url, concurrency: 2 });

    for (let kill = 0; kill < KILLS; kill++) {
      const before = completed;
      // Mid-batch: some pages of the lease already answered, another one on the wire.
      await waitFor(() => completed >= before + 2 && inFlight > 0, {
        timeoutMs: 90_000,
        what: `pages in flight before kill ${kill + 1}`,
        everyMs: 20,
        explain: () => ({ completed, inFlight }),
      });
      await browser.stopWorker();
      await wake();
    }

    // Done: the frontier (the seeds and the index pages their links add) is settled, every
    // contribution has its receipt and the outbox is empty.
    await waitFor(
      async () =>
        (await count(`select count(*)::int as n from frontier_urls where status <> 'done'`)) ===
          0 &&
        (await browser.outbox()).length === 0 &&
        (await browser.receipts()).length ===
          (await count('select count(*)::int as n from contributions')),
      {
        // A ceiling, not a pace: on a busy machine the woken worker may wait for Chrome's alarm.
        timeoutMs: 240_000,
        what: 'every page to be submitted and acknowledged after the kills',
        everyMs: 500,
        explain: () => ({ completed, inFlight, fetches: pageFetches().length }),
      },
    );

    // Every page is exactly one contribution, on one job.
    const pages = (await coordinator.query<{ url: string }>('select url from frontier_urls'))
      .map((r) => r.url)
      .sort();
    expect(pages).toEqual(expect.arrayContaining(urls));
    const contributions = await coordinator.query<{ job_id: string; url: string; id: string }>(
      'select job_id, url, id from contributions',
    );
    expect(contributions.map((c) => c.url).sort()).toEqual(pages);
    // One receipt per job, none refused: a job resent with other content would be refused
    // (CONTRIBUTION_CONFLICT), and so would a job whose lease expired before it was sent.
    const receipts = await browser.receipts();
    expect(receipts.filter((r) => r.outcome === 'rejected')).toEqual([]);
    expect(receipts.map((r) => r.jobId).sort()).toEqual(contributions.map((c) => c.job_id).sort());
    for (const c of contributions) {
      expect(receipts.find((r) => r.jobId === c.job_id)?.receipt?.contributionId).toBe(c.id);
    }
    expect(await browser.outbox()).toEqual([]);

    // Each kill took at least the job whose page was on the wire: it is never submitted.
    const lost = await count(`select count(*)::int as n from jobs where state <> 'submitted'`);
    expect(lost).toBeGreaterThanOrEqual(KILLS);
    // Fetched no more than necessary: a page is fetched again only when a kill took its job
    // (leased, never submitted). Per URL: its fetches ≤ the jobs it was leased on; in all, page
    // fetches ≤ pages + jobs never submitted.
    const fetches = pageFetches();
    const fetchesByUrl = new Map<string, number>();
    for (const f of fetches) fetchesByUrl.set(f.url, (fetchesByUrl.get(f.url) ?? 0) + 1);
    const jobsByUrl = new Map(
      (
        await coordinator.query<{ url: string; n: number }>(
          'select url, count(*)::int as n from jobs group by url',
        )
      ).map((r) => [r.url, r.n]),
    );
    const overfetched = [...fetchesByUrl]
      .filter(([url, n]) => n > (jobsByUrl.get(url) ?? 0))
      .map(([url, n]) => ({ url, fetches: n, jobs: jobsByUrl.get(url) ?? 0 }));
    console.info(
      `worker kills: ${KILLS}; jobs never submitted: ${lost}; ` +
        `page fetches ${fetches.length} for ${pages.length} pages; fetched more than leased: ${JSON.stringify(overfetched)}`,
    );
    expect(overfetched).toEqual([]);
    expect(fetches.length).toBeGreaterThanOrEqual(pages.length);
    expect(fetches.length).toBeLessThanOrEqual(pages.length + lost);
    await waker.close();
  }, 420_000);
});
