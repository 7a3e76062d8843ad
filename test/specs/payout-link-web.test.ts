import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import {
  type ExtensionCoordinator,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { installTestWallet, type TestWallet } from '../harness/test-wallet.ts';

/** Where the test writes its screenshots (the popup, the link page, the settings), to look at. */
const screens = join(tmpdir(), 'plaza-payout-link-screens');

let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let browser: ExtensionBrowser;
let wallet: TestWallet;
const account = privateKeyToAccount(generatePrivateKey());

beforeAll(async () => {
  ensureLabelingUiBuilt();
  mkdirSync(screens, { recursive: true });
  internet = await startFixtureInternet([]);
  coordinator = await startExtensionCoordinator({
    internet,
    env: { PLAZA_UI_DIR: labelingUiDir },
  });
  browser = await launchExtensionBrowser({
    proxyUrl: internet.proxyUrl,
    bypass: [`127.0.0.1:${coordinator.port}`, '127.0.0.1:8787'],
  });
  // Every tab gets the browser wallet, the ones the extension opens too.
  wallet = await installTestWallet(browser.context, account, 31337);
  await browser.setSettings({ coordinatorUrl: coordinator.url });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await coordinator?.close();
  await internet?.close();
});

/**
 * The next tab the browser opens whose address comes to match (a tab starts at about:blank and
 * navigates; the extension's own pages navigate once more).
 */
const nextPage = (match: RegExp) =>
  new Promise<Page>((resolve) => {
    browser.context.on('page', (page: Page) => {
      page.waitForURL(match, { timeout: 0 }).then(
        () => resolve(page),
        () => {},
      );
    });
  });

describe('linking a payout wallet in two clicks', () => {
  it('links the browser wallet from the popup through the web app, with both signatures', async () => {
    const options = await browser.openPage('options.html');
    await options
      .getByTestId('registration')
      .getByText(/^Registered/)
      .waitFor();
    const device = (await options.getByTestId('device-address').textContent()) as string;
    await options.close();

    const popup = await browser.openPage('popup.html');
    await popup
      .getByTestId('payout')
      .getByText(/none linked/)
      .waitFor();
    await popup.screenshot({ path: join(screens, 'popup-before.png') });
    const linkPage = nextPage(/#\/link\/0x/);
    const settings = nextPage(/options\.html/);
    // Click 1: the popup opens the settings, which open the web app's link page at once.
    await popup.getByTestId('payout-settings').click();
    const [page, optionsPage] = await Promise.all([linkPage, settings]);
    await page.getByTestId('link-device').getByText(device).waitFor();
    await page.screenshot({ path: join(screens, 'link-page.png') });

    // Click 2: the wallet signs in the page; the extension adds the device's signature.
    await page.getByTestId('link-sign').click();
    await page.locator('[data-testid="link-status"][data-state="linked"]').waitFor();
    await page.screenshot({ path: join(screens, 'link-page-linked.png') });
    expect(wallet.typed).toEqual(['PayoutLink']);
    expect(page.url()).toContain(`/signed/${account.address}/0x`);

    const events = await coordinator.query<{ kind: string; payout_address: string }>(
      'select kind, payout_address from device_payout_events where device_address = $1',
      [device],
    );
    expect(events).toEqual([
      { kind: 'payout_linked', payout_address: account.address.toLowerCase() },
    ]);
    await optionsPage.getByTestId('payout').getByText(account.address.toLowerCase()).waitFor();
    await optionsPage
      .getByTestId('payout-message')
      .getByText(/^Linked/)
      .waitFor();
    expect(await optionsPage.getByTestId('payout-signed').first().textContent()).toBe('yes');
    await optionsPage.screenshot({ path: join(screens, 'settings-linked.png'), fullPage: true });

    const after = await browser.openPage('popup.html');
    await after.getByTestId('payout').getByText(account.address.toLowerCase()).waitFor();
    await after.screenshot({ path: join(screens, 'popup-linked.png') });
    console.log(`screenshots in ${screens}`);
    await Promise.all([popup.close(), after.close(), page.close(), optionsPage.close()]);
  });

  it('does not ask the wallet to sign a link page whose nonce is spent', async () => {
    const [device] = await coordinator.query<{ address: string; payout_nonce: string }>(
      'select address, payout_nonce::text from devices',
    );
    expect(device!.payout_nonce).toBe('1');
    const issuedAt = Math.floor(Date.now() / 1000);
    const page = await browser.context.newPage();
    await page.goto(`${coordinator.url}/#/link/${device!.address}/1/${issuedAt}`);
    await page.getByTestId('link-sign').click();
    await page
      .getByTestId('link-error')
      .getByText(/start again from the extension/)
      .waitFor();
    expect(wallet.typed).toEqual(['PayoutLink']);
    await page.close();
  });
});
