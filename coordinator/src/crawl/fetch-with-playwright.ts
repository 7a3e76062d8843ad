import { isAllowedContentType } from '@plaza/protocol';
import { Log, PlaywrightCrawler, ProxyConfiguration } from 'crawlee';
import { chromium, type Page } from 'playwright-core';
import { keccak256 } from 'viem';
import type { ConnectLookup } from '../frontier/checking-lookup.ts';
import { FetchRefusedError } from '../frontier/fetch-text.ts';
import { errorCode } from './crawl-error-code.ts';
import { crawlLimits } from './crawl-limits.ts';
import { decodeBody } from './decode-body.ts';
import type { PageRequest, PageResult } from './page-fetcher.ts';
import { batchConfiguration, runCrawlBatch } from './run-crawl-batch.ts';
import { startPinningProxy } from './start-pinning-proxy.ts';

/** Options of {@link fetchWithPlaywright}. */
export interface FetchWithPlaywrightOptions {
  /** Checks every hop (egress policy and DNS); throws `FetchRefusedError`. */
  checkUrl: (url: string) => Promise<URL>;
  /** Debian's Chromium. */
  executablePath: string;
  proxyUrl?: string | undefined;
  /**
   * Without `proxyUrl`, the browser goes through a pinning proxy of this process that connects to
   * the addresses this lookup gives (`createCheckingLookup`), and resolves no name itself.
   */
  lookup?: ConnectLookup;
  /** Pages open at once. @default 2 */
  concurrency?: number;
  /** crawlee's log level (0 off … 5 debug). @default 0 */
  logLevel?: number;
}

/** What a page's main document answered. */
interface DocumentExchange {
  finalUrl: string;
  status: number;
  contentType: string;
  raw: Buffer | null;
}

/**
 * Fetches one batch in Debian's Chromium with crawlee's PlaywrightCrawler, stateless like
 * `fetchWithCheerio` (fresh crawler, explicit `Configuration({ persistStorage: false })`, no
 * session pool, an incognito context per page). Every request the page makes is paused at the
 * network level (CDP `Fetch`, which also sees each redirect hop, unlike `page.route`): only
 * main-frame document GETs go on, each hop checked by `checkUrl` (egress rules and DNS), at most
 * 5 redirects, without cookies; images, scripts, styles, fonts, XHR, frames and favicons are
 * failed, and no script runs. The result is the main document as served (the bytes an extension parses), refused
 * past 2 MiB, 15 s per page. Without a configured proxy, the browser reaches the web through a
 * pinning proxy (`startPinningProxy`) that connects only to the addresses the DNS check passed.
 */
export async function fetchWithPlaywright(
  requests: readonly PageRequest[],
  options: FetchWithPlaywrightOptions,
): Promise<PageResult[]> {
  if (options.proxyUrl || !options.lookup) return crawlBatch(requests, options, []);
  const proxy = await startPinningProxy({ lookup: options.lookup });
  try {
    // Chromium resolves no name itself: every hop goes through the pinning proxy (an address).
    return await crawlBatch(requests, { ...options, proxyUrl: proxy.url }, [
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ]);
  } finally {
    await proxy.close();
  }
}

async function crawlBatch(
  requests: readonly PageRequest[],
  options: FetchWithPlaywrightOptions,
  extraArgs: readonly string[],
): Promise<PageResult[]> {
  const results = new Map<string, PageResult>();
  const exchanges = new Map<string, DocumentExchange>();
  const refusals = new Map<string, string>();
  const started = new Map<string, Date>();
  const byKey = new Map(requests.map((r) => [r.key, r]));

  const settle = (key: string, error: unknown) => {
    const request = byKey.get(key);
    if (!request || results.has(key)) return;
    const refused = refusals.get(key) ?? (error === null ? null : errorCode(error));
    results.set(key, toPageResult(request, exchanges.get(key), refused, started.get(key)));
  };

  const crawler = new PlaywrightCrawler(
    {
      ...browserOptions(options, extraArgs),
      preNavigationHooks: [
        async ({ page, request }, gotoOptions) => {
          const key = String(request.userData.key);
          started.set(key, new Date());
          await guardPage(page, options.checkUrl, (code) => refusals.set(key, code));
          // The document's bytes are the result: no need to wait for it to render.
          if (gotoOptions) gotoOptions.waitUntil = 'commit';
        },
      ],
      requestHandler: async ({ request, response }) => {
        const key = String(request.userData.key);
        if (response) {
          const headers = await response.allHeaders();
          exchanges.set(key, {
            finalUrl: response.url(),
            status: response.status(),
            contentType: headers['content-type'] ?? '',
            raw: await response.body(),
          });
        }
        settle(key, null);
      },
      failedRequestHandler: ({ request }, error) => {
        settle(String(request.userData.key), error);
      },
    },
    batchConfiguration(options.logLevel ?? 0),
  );
  return runCrawlBatch(crawler, requests, results, settle);
}

/** A page's result from its document exchange (if any) and the refusal or error that ended it. */
function toPageResult(
  request: PageRequest,
  exchange: DocumentExchange | undefined,
  refused: string | null,
  fetchedAt: Date | undefined,
): PageResult {
  const raw = exchange?.raw ?? null;
  const contentType = exchange?.contentType ?? '';
  const typeError = raw && !isAllowedContentType(contentType) ? 'CONTENT_TYPE_REFUSED' : null;
  const sizeError = raw && raw.byteLength > crawlLimits.maxBodyBytes ? 'TOO_LARGE' : null;
  const failure = refused ?? sizeError ?? typeError ?? (raw ? null : 'NETWORK_ERROR');
  return {
    key: request.key,
    url: request.url,
    finalUrl: exchange?.finalUrl ?? request.url,
    status: exchange?.status ?? 0,
    contentType,
    body: failure === null && raw ? decodeBody(raw, contentType) : null,
    bytes: raw?.byteLength ?? 0,
    bodyHash: failure === null && raw ? keccak256(raw) : null,
    error: failure,
    fetchedAt: fetchedAt ?? new Date(),
  };
}

/** The crawler's browser, proxy and limits: stateless, no retries, no cookies kept. */
function browserOptions(options: FetchWithPlaywrightOptions, extraArgs: readonly string[]) {
  return {
    launchContext: {
      launcher: chromium,
      useIncognitoPages: true,
      launchOptions: {
        executablePath: options.executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--disable-component-update',
          '--disable-background-networking',
          '--no-first-run',
          '--disable-sync',
          ...extraArgs,
        ],
      },
    },
    browserPoolOptions: { useFingerprints: false },
    ...(options.proxyUrl
      ? { proxyConfiguration: new ProxyConfiguration({ proxyUrls: [options.proxyUrl] }) }
      : {}),
    log: new Log({ level: options.logLevel ?? 0, prefix: 'crawlee' }),
    useSessionPool: false,
    persistCookiesPerSession: false,
    maxRequestRetries: 0,
    maxConcurrency: options.concurrency ?? 2,
    navigationTimeoutSecs: crawlLimits.timeoutMs / 1000,
    requestHandlerTimeoutSecs: 30,
  };
}

/**
 * Intercepts every request of a page at the network level (redirect hops included): only
 * main-frame document GETs go on, each hop checked; a refused hop's code goes to `onRefused`.
 */
async function guardPage(
  page: Page,
  checkUrl: FetchWithPlaywrightOptions['checkUrl'],
  onRefused: (code: string) => void,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const mainFrameId = frameTree.frame.id;
  let hops = 0;
  cdp.on('Fetch.requestPaused', (event) => {
    void (async () => {
      const block = (reason: 'BlockedByClient' | 'AccessDenied' = 'BlockedByClient') =>
        cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: reason });
      if (
        event.request.method !== 'GET' ||
        event.resourceType !== 'Document' ||
        event.frameId !== mainFrameId
      ) {
        await block();
        return;
      }
      try {
        if (hops++ > crawlLimits.maxRedirects) {
          throw new FetchRefusedError('TOO_MANY_REDIRECTS', event.request.url);
        }
        await checkUrl(event.request.url);
        // No cookie ever leaves: a hop's Set-Cookie must not ride along on the next one.
        const headers = Object.entries(event.request.headers)
          .filter(([name]) => name.toLowerCase() !== 'cookie')
          .map(([name, value]) => ({ name, value: String(value) }));
        await cdp.send('Fetch.continueRequest', { requestId: event.requestId, headers });
      } catch (error) {
        onRefused(errorCode(error));
        await block();
      }
    })().catch(() => {
      // The page closed while the request was paused: nothing left to answer.
    });
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
  // The result is the document as served, so no script needs to run; and one that did could
  // send a request while the page is torn down, after this session stopped pausing them.
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
}
