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
  /**
   * The tasks this labeler is known to have (every item of the campaign, when it labels them
   * all): "No tasks right now" is then a moment's answer while others hold leases, waited out
   * (the app checks again by itself) until this many are labelled. @default unknown: the first
   * empty answer to "Check now" ends the session
   */
  expected?: number;
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
      const itemId =
        options.expected !== undefined && typed.size < options.expected
          ? await awaitItem(page, `${options.labeler.address}'s task ${typed.size + 1}`)
          : await nextItem(page);
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

/**
 * The item on screen, or null once the coordinator has no task left for this labeler. "No tasks
 * right now" can be a moment's answer (the app checks again by itself), so it is asked once more
 * through the app's own "Check now", and only an empty answer to that ends the session.
 */
async function nextItem(page: Page): Promise<number | null> {
  const shown = page.locator('[data-testid="item"], [data-testid="no-tasks"]').first();
  await shown.waitFor({ timeout: 30_000 });
  if (!(await page.getByTestId('no-tasks').isVisible())) return itemOnScreen(page);
  const answer = page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/v1/labeling/tasks' &&
      response.request().method() === 'POST',
    { timeout: 30_000 },
  );
  await page.getByTestId('no-tasks').getByRole('button', { name: 'Check now' }).click();
  const response = await answer;
  const body = (await response.json().catch(() => null)) as { tasks?: unknown[] } | null;
  if (response.status() !== 200) {
    throw new Error(`Leasing tasks answered ${response.status()}: ${JSON.stringify(body)}`);
  }
  if ((body?.tasks ?? []).length === 0) return null;
  await page.getByTestId('item').waitFor({ timeout: 30_000 });
  return itemOnScreen(page);
}

/**
 * The next item, waiting out "No tasks right now" while the app checks again by itself (every
 * 2–30 s); fails after two minutes without one.
 */
async function awaitItem(page: Page, what: string): Promise<number | null> {
  try {
    await page.getByTestId('item').waitFor({ timeout: 120_000 });
  } catch {
    throw new Error(`The web app showed no task for ${what} within 120 s.`);
  }
  return itemOnScreen(page);
}
