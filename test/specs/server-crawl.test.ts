import { CoordinatorError, type ParsedContributionItem } from '@plaza/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedDevice, type SimulatedDevice } from '../harness/create-simulated-device.ts';
import { extractHtml } from '../harness/extract-html.ts';
import { fetchThroughProxy } from '../harness/fetch-through-proxy.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { articleSite } from '../harness/fixture-sites.ts';
import {
  type CrawlCoordinator,
  startCrawlCoordinator,
} from '../harness/start-crawl-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

// Server crawl mode: the coordinator's crawlee worker and an extension (a simulated device that
// fetches through the same proxy) work one campaign at once, from the same frontier and leases.
// robots.txt is read by the coordinator's own robots loop (not pre-marked); verification is on,
// so its re-fetches of the device's pages cross the proxy too. Every fetch is recorded by the
// fixture internet, and the politeness of all of them together is checked from those records.
const slow = articleSite({
  host: 'slow.example.com',
  count: 6,
  seed: 700,
  robots: 'User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n',
  indexLinks: ['/private/secret', '/private/other'],
});
slow.pages['/private/secret'] = slow.pages['/articles/1']!;
slow.pages['/private/other'] = slow.pages['/articles/2']!;
const open = articleSite({ host: 'open.example.com', count: 8, seed: 800 });
const MIN_DELAY_MS = 400;
const DEVICE_AGENT = 'PlazaSimulatedExtension/1.0';

let internet: FixtureInternet;
let coordinator: CrawlCoordinator;
let device: SimulatedDevice;
let serverWorker: string;

/** The extension: leases, fetches through the proxy, extracts, submits, until the frontier drains. */
async function runExtension(until: () => boolean): Promise<void> {
  while (!until()) {
    let jobs: { jobId: string; url: string }[] = [];
    try {
      jobs = (await device.lease({ max: 4, campaignId: 'mixed' })).lease.jobs;
    } catch (error) {
      if (!(error instanceof CoordinatorError)) throw error;
    }
    if (jobs.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    const items: ParsedContributionItem[] = [];
    for (const job of jobs) {
      const page = await fetchThroughProxy(internet.proxyUrl, job.url, DEVICE_AGENT);
      const { title, text, links } = extractHtml(page.body, job.url);
      items.push(device.contribution(job, { title, text, links, httpStatus: page.status }));
    }
    await device.submit(await device.sign(items));
  }
}

beforeAll(async () => {
  internet = await startFixtureInternet([slow, open]);
  coordinator = await startCrawlCoordinator({
    internet,
    env: { PLAZA_SERVER_CRAWL: 'true', PLAZA_VERIFY: 'true', PLAZA_SERVER_CRAWL_BATCH: '4' },
  });
  device = await createSimulatedDevice({ baseUrl: coordinator.url });
  await coordinator.admin.createCampaign({
    id: 'mixed',
    name: 'Browsers and servers',
    seeds: ['http://slow.example.com/', 'http://open.example.com/'],
    scope: { hosts: [slow.host, open.host] },
    politeness: { minDelayMs: MIN_DELAY_MS },
    serverCrawl: true,
    labelSchema: { kind: 'classification', classes: ['local', 'other'] },
  });
  const pages = 2 + 6 + 8;
  // The extension joins once the server worker has submitted a page: a worker that starts slowly
  // (crawlee launching on a busy machine) would otherwise find every page taken, and the spec
  // would depend on which one starts first. The worker cannot take the rest meanwhile: politeness
  // lets it fetch a host's pages at most one per 400 ms (one per second on the slow host).
  await waitFor(
    async () => {
      const [row] = await coordinator.query<{ n: number }>(
        `select count(*)::int as n from contributions c
           join devices d on d.address = c.device_address where d.kind = 'server'`,
      );
      return row!.n > 0;
    },
    { timeoutMs: 90_000, what: 'the server worker to submit its first page' },
  );
  let drained = false;
  const extension = runExtension(() => drained);
  await waitFor(
    async () => {
      const [row] = await coordinator.query<{ done: number; open: number; pending: number }>(
        `select (select count(*) from frontier_urls where status = 'done')::int as done,
                (select count(*) from frontier_urls where status in ('queued', 'leased'))::int as open,
                (select count(*) from verification_checks where state = 'pending')::int
                  + (select count(*) from contributions where verification = 'new')::int as pending`,
      );
      return row!.done === pages && row!.open === 0 && row!.pending === 0;
    },
    { timeoutMs: 90_000, what: 'the campaign to be crawled and verified' },
  );
  drained = true;
  await extension;
  const [worker] = await coordinator.query<{ address: string }>(
    `select address from devices where kind = 'server'`,
  );
  serverWorker = worker!.address;
}, 150_000);

afterAll(async () => {
  await coordinator?.close();
  await internet?.close();
});

describe('server crawl mode', () => {
  it('shares the frontier with the extension: every page fetched and submitted once, by one or the other', async () => {
    const rows = await coordinator.query<{ url: string; device_address: string; outcome: string }>(
      `select url, device_address, outcome from contributions order by url`,
    );
    expect(new Set(rows.map((r) => r.url)).size).toBe(rows.length);
    expect(rows).toHaveLength(16);
    const byWorker = rows.filter((r) => r.device_address === serverWorker);
    const byDevice = rows.filter((r) => r.device_address === device.address);
    expect(byWorker.length + byDevice.length).toBe(rows.length);
    expect(byWorker.length).toBeGreaterThan(0);
    expect(byDevice.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.outcome === 'fetch_failed')).toEqual([]);
    // The worker's contributions are not re-fetched; the extension's (a new device) all are.
    const checked = await coordinator.query<{ device_address: string; state: string }>(
      'select device_address, state from verification_checks',
    );
    expect(checked.filter((c) => c.device_address === serverWorker)).toEqual([]);
    expect(checked.filter((c) => c.state === 'confirmed')).toHaveLength(byDevice.length);
  });

  it('never fetches what robots.txt disallows', async () => {
    const fetched = internet.requests.map((r) => r.url);
    expect(fetched.filter((url) => url.includes('/private/'))).toEqual([]);
    const refused = await coordinator.query<{ url: string; reason: string }>(
      `select url, reason from frontier_urls where status = 'refused' order by url`,
    );
    expect(refused).toEqual([
      { url: 'http://slow.example.com/private/other', reason: 'ROBOTS_DISALLOWED' },
      { url: 'http://slow.example.com/private/secret', reason: 'ROBOTS_DISALLOWED' },
    ]);
  });

  it('keeps one politeness budget per host across the extension, the server worker and verification', () => {
    const pageRequests = internet.requests.filter(
      (r) => r.method === 'GET' && [slow.host, open.host].includes(new URL(r.url).hostname),
    );
    const agents = new Set(pageRequests.map((r) => String(r.headers['user-agent']).split('/')[0]));
    expect(agents).toEqual(new Set(['PlazaBot', 'PlazaSimulatedExtension']));
    for (const [host, delay] of [
      [slow.host, 1000], // its Crawl-delay, longer than the campaign's delay
      [open.host, MIN_DELAY_MS],
    ] as const) {
      const times = pageRequests
        .filter((r) => new URL(r.url).hostname === host)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(times.length, host).toBeGreaterThan(6);
      // Each fetch starts after the previous one's result came in plus the delay.
      expect(Math.min(...gaps), `${host} gaps ${gaps.join(',')}`).toBeGreaterThanOrEqual(delay);
    }
  });
});
