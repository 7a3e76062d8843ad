import type { Db } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { withRetry } from '../db/with-transaction-retry.ts';
import { closePickedHostsSql, extractionOf, readyHostsSql } from './ready-hosts-sql.ts';

/** A URL this process holds for its ready queue: leased to no device yet. */
export interface Claim {
  urlId: number;
  campaignId: string;
  url: string;
  host: string;
  extraction: 'article' | 'full-text';
  /** When the claim was made (this process's clock), ms. */
  claimedAt: number;
  /** The URL's `lease_expires_at` and its host's `next_fetch_at` while the claim holds, ISO. */
  claimExpiresAt: string;
  /** The host's `next_fetch_at` before the claim, ISO: restored when the claim is released. */
  windowAt: string;
}

/**
 * Claims the first queued URL of up to `limit` ready hosts for this process, in one prepared
 * statement: the same choice as a lease (ready hosts from the partial index, oldest window first,
 * locked `FOR UPDATE SKIP LOCKED` so processes claim disjoint hosts; active campaigns only; a host
 * found empty loses its `has_queued` flag), but no device, lease or job yet. The URL becomes
 * `leased` until `claimExpiresAt` and its host closed until then, so the expiry sweep returns the
 * claims of a process that died; attempts are counted when a claim is handed out, not here.
 */
export async function claimReadyUrls(
  db: Db,
  params: { now: Date; limit: number; claimExpiresAt: Date },
): Promise<Claim[]> {
  const nowIso = params.now.toISOString();
  const claimIso = params.claimExpiresAt.toISOString();
  const rows = await withRetry(() =>
    db.prepared<{
      url_id: number;
      campaign_id: string;
      url: string;
      host: string;
      extraction: string | null;
      window_at: Date | string;
    }>(sql`${readyHostsSql({ nowIso, limit: params.limit, urlFilter: sql`` })},
      claimed_urls as (
        update frontier_urls set
          status = 'leased',
          lease_expires_at = ${claimIso},
          updated_at = ${nowIso}
        where id in (select id from picked where id is not null)
        returning id
      )${closePickedHostsSql({ closedUntilIso: claimIso, emptyHasQueued: sql`false` })}
      select p.id as url_id, p.campaign_id, p.url, p.host, p.extraction, p.next_fetch_at as window_at
      from picked p
      where p.id is not null
      order by p.next_fetch_at, p.host`),
  );
  const claimedAt = params.now.getTime();
  return rows.map((r) => ({
    urlId: r.url_id,
    campaignId: r.campaign_id,
    url: r.url,
    host: r.host,
    extraction: extractionOf(r.extraction),
    claimedAt,
    claimExpiresAt: claimIso,
    windowAt: new Date(r.window_at).toISOString(),
  }));
}
