import { chromiumPath } from '@plaza/test-kit/env';
import { type Browser, chromium, type Page } from 'playwright-core';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerByKeyboard, itemOnScreen, signInByKeyboard } from '../harness/labeling-page.ts';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import { seedLabelingCampaign } from '../harness/seed-labeling-campaign.ts';
import {
  type InProcessCoordinator,
  startInProcessCoordinator,
} from '../harness/start-in-process-coordinator.ts';
import { installTestWallet } from '../harness/test-wallet.ts';
import { waitFor } from '../harness/wait-for.ts';

/**
 * A labeler's first session, in Chromium against the coordinator serving the built web app: sign
 * in with a wallet (a test EIP-1193 provider), label 20 items with the keyboard alone, reload half
 * way, and find every label stored once, with the class that was typed.
 */
describe('labeling in the web app', () => {
  let coordinator: InProcessCoordinator;
  let browser: Browser;
  let page: Page;
  const labeler = privateKeyToAccount(generatePrivateKey());
  /** The class typed for each item (0-based). */
  const typed = new Map<number, number>();

  const query = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    ((await coordinator.run(text, params)) as { rows: T[] }).rows;

  beforeAll(async () => {
    ensureLabelingUiBuilt();
    coordinator = await startInProcessCoordinator({
      inMemory: true,
      env: { PLAZA_UI_DIR: labelingUiDir },
    });
    await seedLabelingCampaign({
      url: coordinator.url,
      adminKey: coordinator.adminKey,
      run: coordinator.run,
      campaign: {
        id: 'stories',
        labelSchema: { kind: 'classification', classes: ['news', 'opinion', 'other'] },
        overlap: 1,
        goldFraction: 0,
        blindFraction: 0,
      },
      pages: 30,
    });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await installTestWallet(page, labeler, 31337);
  });

  afterAll(async () => {
    await browser?.close();
    await coordinator?.close();
  });

  /** Labels the item on screen by keyboard: a class key, then Enter. */
  const labelOne = async (): Promise<void> => {
    const itemId = await itemOnScreen(page);
    if (itemId === null) throw new Error('No item on screen.');
    const cls = itemId % 3;
    await answerByKeyboard(page, [String(cls + 1), 'Enter']);
    typed.set(itemId, cls);
  };

  it('signs in with the wallet by keyboard alone', async () => {
    expect(await signInByKeyboard(page, coordinator.url)).toBeGreaterThan(0);
    const sessions = await query<{ address: string }>('select address from sessions');
    expect(sessions).toEqual([{ address: labeler.address.toLowerCase() }]);
  });

  it('labels 20 items by keyboard, reloading half way, and stores each label once', async () => {
    for (let n = 0; n < 10; n++) await labelOne();
    await page.reload();
    expect(await itemOnScreen(page)).not.toBeNull();
    for (let n = 0; n < 10; n++) await labelOne();
    expect(typed.size).toBe(20);
    await waitFor(
      async () => (await page.getByTestId('outbox-pending').textContent())?.trim() === '0',
      { timeoutMs: 30_000, what: 'the outbox to drain' },
    );
    const stored = await query<{ item_id: string; labeler: string; cls: number; n: number }>(
      `select item_id::text, labeler, (value->>'class')::int as cls, count(*) over (partition by item_id)::int as n
       from labels order by item_id`,
    );
    expect(stored).toHaveLength(20);
    for (const row of stored) {
      expect(row.n).toBe(1);
      expect(row.labeler).toBe(labeler.address.toLowerCase());
      expect(row.cls).toBe(typed.get(Number(row.item_id)));
    }
  });

  it('shows the labeler their counts on their page', async () => {
    await page.goto(`${coordinator.url}/#/me`);
    const total = page.locator('dt:text-is("Labels in total") + dd');
    await expect.poll(async () => total.textContent(), { timeout: 15_000 }).toBe('20');
    expect(await page.locator('dt:text-is("Status") + dd').textContent()).toBe('Active');
  });
});
