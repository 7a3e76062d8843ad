import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexChain } from '@plaza/coordinator';
import type { Page } from 'playwright-core';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import { type DaoLifecycleResult, runDaoLifecycle } from '../harness/dao-lifecycle.ts';
import { deployContractWallet } from '../harness/deploy-contract-wallet.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { articleSite } from '../harness/fixture-sites.ts';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import {
  type ExtensionCoordinator,
  markFixtureHostsReady,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { startTestChain, type TestChain, testChainEnv } from '../harness/start-test-chain.ts';
import { installTestWallet, type TestWallet } from '../harness/test-wallet.ts';
import { waitFor } from '../harness/wait-for.ts';

/** Where the test writes its screenshots (popup, link page, earnings view), to look at. */
const screens = join(tmpdir(), 'plaza-contributor-journey-screens');
const CAMPAIGN = 'journey';
/** 1,000.000007 TestUSD: odd, so rounding shows. */
const PRICE = 1_000_000_007n;

// Four articles, an exact copy of the first on another site, and a spam page under the floor.
const news = articleSite({ host: 'journey-news.example.com', count: 4, seed: 1700 });
const mirror = {
  host: 'journey-mirror.example.org',
  pages: {
    '/copy': news.pages['/articles/1']!,
    '/deals': {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: Array.from({ length: 40 }, () => 'Click here to buy now. Best price!').join('\n\n'),
    },
  },
};
const urls = [
  ...[1, 2, 3, 4].map((i) => `http://${news.host}/articles/${i}`),
  `http://${mirror.host}/copy`,
  `http://${mirror.host}/deals`,
];

let chain: TestChain;
let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let browser: ExtensionBrowser;
let wallet: TestWallet;
let exportsDir: string;
const payoutKey = generatePrivateKey();
const payout = privateKeyToAccount(payoutKey);
let device: string;
let versionDir: string;

/** The coordinator's chain indexer, one step (its background loop does this every 2 s). */
const indexNow = () =>
  indexChain(
    { db: coordinator.db },
    {
      client: chain.publisher.client,
      chainId: chain.chainId,
      plaza: chain.plaza,
      confirmations: 0,
    },
  );

/** The next tab the browser opens whose address comes to match. */
const nextPage = (match: RegExp) =>
  new Promise<Page>((resolve) => {
    browser.context.on('page', (page: Page) => {
      page.waitForURL(match, { timeout: 0 }).then(
        () => resolve(page),
        () => {},
      );
    });
  });

beforeAll(async () => {
  ensureLabelingUiBuilt();
  mkdirSync(screens, { recursive: true });
  chain = await startTestChain();
  exportsDir = mkdtempSync(join(tmpdir(), 'plaza-journey-exports-'));
  internet = await startFixtureInternet([news, mirror]);
  coordinator = await startExtensionCoordinator({
    internet,
    publisher: chain.publisher,
    env: { ...testChainEnv, PLAZA_UI_DIR: labelingUiDir, PLAZA_EXPORTS_DIR: exportsDir },
  });
  await markFixtureHostsReady(coordinator, [news, mirror]);
  browser = await launchExtensionBrowser({
    proxyUrl: internet.proxyUrl,
    bypass: [`127.0.0.1:${coordinator.port}`, '127.0.0.1:8787'],
  });
  // Every tab gets the browser wallet (an injected EIP-1193 provider), the ones the extension opens too.
  wallet = await installTestWallet(browser.context, payout, chain.chainId, {
    rpcUrl: chain.rpcUrl,
  });
  await browser.setSettings({ coordinatorUrl: coordinator.url });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await coordinator?.close();
  await internet?.close();
  await chain?.stop();
  if (exportsDir) rmSync(exportsDir, { recursive: true, force: true });
});

/** The steps depend on each other: once one fails, the later ones say so instead of running. */
let failedStep: string | null = null;
const step = (name: string, run: () => Promise<void>, timeoutMs: number) =>
  it(
    name,
    async () => {
      if (failedStep) throw new Error(`Not run: the step "${failedStep}" failed.`);
      try {
        await run();
      } catch (error) {
        failedStep = name;
        throw error;
      }
    },
    timeoutMs,
  );

/** Opens the earnings view and waits for the coordinator's answer on it. */
async function openEarnings(): Promise<Page> {
  const popup = await browser.openPage('popup.html');
  const opened = nextPage(/tabs\/earnings\.html/);
  await popup.getByTestId('open-earnings').click();
  const page = await opened;
  await popup.close();
  await page.getByTestId('earnings-version').first().waitFor();
  return page;
}

describe("a new contributor's journey", () => {
  step(
    'links a browser wallet through the web app, from the popup',
    async () => {
      const first = await browser.openPage('options.html');
      await first
        .getByTestId('registration')
        .getByText(/^Registered/)
        .waitFor();
      await first.close();
      const popup = await browser.openPage('popup.html');
      await popup
        .getByTestId('payout')
        .getByText(/none linked/)
        .waitFor();
      await popup
        .getByTestId('earnings-summary')
        .getByText(/0 rows in 0 versions/)
        .waitFor();
      await popup.screenshot({ path: join(screens, 'popup-new.png') });
      const linkPage = nextPage(/#\/link\/0x/);
      const settings = nextPage(/options\.html/);
      await popup.getByTestId('payout-settings').click();
      const [page, options] = await Promise.all([linkPage, settings]);
      await page
        .getByTestId('link-device')
        .getByText(/0x[0-9a-f]{40}/)
        .waitFor();
      device = ((await page.getByTestId('link-device').textContent()) ?? '').match(
        /0x[0-9a-f]{40}/,
      )![0];
      await page.screenshot({ path: join(screens, 'link-page.png') });
      await page.getByTestId('link-sign').click();
      await page.locator('[data-testid="link-status"][data-state="linked"]').waitFor();
      expect(wallet.typed).toEqual(['PayoutLink']);
      await options.getByTestId('payout').getByText(payout.address.toLowerCase()).waitFor();
      await Promise.all([popup.close(), page.close(), options.close()]);
    },
    120_000,
  );

  step(
    'crawls the fixture pages',
    async () => {
      await coordinator.createCampaign({
        id: CAMPAIGN,
        name: 'Journey news',
        seeds: urls,
        scope: { hosts: [news.host, mirror.host] },
        politeness: { minDelayMs: 0 },
        qualityFloor: 0.5,
        labelSchema: { kind: 'classification', classes: ['a', 'b'] },
        attributionRule: 'plaza-attribution/2',
      });
      await browser.setSettings({ paused: false, concurrency: 2 });
      await waitFor(
        async () => {
          const receipts = await browser.receipts();
          return (
            urls.every((u) => receipts.some((r) => r.url === u)) &&
            (await browser.outbox()).length === 0
          );
        },
        { timeoutMs: 120_000, what: 'a receipt for every page', everyMs: 500 },
      );
      const pausedAt = Date.now();
      await browser.setSettings({ paused: true });
      await waitFor(
        async () => {
          const status = (await browser.storage('workerStatus')) as
            | { state: string; at: number }
            | undefined;
          return status?.state === 'paused' && status.at >= pausedAt;
        },
        { timeoutMs: 60_000, what: 'the worker to wind down and report paused' },
      );
      const outcomes = new Set((await browser.receipts()).map((r) => r.outcome));
      expect([...outcomes]).toEqual(
        expect.arrayContaining(['accepted', 'duplicate', 'low_quality']),
      );
    },
    180_000,
  );

  step(
    'freezes and publishes; the extension shows the rows, why the rest are not, and the shares',
    async () => {
      const frozen = await fetch(`${coordinator.url}/v1/campaigns/${CAMPAIGN}/versions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${coordinator.adminKey}`,
          'content-type': 'application/json',
        },
        // Nothing is labelled: force past the safe-freeze check (the labels' part is unallocated).
        body: JSON.stringify({ force: true }),
      });
      expect(frozen.status, await frozen.clone().text()).toBe(201);
      versionDir = ((await frozen.json()) as { dir: string }).dir;
      await indexNow();
      const rows = readFileSync(join(versionDir, 'rows.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { provenance: { device: string; payout: string } });
      const shares = JSON.parse(readFileSync(join(versionDir, 'shares.json'), 'utf8')) as {
        holders: Array<{ account: string; amount: string }>;
      };
      const manifest = JSON.parse(readFileSync(join(versionDir, 'manifest.json'), 'utf8'));
      const mine = rows.filter((r) => r.provenance.device === device);
      expect(mine.length).toBe(rows.length);
      expect(mine.every((r) => r.provenance.payout === payout.address.toLowerCase())).toBe(true);
      const held = shares.holders.find((h) => h.account === payout.address.toLowerCase())!;

      const page = await openEarnings();
      const card = page.getByTestId('earnings-version');
      await card.getByText(/on chain, in its timelock/).waitFor();
      expect(await page.getByTestId('earnings-rows').textContent()).toMatch(
        new RegExp(`^Your pages became ${mine.length} rows?\\. Not rows: .*1 duplicate`),
      );
      expect(await page.getByTestId('earnings-rows').textContent()).toMatch(
        /below the quality floor/,
      );
      const sharesCell = page.getByTestId('earnings-shares');
      expect(await sharesCell.getAttribute('data-shares')).toBe(held.amount);
      const total = BigInt(manifest.attribution.totalShares);
      expect(await sharesCell.getAttribute('title')).toBe(
        `${BigInt(held.amount).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} shares`,
      );
      // Nobody labelled: the labels' and compute's parts are unallocated, apart from rounding.
      expect(await page.getByTestId('earnings-not-minted').textContent()).toContain(
        `${BigInt(manifest.attribution.unallocated).toLocaleString('en-US')} shares unallocated`,
      );
      expect(BigInt(manifest.attribution.unallocated)).toBeGreaterThan(0n);
      // Rule v2, each row with its value and why: nothing is labelled, so no row can be valued
      // and each is paid for its quality; its weight is the export's, in millionths.
      const values = readFileSync(join(versionDir, 'values.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { index: number; value: number; weight: string });
      const totalWeight = values.reduce((sum, v) => sum + BigInt(v.weight), 0n);
      expect(manifest.attribution.rule).toBe('plaza-attribution/2');
      const table = page.getByTestId('earnings-row-values');
      expect(await table.getAttribute('data-rule')).toBe('plaza-attribution/2');
      const shown = page.getByTestId('earnings-row');
      expect(await shown.count()).toBe(values.length);
      for (let i = 0; i < values.length; i++) {
        const row = shown.nth(i);
        const v = values[i]!;
        expect(await row.getAttribute('data-index')).toBe(String(v.index));
        expect(await row.getAttribute('data-status')).toBe('unlabeled');
        expect(await row.getAttribute('data-value')).toBe(String(v.value));
        expect(await row.getAttribute('data-weight-ppm')).toBe(
          String((BigInt(v.weight) * 1_000_000n) / totalWeight),
        );
        expect(await row.getByTestId('earnings-row-why').textContent()).toMatch(/no label yet/);
      }
      await page.locator('main').screenshot({ path: join(screens, 'earnings-frozen.png') });
      await page.close();
    },
    180_000,
  );

  step(
    'claims, a contract wallet licenses, holders settle, and the extension shows the revenue to the wei',
    async () => {
      const sharesFile = JSON.parse(readFileSync(join(versionDir, 'shares.json'), 'utf8'));
      // The buyer is an organisation paying from a contract wallet (ERC-1271), not a key.
      const buyerKey = generatePrivateKey();
      const buyerWallet = await deployContractWallet(chain, privateKeyToAccount(buyerKey).address);
      const result: DaoLifecycleResult = await runDaoLifecycle({
        rpcUrl: chain.rpcUrl,
        plaza: chain.plaza,
        stablecoin: chain.testUsd,
        shares: sharesFile,
        holders: [{ name: 'contributor', privateKey: payoutKey }],
        buyer: { name: 'buyer', privateKey: buyerKey },
        buyerWallet,
        price: PRICE,
      });
      expect(result.ok).toBe(true);
      expect(result.buyer.toLowerCase()).toBe(buyerWallet.toLowerCase());
      const [holder] = result.holders;
      expect(holder!.revenue).toBe(holder!.expectedRevenue);
      expect(holder!.revenue).toBeGreaterThan(0n);
      await indexNow();

      const page = await openEarnings();
      await page
        .getByTestId('earnings-version')
        .getByText(/on chain, open/)
        .waitFor();
      const row = page.getByTestId('earnings-revenue');
      expect(await row.getAttribute('data-token')).toBe(chain.testUsd.toLowerCase());
      expect(await page.getByTestId('earnings-claimed').getAttribute('data-wei')).toBe(
        String(holder!.revenue),
      );
      expect(await page.getByTestId('earnings-claimable').getAttribute('data-wei')).toBe('0');
      expect(await page.getByTestId('earnings-claimed').textContent()).toMatch(/ TUSD$/);
      expect(await page.getByTestId('earnings-shares').textContent()).toMatch(/ %$/);
      expect(await page.getByTestId('claim-link').getAttribute('href')).toBe(
        `${coordinator.url}/#/datasets/${CAMPAIGN}/1`,
      );
      await page.locator('main').screenshot({ path: join(screens, 'earnings-paid.png') });
      await page.close();

      const popup = await browser.openPage('popup.html');
      await popup
        .getByTestId('earnings-total')
        .getByText(/claimed$/)
        .waitFor();
      await popup.screenshot({ path: join(screens, 'popup-paid.png') });
      await popup.close();
      console.log(`screenshots in ${screens}`);
    },
    240_000,
  );
});
