import { requireChromium } from '@plaza/test-kit/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedDevice, type SimulatedDevice } from '../harness/create-simulated-device.ts';
import { extractHtml } from '../harness/extract-html.ts';
import { fetchThroughProxy } from '../harness/fetch-through-proxy.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { articlePage, articleSite } from '../harness/fixture-sites.ts';
import { generateArticle, nearDuplicateOf } from '../harness/generate-article.ts';
import { markHostsReady } from '../harness/mark-hosts-ready.ts';
import {
  type CrawlCoordinator,
  startCrawlCoordinator,
} from '../harness/start-crawl-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

// Verification end to end: a device fetches fixture pages through the fixture internet's proxy,
// extracts them with the extension's extractor and submits them; the coordinator's verification
// loop re-fetches them with crawlee through the same proxy and compares.
const news = articleSite({ host: 'news.example.com', count: 8, seed: 500 });
const spa = articleSite({ host: 'app.example.org', count: 3, seed: 600 });
const newsUrls = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `http://news.example.com/articles/${i}`);
const spaUrls = [1, 2, 3].map((i) => `http://app.example.org/articles/${i}`);
/** Pages that change a little between the device's fetch and the re-fetch. */
const changed = new Set(newsUrls.slice(0, 4));
/** Chromium for the campaign that needs a browser (required under CI). */
const chromium = requireChromium();

let internet: FixtureInternet;
let coordinator: CrawlCoordinator;
let device: SimulatedDevice;

beforeAll(async () => {
  internet = await startFixtureInternet([news, spa]);
  coordinator = await startCrawlCoordinator({ internet, env: { PLAZA_VERIFY: 'true' } });
  await markHostsReady(
    (text, params) => coordinator.query(text, [...params]),
    [news.host, spa.host],
  );
  await coordinator.admin.createCampaign({
    id: 'news',
    name: 'News',
    seeds: newsUrls,
    scope: { hosts: [news.host] },
    politeness: { minDelayMs: 0 },
    labelSchema: { kind: 'classification', classes: ['local', 'other'] },
  });
  if (!chromium.skip) {
    await coordinator.admin.createCampaign({
      id: 'spa',
      name: 'Pages that need a browser',
      seeds: spaUrls,
      scope: { hosts: [spa.host] },
      politeness: { minDelayMs: 0 },
      needsBrowser: true,
      labelSchema: { kind: 'classification', classes: ['local', 'other'] },
    });
  }
  device = await createSimulatedDevice({ baseUrl: coordinator.url });
});

afterAll(async () => {
  await coordinator?.close();
  await internet?.close();
});

/**
 * Leases, fetches through the proxy, extracts and submits every page of a campaign, one at a time
 * (a host is leased again only after its page is in). `afterFetch` runs between a page's fetch and
 * its submission.
 */
async function contributeAll(
  campaignId: string,
  expected: number,
  afterFetch: (url: string) => void,
) {
  let submitted = 0;
  const deadline = Date.now() + 30_000;
  while (submitted < expected) {
    const { lease } = await device.lease({ max: 16, campaignId });
    if (lease.jobs.length === 0) {
      // The host is busy: the verifier re-fetching an earlier page holds its politeness slot.
      if (Date.now() > deadline) throw new Error(`Only ${submitted} of ${expected} jobs leased.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    const items = [];
    for (const job of lease.jobs) {
      const page = await fetchThroughProxy(internet.proxyUrl, job.url);
      const { title, text, links } = extractHtml(page.body, job.url);
      expect(links.length).toBeGreaterThan(0);
      items.push(device.contribution(job, { title, text }));
      afterFetch(job.url);
    }
    const answer = await device.submit(await device.sign(items));
    expect(answer.results.every((r) => r.ok)).toBe(true);
    submitted += items.length;
  }
}

async function verificationStates(campaignId: string) {
  return coordinator.query<{ url: string; verification: string; similarity: number | null }>(
    `select c.url, c.verification, v.similarity from contributions c
     left join verification_checks v on v.contribution_id = c.id
     where c.campaign_id = $1 order by c.url`,
    [campaignId],
  );
}

describe('verification', () => {
  it('confirms honest contributions, also when the page changed a little since', async () => {
    await contributeAll('news', newsUrls.length, (url) => {
      if (!changed.has(url)) return;
      // After the device's fetch, before the re-fetch: a date line, edited sentences, a counter.
      const path = new URL(url).pathname;
      const i = Number(path.split('/').pop());
      // articleSite's article i is generateArticle(seed + i, 3000 characters).
      const { title, text } = generateArticle(500 + i, { chars: 3000 });
      news.pages[path] = articlePage({
        title,
        text: `Updated on 14 March at 09:12.\n\n${nearDuplicateOf(text, i, 0.9)}\n\n12 comments`,
      });
      internet.addSite(news);
    });
    await waitFor(
      async () =>
        (await verificationStates('news')).every((r) =>
          ['confirmed', 'failed', 'inconclusive'].includes(r.verification),
        ),
      { timeoutMs: 60_000, what: 'every news contribution to be verified' },
    );
    const rows = await verificationStates('news');
    console.log(
      `similarity of re-fetched pages: ${rows.map((r) => `${new URL(r.url).pathname} ${r.similarity?.toFixed(3)}`).join(', ')}`,
    );
    expect(rows).toHaveLength(newsUrls.length);
    for (const row of rows) {
      expect(row.verification, row.url).toBe('confirmed');
      if (changed.has(row.url)) {
        expect(row.similarity, row.url).toBeGreaterThanOrEqual(0.8);
        expect(row.similarity, row.url).toBeLessThan(0.98);
      } else {
        expect(row.similarity, row.url).toBe(1);
      }
    }
    // Every page was fetched twice through the proxy: by the device, then by the verifier, which
    // identifies as PlazaBot, sends GET only and never a cookie back.
    const fetches = internet.requests.filter((r) => newsUrls.includes(r.url));
    for (const url of newsUrls)
      expect(
        fetches.filter((r) => r.url === url),
        url,
      ).toHaveLength(2);
    const verifier = fetches.filter((r) => /^PlazaBot\//.test(String(r.headers['user-agent'])));
    expect(verifier).toHaveLength(newsUrls.length);
    for (const request of verifier) {
      expect(request.method).toBe('GET');
      expect(request.headers.cookie).toBeUndefined();
    }

    const report = await coordinator.admin.verification('news');
    expect(report.checks).toEqual({ confirmed: newsUrls.length });
    expect(report.byReason).toEqual({ reputation: newsUrls.length });
    expect(report.devices).toEqual([
      expect.objectContaining({
        address: device.address,
        status: 'active',
        confirmedChecks: newsUrls.length,
      }),
    ]);
    // Still active: it may lease (nothing is left).
    expect((await device.lease({ max: 1, campaignId: 'news' })).lease.jobs).toEqual([]);
  });

  it.skipIf(chromium.skip)(
    're-fetches campaigns that need a browser in Chromium, through the same proxy',
    async () => {
      const before = internet.requests.length;
      await contributeAll('spa', spaUrls.length, () => {});
      await waitFor(
        async () => (await verificationStates('spa')).every((r) => r.verification === 'confirmed'),
        { timeoutMs: 60_000, what: 'every browser-campaign contribution to be confirmed' },
      );
      const seen = internet.requests.slice(before).filter((r) => spaUrls.includes(r.url));
      const browser = seen.filter(
        (r) => !/^PlazaSimulatedExtension\//.test(String(r.headers['user-agent'])),
      );
      expect(browser.map((r) => r.url).sort()).toEqual([...spaUrls].sort());
      // The fixture pages load a script and a pixel from private addresses: the browser never asked.
      for (const request of internet.requests) {
        expect(request.url).not.toContain('10.0.0.1');
        expect(request.url).not.toContain('192.168.1.1');
      }
      for (const request of browser) expect(request.headers.cookie).toBeUndefined();
    },
  );
});
