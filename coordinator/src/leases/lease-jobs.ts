import { randomUUID } from 'node:crypto';
import { frontierUrls, hosts, jobs, leases } from '@plaza/db';
import type { Job } from '@plaza/protocol';
import { inArray, sql } from 'drizzle-orm';
import { withTransactionRetry } from '../db/with-transaction-retry.ts';
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
 * window has passed and whose robots.txt is known. One transaction: the ready hosts are locked with
 * `FOR UPDATE SKIP LOCKED`, so any number of coordinator processes can lease at once without ever
 * handing out the same host (or URL) twice; each leased host is blocked until the lease expires or
 * its job is submitted.
 */
export async function leaseJobs(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'metrics'>,
  params: LeaseJobsParams,
): Promise<LeaseJobsResult> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.PLAZA_LEASE_TTL_SECONDS * 1000);
  const leaseId = randomUUID();
  const campaignFilter = params.campaignId ? sql`and f.campaign_id = ${params.campaignId}` : sql``;

  const picked = await withTransactionRetry(deps.db, async (tx) => {
    const rows = await deps.db.rows<{
      host: string;
      id: number;
      campaign_id: string;
      url: string;
      extraction: 'article' | 'full-text';
    }>(
      sql`
        with ready as (
          select h.host from ${hosts} h
          where h.next_fetch_at <= ${now.toISOString()}
            and h.robots_state = 'ok'
            and h.robots_expires_at > ${now.toISOString()}
            and h.refused_reason is null
            and exists (
              select 1 from ${frontierUrls} f
              join campaigns c on c.id = f.campaign_id and c.status = 'active'
              where f.host = h.host and f.status = 'queued' ${campaignFilter}
            )
          order by h.next_fetch_at
          limit ${params.max}
          for update of h skip locked
        )
        select r.host, f.id, f.campaign_id, f.url, c.spec->>'extraction' as extraction
        from ready r
        cross join lateral (
          select f.id, f.campaign_id, f.url from ${frontierUrls} f
          join campaigns c on c.id = f.campaign_id and c.status = 'active'
          where f.host = r.host and f.status = 'queued' ${campaignFilter}
          order by f.priority, f.id
          limit 1
        ) f
        join campaigns c on c.id = f.campaign_id`,
      tx,
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => Number(r.id));
    await tx
      .update(frontierUrls)
      .set({
        status: 'leased',
        attempts: sql`${frontierUrls.attempts} + 1`,
        leaseExpiresAt: expiresAt,
        updatedAt: now,
      })
      .where(inArray(frontierUrls.id, ids));
    await tx
      .update(hosts)
      .set({ nextFetchAt: expiresAt })
      .where(
        inArray(
          hosts.host,
          rows.map((r) => r.host),
        ),
      );
    await tx
      .insert(leases)
      .values({ id: leaseId, deviceAddress: params.device, createdAt: now, expiresAt });
    const jobRows = rows.map((r) => ({
      id: randomUUID(),
      leaseId,
      frontierUrlId: Number(r.id),
      campaignId: r.campaign_id,
      deviceAddress: params.device,
      url: r.url,
      host: r.host,
      createdAt: now,
      expiresAt,
    }));
    await tx.insert(jobs).values(jobRows);
    return jobRows.map((job, i) => ({
      jobId: job.id,
      campaignId: job.campaignId,
      url: job.url,
      extraction:
        rows[i]?.extraction === 'full-text' ? ('full-text' as const) : ('article' as const),
    }));
  });

  deps.metrics.jobsLeased.inc(picked.length);
  return {
    lease: { id: leaseId, expiresAt: expiresAt.toISOString(), jobs: picked },
    ...(picked.length === 0 ? { retryAfterMs: EMPTY_LEASE_RETRY_MS } : {}),
  };
}
