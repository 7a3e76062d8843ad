import { sql } from 'drizzle-orm';
import { activatePublished } from '../chain/activate-published.ts';
import { indexChain } from '../chain/index-chain.ts';
import { createPageFetcher } from '../crawl/create-page-fetcher.ts';
import { createServerCrawler } from '../crawl/create-server-crawler.ts';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import type { Deps } from '../deps.ts';
import { loadSitemaps } from '../frontier/load-sitemaps.ts';
import { refreshHosts } from '../frontier/refresh-hosts.ts';
import { resolveRedirects } from '../frontier/resolve-redirects.ts';
import { aggregateCampaign } from '../labeling/aggregate-campaign.ts';
import { syncTasks } from '../labeling/sync-tasks.ts';
import { deleteOldJobs } from '../leases/delete-old-jobs.ts';
import { expireLeases } from '../leases/expire-leases.ts';
import { trainModels } from '../prelabel/train-models.ts';
import { runVerification } from '../verify/run-verification.ts';

/** A periodic task: runs, waits `everyMs`, runs again, until stopped. Errors are logged, not fatal. */
interface Loop {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

/**
 * Starts the coordinator's background work: lease expiry and job retention, robots.txt and DNS checks of new hosts,
 * sitemap loading, resolving opaque redirects, turning items into labeling tasks and aggregating
 * labels, campaign model training (`PLAZA_PRELABEL`), verification re-fetches (`PLAZA_VERIFY`)
 * and server crawling (`PLAZA_SERVER_CRAWL`).
 * Every loop is safe to run in many processes at once. Returns `stop`, which waits for running
 * iterations to finish.
 */
export function runLoops(deps: Deps): { stop: () => Promise<void> } {
  // crawlee workers (verification re-fetches, server crawling): stateless, loaded on first use.
  const fetchPages = createPageFetcher(deps);
  const serverCrawler = createServerCrawler(deps, fetchPages);
  const loops: Loop[] = [
    { name: 'expire-leases', everyMs: 2_000, run: () => expireLeases(deps) },
    { name: 'delete-old-jobs', everyMs: 60_000, run: () => deleteOldJobs(deps) },
    { name: 'refresh-hosts', everyMs: 1_000, run: () => refreshHosts(deps) },
    { name: 'load-sitemaps', everyMs: 5_000, run: () => loadSitemaps(deps) },
    { name: 'resolve-redirects', everyMs: 2_000, run: () => resolveRedirects(deps) },
    { name: 'sync-label-tasks', everyMs: 2_000, run: () => syncTasks(deps) },
    ...(deps.publisher
      ? [
          {
            name: 'index-chain',
            everyMs: 2_000,
            run: () => {
              const publisher = deps.publisher as NonNullable<Deps['publisher']>;
              return indexChain(deps, {
                client: publisher.client,
                chainId: publisher.chainId,
                plaza: publisher.plaza,
                confirmations: publisher.confirmations,
              });
            },
          },
          { name: 'activate-versions', everyMs: 2_000, run: () => activatePublished(deps) },
        ]
      : []),
    {
      name: 'aggregate-labels',
      everyMs: deps.config.PLAZA_AGGREGATE_SECONDS * 1000,
      run: () => aggregateAll(deps),
    },
    ...(deps.config.PLAZA_PRELABEL
      ? [
          {
            name: 'train-models',
            everyMs: deps.config.PLAZA_PRELABEL_TRAIN_SECONDS * 1000,
            run: () => trainModels(deps),
          },
        ]
      : []),
    ...(deps.config.PLAZA_VERIFY
      ? [{ name: 'verify', everyMs: 1_000, run: () => runVerification(deps, { fetchPages }) }]
      : []),
    ...(deps.config.PLAZA_SERVER_CRAWL
      ? [{ name: 'server-crawl', everyMs: 1_000, run: () => serverCrawler.run() }]
      : []),
    // PGlite has no autovacuum, so its planner would never learn the tables' sizes.
    ...(deps.db.dialect === 'pglite'
      ? [{ name: 'analyze', everyMs: 60_000, run: () => deps.db.rows(sql`analyze`) }]
      : []),
  ];
  let stopped = false;
  const running = loops.map(async (loop) => {
    while (!stopped) {
      try {
        await loop.run();
      } catch (error) {
        // A database restart fails every loop until it is back: one line each, not a stack.
        if (isDatabaseUnavailable(error)) {
          deps.logger.warn('background loop waits for the database', { loop: loop.name });
        } else deps.logger.error('background loop failed', { loop: loop.name, err: error });
      }
      await sleepUnlessStopped(loop.everyMs, () => stopped);
    }
  });
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

async function sleepUnlessStopped(ms: number, isStopped: () => boolean) {
  const step = 100;
  for (let waited = 0; waited < ms && !isStopped(); waited += step) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(step, ms - waited)));
  }
}

/** Aggregates the labels of every active campaign whose labels changed since its last run. */
async function aggregateAll(deps: Deps): Promise<void> {
  const active = await deps.db.rows<{ id: string }>(
    sql`select id from campaigns where status = 'active'
        and exists (select 1 from labels l where l.campaign_id = campaigns.id)`,
  );
  for (const campaign of active) await aggregateCampaign(deps, campaign.id);
}
