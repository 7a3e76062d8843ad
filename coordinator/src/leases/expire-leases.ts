import { hosts } from '@plaza/db';
import { inArray, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/** How many expired URLs one sweep returns to the frontier at most. */
const SWEEP_LIMIT = 1000;

/**
 * Returns the URLs of expired leases to the frontier (or marks them failed once their attempts are
 * spent) and marks their jobs expired. Safe to run from every coordinator process at once: rows
 * another sweep holds are skipped.
 */
export async function expireLeases(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'metrics'>,
): Promise<{ requeued: number; failed: number }> {
  const now = deps.clock.now();
  const rows = await deps.db.db.transaction(async (tx) => {
    await tx.execute(
      sql`update jobs set state = 'expired' where state = 'leased' and expires_at <= ${now.toISOString()}`,
    );
    const requeued = await deps.db.rows<{ status: string; host: string }>(
      sql`
        update frontier_urls f set
          status = case when f.attempts >= ${deps.config.PLAZA_MAX_ATTEMPTS} then 'failed' else 'queued' end,
          reason = case when f.attempts >= ${deps.config.PLAZA_MAX_ATTEMPTS} then 'ATTEMPTS_EXHAUSTED' else f.reason end,
          lease_expires_at = null,
          updated_at = ${now.toISOString()}
        where f.id in (
          select id from frontier_urls
          where status = 'leased' and lease_expires_at <= ${now.toISOString()}
          limit ${SWEEP_LIMIT}
          for update skip locked
        )
        returning f.status, f.host`,
      tx,
    );
    const requeuedHosts = [
      ...new Set(requeued.filter((r) => r.status === 'queued').map((r) => r.host)),
    ];
    if (requeuedHosts.length > 0) {
      await tx
        .update(hosts)
        .set({ hasQueued: true })
        .where(inArray(hosts.host, requeuedHosts.sort()));
    }
    return requeued;
  });
  const failed = rows.filter((r) => r.status === 'failed').length;
  deps.metrics.jobsExpired.inc(rows.length);
  return { requeued: rows.length - failed, failed };
}
