import type { Db } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { withRetry } from '../db/with-transaction-retry.ts';
import type { Claim } from './claim-ready-urls.ts';

/** A claim given to a device: one job of one lease. */
export interface HandOut {
  claim: Claim;
  jobId: string;
  leaseId: string;
  device: string;
  /** ISO. */
  createdAt: string;
  /** ISO: the job's and the URL's lease expiry; the host stays closed until then. */
  expiresAt: string;
}

/**
 * Writes handed-out claims as leases and jobs, in one prepared statement for any number of
 * leases: each URL still held by its claim (`leased`, `lease_expires_at` the claim's expiry)
 * counts an attempt and takes its job's expiry, its host stays closed until then, and the lease
 * and job rows are inserted. A claim the expiry sweep already returned to the frontier is
 * skipped. Returns the ids of the jobs written.
 *
 * The planner guesses 100 rows for `jsonb_to_recordset` (a lease has 1–32), and with that guess
 * it hashed the whole leased part of the frontier (7 ms at 12,000 leased URLs) or scanned every
 * host (8 ms at 5,000) on each lease. The `= any(array(…))` conditions give it the primary keys
 * as an index condition it estimates at a few rows, so each row is found by its key.
 */
export async function handOutClaims(db: Db, handOuts: readonly HandOut[]): Promise<Set<string>> {
  if (handOuts.length === 0) return new Set();
  const rows = handOuts.map((h) => ({
    job_id: h.jobId,
    lease_id: h.leaseId,
    device: h.device,
    url_id: h.claim.urlId,
    host: h.claim.host,
    claim_expires_at: h.claim.claimExpiresAt,
    created_at: h.createdAt,
    expires_at: h.expiresAt,
  }));
  const written = await withRetry(() =>
    db.prepared<{ job_id: string }>(sql`
      with v as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
          job_id text, lease_id text, device text, url_id bigint, host text,
          claim_expires_at timestamptz, created_at timestamptz, expires_at timestamptz
        )
      ),
      urls as (
        update frontier_urls f set
          lease_expires_at = v.expires_at,
          attempts = f.attempts + 1,
          updated_at = v.created_at
        from v
        where f.id = any(array(select url_id from v)) and f.id = v.url_id
          and f.status = 'leased' and f.lease_expires_at = v.claim_expires_at
        returning f.id, f.campaign_id, f.url, f.host
      ),
      closed_hosts as (
        update hosts h set next_fetch_at = v.expires_at
        from v
        where h.host = any(array(select host from v)) and h.host = v.host
          and h.next_fetch_at = v.claim_expires_at
        returning h.host
      ),
      new_leases as (
        insert into leases (id, device_address, created_at, expires_at)
        select distinct on (v.lease_id) v.lease_id, v.device, v.created_at, v.expires_at
        from v join urls u on u.id = v.url_id
        order by v.lease_id
        returning id
      ),
      new_jobs as (
        insert into jobs (id, lease_id, frontier_url_id, campaign_id, device_address, url, host, created_at, expires_at)
        select v.job_id, v.lease_id, u.id, u.campaign_id, v.device, u.url, u.host, v.created_at, v.expires_at
        from v join urls u on u.id = v.url_id
        returning id
      )
      select id as job_id from new_jobs`),
  );
  return new Set(written.map((r) => r.job_id));
}
