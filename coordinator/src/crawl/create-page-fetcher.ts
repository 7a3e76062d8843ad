import type { Config } from '../config.ts';
import { createCheckingLookup } from '../frontier/checking-lookup.ts';
import type { ResolveCache } from '../frontier/resolve-cache.ts';
import type { Resolver } from '../frontier/resolve-check.ts';
import { checkCrawlUrl } from './check-crawl-url.ts';
import type { PageFetcher, PageRequest, PageResult } from './page-fetcher.ts';

/** crawlee's log levels (OFF 0, ERROR 1, WARNING 3, DEBUG 5) for the coordinator's. */
const CRAWLEE_LOG_LEVELS = { silent: 0, error: 1, warn: 3, info: 3, debug: 5 } as const;

/**
 * The coordinator's {@link PageFetcher}: crawlee's CheerioCrawler for `http`, PlaywrightCrawler
 * with `PLAZA_CHROMIUM_PATH` for `browser`, through `PLAZA_CRAWL_PROXY_URL` when set, every hop
 * checked against the egress policy and the DNS check (`checkCrawlUrl`), and every direct
 * connection made to the addresses that check passed (`createCheckingLookup`: DNS rebinding
 * between the check and the connection finds nothing new to connect to). crawlee is loaded on
 * first use, so a coordinator that never crawls never loads it. A URL asked twice in one batch is
 * fetched once.
 *
 * @example
 * const fetchPages = createPageFetcher(deps);
 * const [page] = await fetchPages([{ key: 'a', url: 'https://news.example.com/a' }], 'http');
 */
export function createPageFetcher(deps: {
  config: Pick<Config, 'PLAZA_CRAWL_PROXY_URL' | 'PLAZA_CHROMIUM_PATH' | 'PLAZA_LOG_LEVEL'>;
  resolver: Resolver;
  resolveCache?: ResolveCache;
}): PageFetcher {
  const checkUrl = (url: string) => checkCrawlUrl(url, deps);
  const common = {
    checkUrl,
    lookup: createCheckingLookup(deps),
    proxyUrl: deps.config.PLAZA_CRAWL_PROXY_URL,
    logLevel: CRAWLEE_LOG_LEVELS[deps.config.PLAZA_LOG_LEVEL],
  };
  return async (requests, mode) => {
    const unique = new Map<string, PageRequest>();
    for (const request of requests) if (!unique.has(request.url)) unique.set(request.url, request);
    if (unique.size === 0) return [];
    let fetched: PageResult[];
    if (mode === 'browser') {
      const { fetchWithPlaywright } = await import('./fetch-with-playwright.ts');
      fetched = await fetchWithPlaywright([...unique.values()], {
        ...common,
        executablePath: deps.config.PLAZA_CHROMIUM_PATH,
      });
    } else {
      const { fetchWithCheerio } = await import('./fetch-with-cheerio.ts');
      fetched = await fetchWithCheerio([...unique.values()], common);
    }
    const byUrl = new Map(fetched.map((result) => [result.url, result]));
    return requests.map((request) => ({ ...byUrl.get(request.url)!, key: request.key }));
  };
}
