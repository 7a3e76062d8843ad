import type { Page } from 'playwright-core';

/**
 * Opens the web app's workspace and signs in as a keyboard user would: Tab to "Sign in with
 * Ethereum", Enter (the page's wallet answers; see `installTestWallet`). Resolves once the first
 * item is on screen.
 */
export async function signInByKeyboard(page: Page, baseUrl: string): Promise<number> {
  await page.goto(`${baseUrl}/#/label`);
  await page.getByRole('button', { name: 'Sign in with Ethereum' }).first().waitFor();
  const focusedButton = () =>
    page.evaluate(() => {
      const focused = document.activeElement;
      return focused?.tagName === 'BUTTON' ? (focused.textContent ?? '').trim() : '';
    });
  for (let tab = 0; tab < 30; tab++) {
    await page.keyboard.press('Tab');
    if ((await focusedButton()) === 'Sign in with Ethereum') break;
  }
  if ((await focusedButton()) !== 'Sign in with Ethereum') {
    throw new Error('Tab never reached the "Sign in with Ethereum" button.');
  }
  await page.keyboard.press('Enter');
  const first = await itemOnScreen(page);
  if (first === null) throw new Error(await explainScreen(page, 'No item after signing in.'));
  return first;
}

/** The id of the item on screen; null when none appears within `timeoutMs`. */
export async function itemOnScreen(page: Page, timeoutMs = 15_000): Promise<number | null> {
  const id = await page
    .locator('[data-testid="item"]')
    .first()
    .getAttribute('data-item-id', { timeout: timeoutMs })
    .catch(() => null);
  return id === null ? null : Number(id);
}

/** Presses `keys` in order on the item on screen and waits until another item (or none) shows. */
export async function answerByKeyboard(page: Page, keys: readonly string[]): Promise<number> {
  const itemId = await itemOnScreen(page);
  if (itemId === null) throw new Error(await explainScreen(page, 'No item on screen.'));
  for (const key of keys) await page.keyboard.press(key);
  await page.waitForFunction(
    (previous) =>
      document.querySelector('[data-testid="item"]')?.getAttribute('data-item-id') !==
      String(previous),
    itemId,
    { timeout: 15_000 },
  );
  return itemId;
}

/** Keypress → next item rendered, as the app measured it (`window.__plazaLatency`). */
export async function readLatencies(page: Page): Promise<Array<{ key: string; ms: number }>> {
  return page.evaluate(() => (window as { __plazaLatency?: [] }).__plazaLatency ?? []);
}

async function explainScreen(page: Page, what: string): Promise<string> {
  const text = await page
    .locator('main')
    .textContent()
    .catch(() => '(no page)');
  return `${what} The page says:\n${(text ?? '').slice(0, 2000)}`;
}
