import { randomUUID } from 'node:crypto';
import type { Job } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { withRetry } from '../db/with-transaction-retry.ts';
import type { Deps } from '../deps.ts';

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
  if (deps.leaseQueue && !params.campaignId) {
    const taken = await deps.leaseQueue.take({ device: params.device, max: params.max });
    deps.metrics.jobsLeased.inc(taken.jobs.length);
    return {
      lease: { id: taken.leaseId, expiresAt: taken.expiresAt.toISOString(), jobs: taken.jobs },
      ...(taken.jobs.length === 0 ? { retryAfterMs: EMPTY_LEASE_RETRY_MS } : {}),
    };
  }
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.PLAZA_LEASE_TTL_SECONDS * 1000);
  const nowIso = now.toISOString();
  const expiresIso = expiresAt.toISOString();
  const leaseId = randomUUID();
  const campaignFilter = params.campaignId ? sql`and f.campaign_id = ${params.campaignId}` : sql``;
  const clearEmpty = params.campaignId ? sql`h.has_queued` : sql`false`;

  const rows = await withRetry(() =>
    deps.db.prepared<{
      job_id: string;
      campaign_id: string;
      url: string;
      extraction: string | null;
    }>(sql`
      with ready as (
        select h.host, h.next_fetch_at from hosts h
        where h.has_queued and h.robots_state = 'ok' and h.refused_reason is null
          and h.next_fetch_at <= ${nowIso}
          and h.robots_expires_at > ${nowIso}
        order by h.next_fetch_at
        limit ${params.max}
        for update of h skip locked
      ),
      picked as (
        select r.host, r.next_fetch_at, f.id, f.campaign_id, f.url, f.extraction
        from ready r
        left join lateral (
          select f.id, f.campaign_id, f.url, c.spec->>'extraction' as extraction
          from frontier_urls f
          join campaigns c on c.id = f.campaign_id and c.status = 'active'
          where f.host = r.host and f.status = 'queued' ${campaignFilter}
          order by f.priority, f.id
          limit 1
        ) f on true
      ),
      leased_urls as (
        update frontier_urls set
          status = 'leased',
          attempts = attempts + 1,
          lease_expires_at = ${expiresIso},
          updated_at = ${nowIso}
        where id in (select id from picked where id is not null)
        returning id
      ),
      closed_hosts as (
        update hosts h set
          next_fetch_at = case when p.id is null then h.next_fetch_at else ${expiresIso}::timestamptz end,
          has_queued = case
            when p.id is null then ${clearEmpty}
            else exists (
              select 1 from frontier_urls f2
              where f2.host = h.host and f2.status = 'queued' and f2.id <> p.id
            )
          end
        from picked p
        where h.host = p.host
        returning h.host
      ),
      new_lease as (
        insert into leases (id, device_address, created_at, expires_at)
        select ${leaseId}, ${params.device}, ${nowIso}, ${expiresIso}
        where exists (select 1 from picked where id is not null)
        returning id
      ),
      new_jobs as (
        insert into jobs (id, lease_id, frontier_url_id, campaign_id, device_address, url, host, created_at, expires_at)
        select gen_random_uuid()::text, ${leaseId}, p.id, p.campaign_id, ${params.device}, p.url, p.host, ${nowIso}, ${expiresIso}
        from picked p
        where p.id is not null
        returning id, frontier_url_id
      )
      select j.id as job_id, p.campaign_id, p.url, p.extraction
      from new_jobs j
      join picked p on p.id = j.frontier_url_id
      order by p.next_fetch_at, p.host`),
  );

  const picked: Job[] = rows.map((r) => ({
    jobId: r.job_id,
    campaignId: r.campaign_id,
    url: r.url,
    extraction: r.extraction === 'full-text' ? 'full-text' : 'article',
  }));
  deps.metrics.jobsLeased.inc(picked.length);
  return {
    lease: { id: leaseId, expiresAt: expiresAt.toISOString(), jobs: picked },
    ...(picked.length === 0 ? { retryAfterMs: EMPTY_LEASE_RETRY_MS } : {}),
  };
}
