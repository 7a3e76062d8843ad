import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testUsdAbi } from '@plaza/contracts';
import { type RunningCoordinator, startCoordinator } from '@plaza/coordinator';
import { chromiumPath } from '@plaza/test-kit/env';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createPublicClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnnouncedWallets, announceTestWallets } from '../harness/announce-test-wallets.ts';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';

/** Where the test writes its screenshots (the picker, the header), to look at. */
const screens = join(tmpdir(), 'plaza-wallet-onboarding-screens');

/**
 * A new user with two browser wallets (EIP-6963) and nothing else: signs in through the picker
 * (one step that also connects the wallet), adds Plaza's local chain to the wallet from the
 * header, takes test tokens from the faucet, and sees one header on every page. The coordinator
 * is the real composition root (`plaza start`) with its own anvil on a free port.
 */
describe('a new user onboards with a browser wallet', () => {
  let dataDir: string;
  let coordinator: RunningCoordinator;
  let browser: Browser;
  let page: Page;
  let wallets: AnnouncedWallets;
  const account = privateKeyToAccount(generatePrivateKey());

  beforeAll(async () => {
    ensureLabelingUiBuilt();
    mkdirSync(screens, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'plaza-onboarding-'));
    coordinator = await startCoordinator({
      PLAZA_DATA_DIR: dataDir,
      PLAZA_PORT: '0',
      PLAZA_ANVIL_PORT: '0',
      PLAZA_UI_DIR: labelingUiDir,
      PLAZA_LOG_LEVEL: 'silent',
      PLAZA_BACKGROUND: 'false',
      PLAZA_VERIFY: 'false',
      PLAZA_PRELABEL: 'false',
      PLAZA_SERVER_CRAWL: 'false',
    });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    wallets = await announceTestWallets(page, account, coordinator.chain!.rpcUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await coordinator?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const header = () => page.locator('header.site-header');
  const banner = () => page.locator('p.banner[role="alert"]');

  it('offers a picker of the announced wallets; a refused sign-in clears when the user moves on', async () => {
    await page.goto(`${coordinator.url}/#/datasets`);
    await header().getByRole('button', { name: 'Sign in' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose a wallet' });
    await picker.getByRole('button', { name: 'Rabby Test' }).waitFor();
    expect(await picker.getByRole('button').allTextContents()).toEqual([
      'Rabby Test',
      'Decoy Wallet',
      'Cancel',
    ]);
    await page.screenshot({ path: join(screens, 'picker.png') });
    await picker.getByRole('button', { name: 'Decoy Wallet' }).click();
    await banner()
      .getByText(/^Sign-in failed/)
      .waitFor();
    expect(wallets.decoyAsked.length).toBeGreaterThan(0);
    expect(wallets.signed).toEqual([]);

    // Moving to another page clears the error.
    await page.goto(`${coordinator.url}/#/label`);
    await banner().waitFor({ state: 'detached' });
  });

  it('signs in with the chosen wallet in one step, which also connects it', async () => {
    await header().getByRole('button', { name: 'Sign in' }).click();
    // The refused wallet was forgotten: the picker asks again.
    await page
      .getByRole('dialog', { name: 'Choose a wallet' })
      .getByRole('button', { name: 'Rabby Test' })
      .click();
    const short = `${account.address.slice(0, 6)}…${account.address.slice(-4)}`;
    await header().getByTitle(account.address).waitFor();
    expect(await header().getByTitle(account.address).textContent()).toContain(short.toLowerCase());
    expect(wallets.signed).toHaveLength(1);
    // The wallet is on chain 1: the header offers Plaza's chain.
    await header().getByRole('button', { name: 'Switch to Plaza local (anvil)' }).waitFor();
  });

  it('adds the local chain to the wallet with its id, name and RPC URL', async () => {
    await header().getByRole('button', { name: 'Switch to Plaza local (anvil)' }).click();
    await header().locator('.network', { hasText: 'Plaza local (anvil)' }).waitFor();
    expect(wallets.added).toEqual([
      {
        chainId: '0x7a69',
        chainName: 'Plaza local (anvil)',
        rpcUrls: [coordinator.chain!.rpcUrl],
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      },
    ]);
    await page.screenshot({ path: join(screens, 'header-connected.png') });
  });

  it('gives test tokens and gas from the faucet once, then refuses with a code', async () => {
    const chain = coordinator.chain!;
    const pub = createPublicClient({ transport: http(chain.rpcUrl) });
    const tokens = () =>
      pub.readContract({
        address: chain.testUsd!,
        abi: testUsdAbi,
        functionName: 'balanceOf',
        args: [account.address],
      });
    expect(await tokens()).toBe(0n);
    await header().getByRole('button', { name: 'Get test TUSD' }).click();
    await header().getByText('1,000 TUSD and gas sent to your account.').waitFor();
    expect(await tokens()).toBe(1_000_000_000n);
    expect(await pub.getBalance({ address: account.address })).toBe(10n * 10n ** 18n);

    await header().getByRole('button', { name: 'Get test TUSD' }).click();
    await header()
      .getByText(/FAUCET_RATE_LIMITED/)
      .waitFor();
    expect(await tokens()).toBe(1_000_000_000n);
  });

  it('shows the same header on every page, and remembers the wallet after a reload', async () => {
    for (const route of ['#/me', '#/datasets', '#/admin']) {
      await page.goto(`${coordinator.url}/${route}`);
      await header().getByTitle(account.address).waitFor();
      await header().locator('.network', { hasText: 'Plaza local (anvil)' }).waitFor();
    }
    await page.reload();
    await header().locator('.network', { hasText: 'Plaza local (anvil)' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Choose a wallet' }).count()).toBe(0);
  });

  it('lets an admin-key session see and open review', async () => {
    await page.goto(`${coordinator.url}/#/admin`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Review' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Admin key' }).fill(coordinator.adminKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await nav.getByRole('link', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    // No campaign yet, but no refusal either: the key is accepted for review.
    await page
      .getByText(/campaign/i)
      .first()
      .waitFor();
    expect(await page.getByText(/needs the reviewer or admin role/).count()).toBe(0);
    console.log(`screenshots in ${screens}`);
  });
});
