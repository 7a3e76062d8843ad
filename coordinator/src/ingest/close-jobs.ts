import type { Db, PlazaTransaction } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { OPAQUE_REDIRECT } from '../frontier/resolve-redirects.ts';
import type { FreshItem } from './check-jobs.ts';
import { pgArray } from './find-candidates.ts';

/**
 * Closes what the fresh items answered, in one statement: their jobs become `submitted`; their
 * URLs `done` (an opaque redirect keeps `OPAQUE_REDIRECT` as its reason, for the loop that
 * resolves it); and each host may be fetched again after the campaign's delay or its
 * Crawl-delay, whichever is longer.
 */
export async function closeJobs(
  db: Db,
  tx: PlazaTransaction,
  params: { fresh: readonly FreshItem[]; specs: ReadonlyMap<string, CampaignSpec>; now: Date },
): Promise<void> {
  const { fresh, specs } = params;
  const delayByHost = new Map<string, number>();
  for (const { job } of fresh) {
    const delay = specs.get(job.campaignId)?.politeness.minDelayMs ?? 1000;
    delayByHost.set(job.host, Math.max(delayByHost.get(job.host) ?? 0, delay));
  }
  const hostNames = [...delayByHost.keys()].sort();
  const now = params.now.toISOString();
  await db.rows(
    sql`
      with closed_jobs as (
        update jobs set state = 'submitted'
        where id = any(${pgArray(fresh.map((f) => f.job.id))}::text[])
        returning id
      ),
      done_urls as (
        update frontier_urls f set
          status = case when f.status = 'leased' then 'done' else f.status end,
          lease_expires_at = case when f.status = 'leased' then null else f.lease_expires_at end,
          updated_at = case when f.status = 'leased' then ${now}::timestamptz else f.updated_at end,
          reason = case when v.redirected then ${OPAQUE_REDIRECT} else f.reason end
        from unnest(
          ${pgArray(fresh.map((f) => f.job.frontierUrlId))}::bigint[],
          ${pgArray(fresh.map((f) => String(f.prepared.item.httpStatus === 0)))}::boolean[]
        ) as v(id, redirected)
        where f.id = v.id and (f.status = 'leased' or v.redirected)
        returning f.id
      ),
      reopened_hosts as (
        update hosts set next_fetch_at = ${now}::timestamptz
          + (greatest(hosts.crawl_delay_ms, v.delay) * interval '1 millisecond')
        from unnest(
          ${`{${hostNames.map((h) => `"${h}"`).join(',')}}`}::text[],
          ${pgArray(hostNames.map((h) => delayByHost.get(h)!))}::int[]
        ) as v(host, delay)
        where hosts.host = v.host
        returning hosts.host
      )
      select (select count(*) from closed_jobs) as jobs,
             (select count(*) from done_urls) as urls,
             (select count(*) from reopened_hosts) as hosts`,
    tx,
  );
}
