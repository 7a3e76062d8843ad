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

const news = articleSite({ host: 'news.example.com', count: 60, seed: 400, chars: 2500 });
const shop = articleSite({ host: 'shop.example.net', count: 5, seed: 500 });
const CAP_MB = 0.1;

let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let browser: ExtensionBrowser;

const status = async () =>
  ((await browser.storage('workerStatus')) ?? { state: 'none', at: 0 }) as {
    state: string;
    reason?: string;
    /** When the worker wrote this status (epoch ms). */
    at: number;
  };
const usage = async () =>
  (await browser.storage('usage')) as { bytes: number; pages: number } | undefined;
const fixtureRequests = () =>
  internet.requests.filter((r) => r.url.includes('.example.')).map((r) => r.url);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asserts that neither the fixture internet nor the coordinator hears from the extension for `ms`. */
async function expectSilence(ms: number): Promise<void> {
  const proxyBefore = fixtureRequests().length;
  const coordinatorBefore = coordinator.requests.length;
  await sleep(ms);
  expect(fixtureRequests().slice(proxyBefore)).toEqual([]);
  expect(coordinator.requests.slice(coordinatorBefore)).toEqual([]);
}

beforeAll(async () => {
  internet = await startFixtureInternet([news, shop]);
  coordinator = await startExtensionCoordinator({ internet });
  await markFixtureHostsReady(coordinator, [news, shop]);
  await coordinator.createCampaign({
    id: 'controls',
    name: 'Controls',
    seeds: [
      ...Object.keys(news.pages).map((p) => `http://news.example.com${p}`),
      ...Object.keys(shop.pages).map((p) => `http://shop.example.net${p}`),
    ],
    scope: { hosts: ['news.example.com', 'shop.example.net'] },
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

describe('controls, enforced by the worker', () => {
  it('sends nothing while paused: no registration, lease, fetch or submission', async () => {
    await browser.setSettings({ coordinatorUrl: coordinator.url, paused: true });
    await waitFor(async () => (await status()).state === 'paused', {
      timeoutMs: 10_000,
      what: 'the worker to report paused',
    });
    await expectSilence(4_000);
    expect(coordinator.requests.filter((r) => r.path !== '/v1/campaigns')).toEqual([]);
  });

  it('stops at the daily megabyte cap and never fetches a deny-listed domain', async () => {
    await browser.setSettings({ paused: false, dailyCapMb: CAP_MB, denyList: ['example.net'] });
    let last: unknown;
    await waitFor(
      async () => {
        last = {
          status: await status(),
          usage: await usage(),
          requests: fixtureRequests().length,
          activity: (await browser.activity()).map((e) => `${e.url} ${e.outcome} ${e.code}`),
          coordinator: coordinator.requests.map((r) => r.path),
          frontier: await coordinator.query(
            'select status, count(*)::int from frontier_urls group by status',
          ),
          hosts: await coordinator.query('select * from hosts'),
        };
        return (await status()).reason === 'daily_cap_reached';
      },
      { timeoutMs: 60_000, what: 'the cap to stop the worker', explain: () => last },
    );
    const used = (await usage())!;
    expect(used.bytes).toBeLessThanOrEqual(CAP_MB * 1024 * 1024);
    expect(used.bytes).toBeGreaterThan(CAP_MB * 1024 * 1024 * 0.7);
    expect(used.pages).toBeGreaterThan(10);
    // Work was left: it stopped for the cap, not for lack of jobs.
    const [queued] = await coordinator.query<{ n: number }>(
      `select count(*)::int as n from frontier_urls where host = 'news.example.com' and status = 'queued'`,
    );
    expect(queued!.n).toBeGreaterThan(10);
    const popup = await browser.openPage('popup.html');
    await popup.getByTestId('status').getByText("Today's megabyte cap is used up").waitFor();
    expect(Number(await popup.getByTestId('today-mb').textContent())).toBeCloseTo(
      used.bytes / 1024 / 1024,
      1,
    );
    await popup.close();
    await expectSilence(3_000);

    expect(fixtureRequests().filter((u) => u.includes('shop.example.net'))).toEqual([]);
    const refused = (await browser.activity()).filter((e) => e.code === 'DENY_LISTED');
    expect(refused.length).toBeGreaterThan(0);
    for (const entry of refused) expect(entry.url).toMatch(/^http:\/\/shop\.example\.net\//);
  });

  it('pauses from the popup in the middle of work and then sends nothing', async () => {
    const before = fixtureRequests().length;
    await browser.setSettings({ dailyCapMb: 500 });
    await waitFor(() => fixtureRequests().length > before + 3, {
      timeoutMs: 20_000,
      what: 'work to resume under a larger cap',
    });
    const popup = await browser.openPage('popup.html');
    const clickedAt = Date.now();
    await popup.getByTestId('toggle-pause').click();
    await popup.getByTestId('status').getByText('Paused').waitFor();
    await popup.close();
    // The worker writes "paused" once its session has wound down: fetches on the wire aborted,
    // the outbox's sending finished. From then on nothing may leave.
    await waitFor(
      async () => {
        const now = await status();
        return now.state === 'paused' && now.at >= clickedAt;
      },
      { timeoutMs: 60_000, what: 'the worker to wind down and report paused' },
    );
    await expectSilence(4_000);
    expect(fixtureRequests().filter((u) => u.includes('shop.example.net'))).toEqual([]);
    const [left] = await coordinator.query<{ n: number }>(
      `select count(*)::int as n from frontier_urls where host = 'news.example.com' and status = 'queued'`,
    );
    expect(left!.n).toBeGreaterThan(0);
  });
});
