import type { PlazaTx } from '@plaza/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/** Bounds of a labeling lease, and the value before a campaign has enough labels to measure. */
export const LEASE_MIN_MS = 2 * 60_000;
export const LEASE_MAX_MS = 30 * 60_000;
export const LEASE_DEFAULT_MS = 5 * 60_000;

/**
 * How long a labeling lease lasts: 1.5 × the 95th percentile of the campaign's recent task times
 * (the slow end, with room), between 2 and 30 minutes; 5 minutes until 20 labels exist.
 */
export async function leaseDuration(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  campaignId: string,
): Promise<number> {
  const [row] = await deps.db.rows<{ n: number; p95: number | null }>(
    sql`select count(*)::int as n,
          percentile_cont(0.95) within group (order by duration_ms) as p95
        from (select duration_ms from labels where campaign_id = ${campaignId}
              order by created_at desc limit 500) recent`,
    tx,
  );
  if (!row || row.n < 20 || row.p95 === null) return LEASE_DEFAULT_MS;
  return Math.min(LEASE_MAX_MS, Math.max(LEASE_MIN_MS, Math.round(row.p95 * 1.5)));
}
