import type { Db } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { withRetry } from '../db/with-transaction-retry.ts';
import type { Claim } from './claim-ready-urls.ts';

/**
 * Returns claims no device took to the frontier, in one statement: each URL still held by its
 * claim is queued again (no attempt was counted), and its host, still closed by the claim, gets
 * its window back and its `has_queued` flag. Claims the expiry sweep already returned are left
 * alone. Returns how many URLs were queued again.
 */
export async function releaseClaims(db: Db, claims: readonly Claim[]): Promise<number> {
  if (claims.length === 0) return 0;
  const rows = claims.map((c) => ({
    url_id: c.urlId,
    host: c.host,
    claim_expires_at: c.claimExpiresAt,
    window_at: c.windowAt,
  }));
  const [row] = await withRetry(() =>
    db.prepared<{ urls: number }>(sql`
      with v as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
          url_id bigint, host text, claim_expires_at timestamptz, window_at timestamptz
        )
      ),
      urls as (
        update frontier_urls f set status = 'queued', lease_expires_at = null
        from v
        where f.id = v.url_id and f.status = 'leased' and f.lease_expires_at = v.claim_expires_at
        returning f.id
      ),
      reopened_hosts as (
        update hosts h set next_fetch_at = v.window_at, has_queued = true
        from v
        where h.host = v.host and h.next_fetch_at = v.claim_expires_at
        returning h.host
      )
      select (select count(*) from urls) as urls`),
  );
  return row?.urls ?? 0;
}
