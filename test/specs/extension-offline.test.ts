import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { articleSite } from '../harness/fixture-sites.ts';
import {
  type ExtensionCoordinator,
  markFixtureHostsReady,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

const news = articleSite({ host: 'news.example.com', count: 10, seed: 600 });
const blog = articleSite({ host: 'blog.example.org', count: 6, seed: 700 });
const urls = [
  ...Object.keys(news.pages).map((p) => `http://news.example.com${p}`),
  ...Object.keys(blog.pages).map((p) => `http://blog.example.org${p}`),
];

let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let browser: ExtensionBrowser;

beforeAll(async () => {
  internet = await startFixtureInternet([news, blog]);
  coordinator = await startExtensionCoordinator({ internet });
  await markFixtureHostsReady(coordinator, [news, blog]);
  await coordinator.createCampaign({
    id: 'offline',
    name: 'Offline',
    seeds: urls,
    scope: { hosts: ['news.example.com', 'blog.example.org'] },
    politeness: { minDelayMs: 0 },
    labelSchema: { kind: 'classification', classes: ['a', 'b'] },
  });
  browser = await launchExtensionBrowser({
    proxyUrl: internet.proxyUrl,
    bypass: [`127.0.0.1:${coordinator.port}`, '127.0.0.1:8787'],
  });
});

afterAll(async () => {
  await browser?.close();
  await coordinator?.close();
  await internet?.close();
});

const count = async (sql: string) => (await coordinator.query<{ n: number }>(sql))[0]!.n;

describe('coordinator outage during a submission', () => {
  it('loses nothing and counts nothing twice across a lost answer, an outage and a worker restart', async () => {
    // The first batch is stored and committed, then the connection is cut before the answer
    // and the coordinator goes down: the extension cannot know that it was stored.
    const crashed = coordinator.crashAfterNextSubmit();
    await browser.setSettings({ coordinatorUrl: coordinator.url, concurrency: 2 });
    await crashed;
    const firstBatch = await coordinator.query<{ job_id: string; id: string }>(
      'select job_id, id from contributions',
    );
    expect(firstBatch.length).toBeGreaterThan(0);

    // While the coordinator is down the signed batch waits in IndexedDB …
    await waitFor(async () => (await browser.outbox()).length > 0, {
      timeoutMs: 10_000,
      what: 'the unacknowledged batch to wait in the outbox',
    });
    await waitFor(
      async () =>
        ((await browser.storage('workerStatus')) as { reason?: string } | undefined)?.reason ===
        'coordinator_unreachable',
      { timeoutMs: 20_000, what: 'the worker to notice the outage' },
    );
    // … and survives the service worker being stopped, as Chrome does to idle workers.
    await browser.stopWorker();
    expect((await browser.outbox()).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await coordinator.start();

    // An alarm wakes the worker; it resends the batch and finishes the campaign.
    await waitFor(
      async () =>
        (await count('select count(*)::int as n from contributions')) === urls.length &&
        (await browser.outbox()).length === 0 &&
        (await browser.receipts()).length === urls.length,
      { timeoutMs: 120_000, what: 'every page to be submitted and acknowledged', everyMs: 500 },
    );

    // Nothing twice: one contribution per URL and per job, one receipt per job.
    expect(await count('select count(distinct url)::int as n from contributions')).toBe(
      urls.length,
    );
    const receipts = await browser.receipts();
    expect(new Set(receipts.map((r) => r.jobId)).size).toBe(urls.length);
    expect(receipts.every((r) => r.outcome !== 'rejected')).toBe(true);
    // The lost answer was recovered: the resent batch got the receipts issued the first time.
    const posts = coordinator.requests.filter((r) => r.path === '/v1/contributions');
    const batches = await count('select count(*)::int as n from contribution_batches');
    expect(posts.length).toBeGreaterThan(batches);
    for (const { job_id, id } of firstBatch) {
      const receipt = receipts.find((r) => r.jobId === job_id);
      expect(receipt?.receipt?.contributionId).toBe(id);
    }
    // Nothing lost: every page the proxy served became exactly one contribution.
    const served = new Set(
      internet.requests.filter((r) => !r.url.endsWith('/robots.txt')).map((r) => r.url),
    );
    expect([...served].filter((u) => u.includes('.example.')).sort()).toEqual([...urls].sort());

    const popup = await browser.openPage('popup.html');
    await waitFor(
      async () =>
        Number(await popup.getByTestId('count-accepted').textContent()) +
          Number(await popup.getByTestId('count-low-quality').textContent()) +
          Number(await popup.getByTestId('count-duplicate').textContent()) ===
        urls.length,
      { timeoutMs: 10_000, what: 'the popup to count every receipt once' },
    );
    expect(await popup.getByTestId('count-rejected').textContent()).toBe('0');
    expect(await popup.getByTestId('count-pending').textContent()).toBe('0');
    await popup.close();
  });
});
