import { Configuration } from 'crawlee';
import type { PageRequest, PageResult } from './page-fetcher.ts';

/**
 * The crawlee `Configuration` of one stateless batch: nothing persisted, nothing left from an
 * earlier batch, quiet unless asked.
 */
export function batchConfiguration(logLevel = 0): Configuration {
  return new Configuration({ persistStorage: false, purgeOnStart: true, logLevel });
}

/**
 * Runs a crawler over one batch of requests (keyed by `PageRequest.key`) and returns a result per
 * request in order; a request the crawler never settled is failed with `NOT_FETCHED`.
 */
export async function runCrawlBatch(
  crawler: {
    run: (
      requests: Array<{ url: string; uniqueKey: string; userData: { key: string } }>,
    ) => Promise<unknown>;
  },
  requests: readonly PageRequest[],
  results: ReadonlyMap<string, PageResult>,
  fail: (key: string, error: unknown) => void,
): Promise<PageResult[]> {
  await crawler.run(
    requests.map((r) => ({ url: r.url, uniqueKey: r.key, userData: { key: r.key } })),
  );
  for (const request of requests) {
    if (!results.has(request.key)) fail(request.key, new Error('NOT_FETCHED'));
  }
  return requests.map((r) => results.get(r.key) as PageResult);
}
