import { randomUUID } from 'node:crypto';
import type { Job } from '@plaza/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { withRetry } from '../db/with-transaction-retry.ts';
import type { Deps } from '../deps.ts';
import type { LeaseQueue } from './lease-queue.ts';
import { closePickedHostsSql, extractionOf, readyHostsSql } from './ready-hosts-sql.ts';

export interface LeaseJobsParams {
  device: string;
  max: number;
  campaignId?: string | undefined;
}

export interface LeaseJobsResult {
  lease: { id: string; expiresAt: string; jobs: Job[] };
  retryAfterMs?: number;
}

/** How long a device that got nothing should wait before asking again. */
export const EMPTY_LEASE_RETRY_MS = 5_000;

/**
 * Leases up to `max` jobs to a device, at most one per host, and only from hosts whose politeness
 * window has passed and whose robots.txt is known.
 *
 * Without a campaign, and with a ready queue (`PLAZA_LEASE_QUEUE_SIZE`), the jobs come from this
 * process's claimed URLs (`createLeaseQueue`). Otherwise (a campaign named, or no queue):
 *
 * One prepared statement (planned once per connection), so one round trip and one atomic step:
 * ready hosts come from a partial index
 * (`has_queued`, robots known, not refused), oldest window first, locked with
 * `FOR UPDATE SKIP LOCKED` so any number of coordinator processes lease disjoint hosts at once;
 * each gets its first queued URL; the URLs become leased, the hosts stay closed until the lease
 * expires or the job is submitted, and their `has_queued` flag is recomputed (a host found empty
 * is cleared, unless the lease was filtered to one campaign); the lease and its jobs are inserted.
 */
export async function leaseJobs(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'metrics'> & Partial<Pick<Deps, 'leaseQueue'>>,
  params: LeaseJobsParams,
): Promise<LeaseJobsResult> {
  // A lease for any campaign comes from the ready queue; one for a campaign runs the statement.
  const lease =
    deps.leaseQueue && !params.campaignId
      ? await takeFromQueue(deps.leaseQueue, params)
      : await leaseByStatement(deps, params);
  deps.metrics.jobsLeased.inc(lease.jobs.length);
  return {
    lease,
    ...(lease.jobs.length === 0 ? { retryAfterMs: EMPTY_LEASE_RETRY_MS } : {}),
  };
}

/** A lease served from this process's ready queue. */
async function takeFromQueue(
  queue: LeaseQueue,
  params: LeaseJobsParams,
): Promise<LeaseJobsResult['lease']> {
  const taken = await queue.take({ device: params.device, max: params.max });
  return { id: taken.leaseId, expiresAt: taken.expiresAt.toISOString(), jobs: taken.jobs };
}

/** A lease chosen, written and answered by one prepared statement. */
async function leaseByStatement(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  params: LeaseJobsParams,
): Promise<LeaseJobsResult['lease']> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.PLAZA_LEASE_TTL_SECONDS * 1000);
  const leaseId = randomUUID();
  const rows = await withRetry(() =>
    deps.db.prepared<{
      job_id: string;
      campaign_id: string;
      url: string;
      extraction: string | null;
    }>(leaseStatement({ ...params, leaseId, nowIso: now.toISOString(), expiresAt })),
  );
  const jobs: Job[] = rows.map((r) => ({
    jobId: r.job_id,
    campaignId: r.campaign_id,
    url: r.url,
    extraction: extractionOf(r.extraction),
  }));
  return { id: leaseId, expiresAt: expiresAt.toISOString(), jobs };
}

/** The lease statement: the shared ready-host choice, then the URLs, hosts, lease and jobs. */
function leaseStatement(
  params: LeaseJobsParams & { leaseId: string; nowIso: string; expiresAt: Date },
): SQL {
  const { leaseId, nowIso, device } = params;
  const expiresIso = params.expiresAt.toISOString();
  const campaignFilter = params.campaignId ? sql`and f.campaign_id = ${params.campaignId}` : sql``;
  return sql`${readyHostsSql({ nowIso, limit: params.max, urlFilter: campaignFilter })},
      leased_urls as (
        update frontier_urls set
          status = 'leased',
          attempts = attempts + 1,
          lease_expires_at = ${expiresIso},
          updated_at = ${nowIso}
        where id in (select id from picked where id is not null)
        returning id
      )${closePickedHostsSql({
        closedUntilIso: expiresIso,
        emptyHasQueued: params.campaignId ? sql`h.has_queued` : sql`false`,
      })},
      new_lease as (
        insert into leases (id, device_address, created_at, expires_at)
        select ${leaseId}, ${device}, ${nowIso}, ${expiresIso}
        where exists (select 1 from picked where id is not null)
        returning id
      ),
      new_jobs as (
        insert into jobs (id, lease_id, frontier_url_id, campaign_id, device_address, url, host, created_at, expires_at)
        select gen_random_uuid()::text, ${leaseId}, p.id, p.campaign_id, ${device}, p.url, p.host, ${nowIso}, ${expiresIso}
        from picked p
        where p.id is not null
        returning id, frontier_url_id
      )
      select j.id as job_id, p.campaign_id, p.url, p.extraction
      from new_jobs j
      join picked p on p.id = j.frontier_url_id
      order by p.next_fetch_at, p.host`;
}
