import { isAllowedContentType } from '@plaza/protocol';
import { CheerioCrawler, GotScrapingHttpClient, Log, ProxyConfiguration } from 'crawlee';
import { keccak256 } from 'viem';
import type { ConnectLookup } from '../frontier/checking-lookup.ts';
import { FetchRefusedError } from '../frontier/fetch-text.ts';
import { errorCode, isContentTypeError } from './crawl-error-code.ts';
import { crawlLimits } from './crawl-limits.ts';
import { decodeBody } from './decode-body.ts';
import { createGuardedHttpClient, type GuardedExchange } from './guarded-http-client.ts';
import type { PageRequest, PageResult } from './page-fetcher.ts';
import { batchConfiguration, runCrawlBatch } from './run-crawl-batch.ts';

/** Options of {@link fetchWithCheerio}. */
export interface FetchWithCheerioOptions {
  /** Checks every hop (egress policy and DNS); throws `FetchRefusedError`. */
  checkUrl: (url: string) => Promise<URL>;
  /** Forward proxy the requests go through; direct when undefined. */
  proxyUrl?: string | undefined;
  /** Addresses of a direct connection: only those the DNS check passed (`createCheckingLookup`). */
  lookup?: ConnectLookup;
  /** Pages fetched at once. @default 8 */
  concurrency?: number;
  /** crawlee's log level (0 off … 5 debug). @default 0 */
  logLevel?: number;
}

/** Every 5xx status, so the handler sees them like 4xx instead of crawlee retrying them. */
const SERVER_ERRORS = Array.from({ length: 100 }, (_, i) => 500 + i);

/**
 * Fetches one batch with crawlee's CheerioCrawler used as a stateless worker: a fresh crawler and
 * an explicit `Configuration({ persistStorage: false })` per batch (nothing on disk, no queue
 * outliving the call; the coordinator's database is the only queue), no session pool, no cookies,
 * redirects followed by hand under the egress policy (`createGuardedHttpClient`), bodies capped at
 * 2 MiB, 15 s per page, one retry for network failures only. Content types outside the policy's
 * list are refused. Returns one result per request.
 */
export async function fetchWithCheerio(
  requests: readonly PageRequest[],
  options: FetchWithCheerioOptions,
): Promise<PageResult[]> {
  const results = new Map<string, PageResult>();
  const exchanges = new Map<string, GuardedExchange>();
  const started = new Map<string, Date>();
  const byKey = new Map(requests.map((r) => [r.key, r]));
  const fail = (key: string, error: unknown) => {
    const request = byKey.get(key);
    if (!request || results.has(key)) return;
    const exchange = exchanges.get(request.url);
    results.set(key, {
      key,
      url: request.url,
      finalUrl: exchange?.finalUrl ?? request.url,
      status: exchange?.status ?? 0,
      contentType: exchange?.contentType ?? '',
      body: null,
      bytes: exchange?.bytes ?? 0,
      bodyHash: null,
      error: errorCode(error),
      fetchedAt: started.get(key) ?? new Date(),
    });
  };

  const crawler = new CheerioCrawler(
    {
      httpClient: createGuardedHttpClient({
        inner: new GotScrapingHttpClient(),
        checkUrl: options.checkUrl,
        ...(options.lookup ? { lookup: options.lookup } : {}),
        maxBytes: crawlLimits.maxBodyBytes,
        maxRedirects: crawlLimits.maxRedirects,
        exchanges,
      }),
      ...(options.proxyUrl
        ? { proxyConfiguration: new ProxyConfiguration({ proxyUrls: [options.proxyUrl] }) }
        : {}),
      log: new Log({ level: options.logLevel ?? 0, prefix: 'crawlee' }),
      useSessionPool: false,
      persistCookiesPerSession: false,
      maxRequestRetries: 1,
      minConcurrency: options.concurrency ?? 8,
      maxConcurrency: options.concurrency ?? 8,
      navigationTimeoutSecs: crawlLimits.timeoutMs / 1000,
      requestHandlerTimeoutSecs: 30,
      additionalMimeTypes: ['text/plain'],
      ignoreHttpErrorStatusCodes: SERVER_ERRORS,
      preNavigationHooks: [
        ({ request }) => {
          started.set(String(request.userData.key), new Date());
        },
        ({ request }) => {
          // Only GET leaves, whatever a request says.
          if (request.method !== 'GET')
            throw new FetchRefusedError('METHOD_FORBIDDEN', request.url);
        },
      ],
      requestHandler: async ({ request, response, body }) => {
        const key = String(request.userData.key);
        const exchange = exchanges.get(request.url);
        const contentType = exchange?.contentType ?? String(response.headers['content-type'] ?? '');
        if (!isAllowedContentType(contentType)) {
          fail(key, new FetchRefusedError('CONTENT_TYPE_REFUSED', request.url));
          return;
        }
        const raw = exchange?.raw ?? Buffer.from(String(body));
        results.set(key, {
          key,
          url: request.url,
          finalUrl: exchange?.finalUrl ?? request.loadedUrl ?? request.url,
          status: response.statusCode ?? 0,
          contentType,
          body: exchange?.raw ? decodeBody(exchange.raw, contentType) : String(body),
          bytes: raw.byteLength,
          bodyHash: keccak256(raw),
          error: null,
          fetchedAt: started.get(key) ?? new Date(),
        });
      },
      errorHandler: ({ request }, error) => {
        // Refusals and oversized bodies will not change on a retry.
        if (error instanceof FetchRefusedError || isContentTypeError(error)) request.noRetry = true;
      },
      failedRequestHandler: ({ request }, error) => {
        fail(String(request.userData.key), error);
      },
    },
    batchConfiguration(options.logLevel ?? 0),
  );
  return runCrawlBatch(crawler, requests, results, fail);
}
