import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '@plaza/test-kit/env';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

/** The one extension API the harness calls inside extension pages. */
declare const chrome: {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(values: Record<string, unknown>): Promise<void>;
    };
  };
};

const extensionRoot = fileURLToPath(new URL('../../extension/', import.meta.url));
/** The production Chrome build the tests load, as a user would (Load unpacked). */
export const extensionDir = join(extensionRoot, 'build/chrome-mv3-prod');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds the extension (Chrome target) when the build is missing or older than its sources, so
 * the specs always test the code in the tree.
 */
export function ensureExtensionBuilt(): void {
  const manifest = join(extensionDir, 'manifest.json');
  const sources = Math.max(
    newestMtime(join(extensionRoot, 'src')),
    newestMtime(join(extensionRoot, 'assets')),
    statSync(join(extensionRoot, 'package.json')).mtimeMs,
    // The extension bundles the protocol and the extractor: a change there needs a new build.
    newestMtime(fileURLToPath(new URL('../../coordinator/protocol/src/', import.meta.url))),
    newestMtime(fileURLToPath(new URL('../../coordinator/extract/src/', import.meta.url))),
  );
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return;
  execFileSync('pnpm', ['exec', 'plasmo', 'build'], { cwd: extensionRoot, stdio: 'pipe' });
}

/** An entry of the extension's activity log, as the specs read it. */
export interface ActivityRecord {
  kind: 'page' | 'robots';
  url: string;
  finalUrl?: string;
  status: number;
  bytes: number;
  ms: number;
  outcome: string;
  code?: string;
  jobId?: string;
  receipt?: string;
}

/** A receipt the extension stored. */
export interface ReceiptRecord {
  jobId: string;
  url: string;
  outcome: string;
  receipt?: { contributionId: string; jobId: string; outcome: string };
  error?: { code: string };
}

/** Chromium with the built extension loaded. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (the current one: it may be restarted). */
  worker: () => Promise<Worker>;
  /** Opens an extension page, e.g. `popup.html`. */
  openPage: (path: string) => Promise<Page>;
  /** Writes settings through extension storage, as the options page does. */
  setSettings: (patch: Record<string, unknown>) => Promise<void>;
  /** Wakes the worker now, as the popup does, instead of at its next alarm. */
  kick: () => Promise<void>;
  /** Reads one key of `storage.local`. */
  storage: (key: string) => Promise<unknown>;
  /** Every entry of the extension's activity log (IndexedDB), oldest first. */
  activity: () => Promise<ActivityRecord[]>;
  /** The receipts the extension stored, one per submitted job. */
  receipts: () => Promise<ReceiptRecord[]>;
  /** Signed batches waiting in the outbox. */
  outbox: () => Promise<Record<string, unknown>[]>;
  /** Stops the service worker (as Chrome does when idle); the next event starts it again. */
  stopWorker: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Launches Debian's Chromium headless with the extension, its traffic sent through the fixture
 * internet's proxy. `--proxy-bypass-list=<-loopback>` removes Chromium's implicit loopback bypass,
 * so even `http://127.0.0.1/` or `http://localhost/` would reach the proxy and be recorded; only
 * the coordinator's exact origin (`bypass`) goes direct.
 */
export async function launchExtensionBrowser(
  options: LaunchExtensionBrowserOptions,
): Promise<ExtensionBrowser> {
  ensureExtensionBuilt();
  const userDataDir = mkdtempSync(join(tmpdir(), 'plaza-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(options),
  });
  const firstWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(firstWorker.url()).host;
  const openPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  // Reads go through an extension page, not the worker: a page does not wake a stopped worker.
  let helper: Promise<Page> | null = null;
  const helperPage = () => {
    helper ??= openPage('tabs/activity.html');
    return helper;
  };
  return {
    context,
    extensionId,
    worker: async () => {
      const live = context.serviceWorkers().find((w) => w.url().includes(extensionId));
      return live ?? (await context.waitForEvent('serviceworker'));
    },
    openPage,
    setSettings: async (patch) => setExtensionSettings(await helperPage(), patch),
    kick: async () => {
      const page = await helperPage();
      await page.evaluate(
        `chrome.runtime.sendMessage({ target: 'worker', type: 'kick' }).catch(() => null)`,
      );
    },
    storage: async (key) => {
      const page = await helperPage();
      return page.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
    },
    activity: async () => readExtensionStore<ActivityRecord>(await helperPage(), 'activity'),
    receipts: async () => readExtensionStore<ReceiptRecord>(await helperPage(), 'receipts'),
    outbox: async () => readExtensionStore<Record<string, unknown>>(await helperPage(), 'outbox'),
    stopWorker: async () => stopServiceWorker(context, await helperPage(), extensionId),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Options of {@link launchExtensionBrowser}. */
export interface LaunchExtensionBrowserOptions {
  proxyUrl: string;
  /** `127.0.0.1:PORT` entries that go direct (the coordinator). */
  bypass: string[];
  /** More Chromium switches, e.g. `--enable-unsafe-webgpu` (a SwiftShader WebGPU adapter). */
  extraArgs?: string[];
}

/** Chromium's switches: the extension loaded, background traffic off, everything via the proxy. */
function chromiumArgs(options: LaunchExtensionBrowserOptions): string[] {
  return [
    '--no-sandbox',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--disable-background-networking',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--no-pings',
    '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
    `--proxy-server=${options.proxyUrl}`,
    `--proxy-bypass-list=${['<-loopback>', ...options.bypass].join(';')}`,
    ...(options.extraArgs ?? []),
  ];
}

/**
 * Merges `patch` into the stored settings, through an extension page that never talks to the
 * coordinator (the options page does).
 */
async function setExtensionSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (values) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({
      settings: { version: 1, ...(settings as object), ...values },
    });
  }, patch);
}

/** Every record of one object store of the extension's IndexedDB, read in an extension page. */
async function readExtensionStore<T>(page: Page, store: string): Promise<T[]> {
  // A string: the test package has no DOM types.
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('plaza');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)}).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    };
  })`)) as T[];
}

/** Stops the extension's service worker over CDP and resolves once Chromium reports it stopped. */
async function stopServiceWorker(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const stopped = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The service worker did not stop in 10 s.')),
      10_000,
    );
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.filter((v) => v.scriptURL.includes(extensionId));
      if (ours.length > 0 && ours.every((v) => v.runningStatus === 'stopped')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}
