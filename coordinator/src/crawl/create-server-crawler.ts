import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import type { PageFetcher } from './page-fetcher.ts';
import { registerServerWorker, type ServerWorker } from './register-server-worker.ts';
import { runServerCrawlRound, type ServerCrawlRoundResult } from './run-server-crawl-round.ts';

/**
 * The server crawl loop's body: registers the worker device on first use (again after a failure),
 * then runs rounds back to back while they lease work, for at most `budgetMs`.
 *
 * @example
 * const crawler = createServerCrawler(deps, createPageFetcher(deps));
 * await crawler.run(); // { leased, submitted, abandoned }
 */
export function createServerCrawler(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'metrics' | 'logger' | 'ingestPool'>,
  fetchPages: PageFetcher,
  options: { budgetMs?: number } = {},
): { run: () => Promise<ServerCrawlRoundResult> } {
  let worker: Promise<ServerWorker> | null = null;
  return {
    async run() {
      const wanted = await deps.db.rows(
        sql`select 1 from campaigns
            where status = 'active' and coalesce((spec->>'serverCrawl')::boolean, false) limit 1`,
      );
      // The worker device is registered only once a campaign asks for server crawling.
      if (wanted.length === 0) return { leased: 0, submitted: 0, abandoned: 0 };
      worker ??= registerServerWorker(deps).catch((error: unknown) => {
        worker = null;
        throw error;
      });
      const signer = await worker;
      const started = Date.now();
      const total: ServerCrawlRoundResult = { leased: 0, submitted: 0, abandoned: 0 };
      for (;;) {
        const round = await runServerCrawlRound(deps, { fetchPages, worker: signer });
        total.leased += round.leased;
        total.submitted += round.submitted;
        total.abandoned += round.abandoned;
        if (round.leased === 0 || Date.now() - started >= (options.budgetMs ?? 10_000))
          return total;
      }
    },
  };
}
