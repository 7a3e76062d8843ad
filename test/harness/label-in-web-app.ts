import type { Browser, Page } from 'playwright-core';
import type { PrivateKeyAccount } from 'viem/accounts';
import { answerByKeyboard, itemOnScreen, signInByKeyboard } from './labeling-page.ts';
import { installTestWallet } from './test-wallet.ts';
import { waitFor } from './wait-for.ts';

/** Options of {@link labelInWebApp}. */
export interface LabelInWebAppOptions {
  /** A plain Chromium; the labeler gets a context of their own (storage, wallet). */
  browser: Browser;
  /** The coordinator serving the web app. */
  baseUrl: string;
  labeler: PrivateKeyAccount;
  chainId: number;
  /** The class (0-based) this labeler gives an item. */
  choose: (itemId: number) => number;
  /** Called after each label with the count so far. */
  onLabel?: (count: number) => void;
  /** Stop after this many labels. @default no limit */
  max?: number;
}

/**
 * One labeler's session in the web app: a fresh browser context with the labeler's wallet
 * (`installTestWallet`), sign-in with Ethereum by keyboard, then the class key and Enter on every
 * item the app shows, until it has no task left (or `max`) and its outbox is empty. Resolves with
 * the class typed for each item.
 */
export async function labelInWebApp(options: LabelInWebAppOptions): Promise<Map<number, number>> {
  const context = await options.browser.newContext();
  const typed = new Map<number, number>();
  try {
    const page = await context.newPage();
    await installTestWallet(page, options.labeler, options.chainId);
    await signInByKeyboard(page, options.baseUrl);
    for (;;) {
      if (options.max !== undefined && typed.size >= options.max) break;
      const itemId = await nextItem(page);
      if (itemId === null) break;
      const cls = options.choose(itemId);
      await answerByKeyboard(page, [String(cls + 1), 'Enter']);
      if (typed.has(itemId)) throw new Error(`The app showed item ${itemId} twice.`);
      typed.set(itemId, cls);
      options.onLabel?.(typed.size);
    }
    await waitFor(
      async () => (await page.getByTestId('outbox-pending').textContent())?.trim() === '0',
      { timeoutMs: 30_000, what: `${options.labeler.address}'s outbox to drain` },
    );
    return typed;
  } finally {
    await context.close();
  }
}

/** The item on screen, or null once the app says there is no task left. */
async function nextItem(page: Page): Promise<number | null> {
  await page
    .locator('[data-testid="item"], [data-testid="no-tasks"]')
    .first()
    .waitFor({ timeout: 30_000 });
  if (await page.getByTestId('no-tasks').isVisible()) return null;
  return itemOnScreen(page);
}
