import { readFile } from 'node:fs/promises';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { articleSite } from '../harness/fixture-sites.ts';
import { readPayoutLinkRequest, signPayoutLinkRequest } from '../harness/link-payout-wallet.ts';
import {
  type ExtensionCoordinator,
  markFixtureHostsReady,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

const news = articleSite({ host: 'news.example.com', count: 6, seed: 100 });
const blog = articleSite({
  host: 'blog.example.org',
  count: 3,
  seed: 200,
  robots: 'User-agent: *\nDisallow: /private/\n',
  indexLinks: ['/private/diary'],
});
// Linked from the blog; robots.txt disallows it, so the coordinator never queues it.
blog.pages['/private/diary'] = news.pages['/articles/1']!;
const expectedUrls = [
  'http://news.example.com/',
  ...[1, 2, 3, 4, 5, 6].map((i) => `http://news.example.com/articles/${i}`),
  'http://blog.example.org/',
  ...[1, 2, 3].map((i) => `http://blog.example.org/articles/${i}`),
];

const fixtureHosts = new Set([news.host, blog.host]);

let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let browser: ExtensionBrowser;

beforeAll(async () => {
  internet = await startFixtureInternet([news, blog]);
  coordinator = await startExtensionCoordinator({ internet });
  await markFixtureHostsReady(coordinator, [news, blog]);
  await coordinator.createCampaign({
    id: 'fixture-news',
    name: 'Fixture news',
    seeds: ['http://news.example.com/', 'http://blog.example.org/'],
    scope: { hosts: ['news.example.com', 'blog.example.org'] },
    politeness: { minDelayMs: 0 },
    labelSchema: { kind: 'classification', classes: ['local', 'other'] },
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

describe('the extension end to end', () => {
  it('registers from the options page, leases, fetches, extracts, signs and submits every page', async () => {
    const options = await browser.openPage('options.html');
    // The worker made the device key on install; the page shows its address.
    await options
      .getByTestId('device-address')
      .getByText(/^0x[0-9a-f]{40}$/)
      .waitFor();
    const address = await options.getByTestId('device-address').textContent();
    await options.getByTestId('coordinator-url').fill(coordinator.url);
    await options.getByTestId('save').click();
    await options.getByText('Saved.').waitFor();

    await waitFor(
      async () =>
        (await coordinator.query<{ n: number }>('select count(*)::int as n from contributions'))[0]!
          .n >= expectedUrls.length,
      { timeoutMs: 90_000, what: 'every fixture page to be submitted' },
    );
    const devices = await coordinator.query<{ address: string }>('select address from devices');
    expect(devices.map((d) => d.address)).toEqual([address]);
    const rows = await coordinator.query<{ url: string; outcome: string; device_address: string }>(
      'select url, outcome, device_address from contributions order by url',
    );
    expect(rows.map((r) => r.url).sort()).toEqual([...expectedUrls].sort());
    expect(new Set(rows.map((r) => r.device_address))).toEqual(new Set([address]));
    const items = await coordinator.query<{ url: string; text: string }>(
      `select url, text from items where url like '%/articles/%' order by url`,
    );
    expect(items).toHaveLength(9);
    // The extractor kept the article and dropped the navigation and footer.
    for (const item of items) {
      expect(item.text.length).toBeGreaterThan(2000);
      expect(item.text).not.toContain('All rights reserved');
    }
    await options.close();
  });

  it('shows the coordinator’s counts, the receipts and the last fetches in the popup', async () => {
    const counts = Object.fromEntries(
      (
        await coordinator.query<{ outcome: string; n: number }>(
          'select outcome, count(*)::int as n from contributions group by outcome',
        )
      ).map((r) => [r.outcome, r.n]),
    );
    const popup = await browser.openPage('popup.html');
    await waitFor(
      async () =>
        Number(await popup.getByTestId('count-accepted').textContent()) === (counts.accepted ?? 0),
      { timeoutMs: 10_000, what: 'the popup to show the accepted count' },
    );
    expect(counts.accepted).toBeGreaterThanOrEqual(9);
    expect(Number(await popup.getByTestId('count-duplicate').textContent())).toBe(
      (counts.duplicate ?? 0) + (counts.near_duplicate ?? 0),
    );
    expect(Number(await popup.getByTestId('count-rejected').textContent())).toBe(0);
    expect(Number(await popup.getByTestId('count-low-quality').textContent())).toBe(
      counts.low_quality ?? 0,
    );
    expect(Number(await popup.getByTestId('today-pages').textContent())).toBeGreaterThanOrEqual(
      expectedUrls.length,
    );
    expect(Number(await popup.getByTestId('today-mb').textContent())).toBeGreaterThan(0);
    expect(await popup.getByTestId('receipt').count()).toBeGreaterThan(0);
    const pageRows = popup.locator('[data-testid="fetch-row"][data-outcome="ok"]');
    expect(await pageRows.count()).toBeGreaterThanOrEqual(expectedUrls.length);
    await popup.close();
  });

  it('sent no cookie or credential, only GETs, and respected robots.txt', () => {
    // Chromium's own traffic (component updates, sign-in) also crosses the proxy; it goes to
    // public hosts over CONNECT and is left out here.
    const fixture = internet.requests.filter((r) => fixtureHosts.has(new URL(r.url).hostname));
    expect(fixture.length).toBeGreaterThan(expectedUrls.length);
    for (const request of internet.requests) {
      expect(request.headers.cookie, request.url).toBeUndefined();
      expect(request.headers.authorization, request.url).toBeUndefined();
    }
    for (const request of fixture) {
      expect(request.method, request.url).toBe('GET');
      expect(request.headers.referer, request.url).toBeUndefined();
    }
    const urls = fixture.map((r) => r.url);
    expect(urls).not.toContain('http://blog.example.org/private/diary');
    // robots.txt once per host, then cached.
    expect(urls.filter((u) => u.endsWith('/robots.txt')).sort()).toEqual([
      'http://blog.example.org/robots.txt',
      'http://news.example.com/robots.txt',
    ]);
    // Nothing the pages embed (scripts, images) was ever loaded: pages are parsed, not run.
    expect(
      urls.every(
        (u) => u.startsWith('http://news.example.com/') || u.startsWith('http://blog.example.org/'),
      ),
    ).toBe(true);
  });

  it('lists every fetch on the activity page and exports it as JSON', async () => {
    const page = await browser.openPage('tabs/activity.html');
    await page.getByTestId('fetch-row').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export').click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      url: string;
      kind: string;
      status: number;
      bytes: number;
      outcome: string;
      receipt?: string;
    }[];
    const pages = exported.filter((e) => e.kind === 'page');
    expect(pages.map((e) => e.url).sort()).toEqual([...expectedUrls].sort());
    for (const entry of pages) {
      expect(entry.status).toBe(200);
      expect(entry.bytes).toBeGreaterThan(0);
      expect(entry.outcome).toBe('ok');
      expect(entry.receipt).toBeDefined();
    }
    expect(exported.filter((e) => e.kind === 'robots')).toHaveLength(2);
    await page.close();
  });

  it('links a payout wallet with its and the device’s signatures, shows it, and unlinks it', async () => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    const options = await browser.openPage('options.html');
    await options.getByTestId('payout').getByText('none yet').waitFor();
    const typed = await readPayoutLinkRequest(options, wallet);
    expect(typed.message).toMatchObject({ payout: wallet.address.toLowerCase(), nonce: 1 });
    // A signature by another key is refused before anything is sent.
    const other = privateKeyToAccount(generatePrivateKey());
    await options.getByTestId('payout-signature').fill(await signPayoutLinkRequest(other, typed));
    await options.getByTestId('payout-link').click();
    await options.getByTestId('payout-message').getByText('not by').waitFor();
    await options.getByTestId('payout-signature').fill(await signPayoutLinkRequest(wallet, typed));
    await options.getByTestId('payout-link').click();
    await options.getByTestId('payout-message').getByText('Linked').waitFor();
    const [device] = await coordinator.query<{ address: string; payout_address: string }>(
      'select address, payout_address from devices',
    );
    expect(device!.payout_address).toBe(wallet.address.toLowerCase());
    await options.getByTestId('payout').getByText(wallet.address.toLowerCase()).waitFor();
    // The history shows the change, checked against the device's own key.
    const linked = options.getByTestId('payout-event');
    await linked.first().waitFor();
    expect(await linked.count()).toBe(1);
    expect(await linked.first().getByTestId('payout-signed').textContent()).toBe('yes');

    // The popup shows where the shares go.
    const popup = await browser.openPage('popup.html');
    await popup.getByTestId('payout').getByText(wallet.address.toLowerCase()).waitFor();
    expect(await popup.getByTestId('payout-last-change').textContent()).toMatch(/^Linked /);
    await popup.close();

    // Unlinking needs the device alone; the shares go to the device address again.
    await options.getByTestId('payout-unlink').click();
    await options.getByTestId('payout-message').getByText('Unlinked').waitFor();
    await options.getByTestId('payout').getByText('none yet').waitFor();
    const events = await coordinator.query<{ kind: string; nonce: string; payout_address: string }>(
      'select kind, nonce::text, payout_address from device_payout_events order by nonce',
    );
    expect(events).toEqual([
      { kind: 'payout_linked', nonce: '1', payout_address: wallet.address.toLowerCase() },
      { kind: 'payout_unlinked', nonce: '2', payout_address: null },
    ]);
    await options.getByTestId('payout-event').nth(1).waitFor();
    expect(
      await options
        .getByTestId('payout-event')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind'))),
    ).toEqual(['payout_unlinked', 'payout_linked']);
    await options.close();
  });
});
